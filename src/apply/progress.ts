// Progress of a multi-step command: a step list with a spinner on a TTY, plain timestamped lines
// otherwise, one JSON event per line with --json. The only place apply/destroy/up print progress.
export type ProgressMode = 'tty' | 'plain' | 'json';

export type Progress = {
  /** Starts a step; the previous one, if still open, is marked done. */
  step(id: string, title: string): void;
  done(detail?: string): void;
  fail(message: string): void;
  /** A line of output inside the current step (terraform, job terminal). */
  line(text: string): void;
  warn(text: string): void;
  info(text: string): void;
  close(): void;
};

export type ProgressOptions = { mode: ProgressMode; write?: (s: string) => void; now?: () => Date };

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function createProgress(o: ProgressOptions): Progress {
  const write = o.write ?? ((s: string) => void process.stderr.write(s));
  const now = o.now ?? (() => new Date());
  let current: { id: string; title: string; started: number } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let frame = 0;

  const stamp = () => now().toISOString().replace(/\.\d+Z$/, 'Z');
  const event = (e: Record<string, unknown>) => write(`${JSON.stringify({ time: now().toISOString(), ...e })}\n`);
  const clearSpinner = () => {
    if (o.mode === 'tty' && current) write('\r\u001b[2K');
  };
  const drawSpinner = () => {
    if (o.mode === 'tty' && current) write(`\r\u001b[2K${FRAMES[frame++ % FRAMES.length]} ${current.title}`);
  };
  const emit = (kind: string, text: string, extra: Record<string, unknown> = {}) => {
    if (o.mode === 'json') return event({ type: kind, step: current?.id, text, ...extra });
    if (o.mode === 'plain') return write(`${stamp()} ${text}\n`);
    clearSpinner();
    write(`${text}\n`);
    drawSpinner();
  };
  const finish = (ok: boolean, detail?: string) => {
    if (!current) return;
    const secs = ((now().getTime() - current.started) / 1000).toFixed(1);
    const text = `${ok ? '✔' : '✖'} ${current.title}${detail ? `: ${detail}` : ''} (${secs}s)`;
    if (o.mode === 'json') event({ type: ok ? 'step-done' : 'step-failed', step: current.id, detail, seconds: Number(secs) });
    else {
      clearSpinner();
      write(o.mode === 'plain' ? `${stamp()} ${text}\n` : `${text}\n`);
    }
    current = undefined;
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  return {
    step(id, title) {
      finish(true);
      current = { id, title, started: now().getTime() };
      if (o.mode === 'json') event({ type: 'step', step: id, title });
      else if (o.mode === 'plain') write(`${stamp()} → ${title}\n`);
      else {
        drawSpinner();
        timer = setInterval(drawSpinner, 100);
        timer.unref();
      }
    },
    done: (detail) => finish(true, detail),
    fail: (message) => finish(false, message),
    line: (text) => emit('line', o.mode === 'json' ? text : `  ${text}`),
    warn: (text) => emit('warning', o.mode === 'json' ? text : `⚠ ${text}`),
    info: (text) => emit('info', text),
    close() {
      finish(true);
    },
  };
}
