// Reaching the Pilot server over SSH after Terraform created it: wait (bounded) until it answers and
// cloud-init's bootstrap has touched /etc/pilot/ready, read the root-only /etc/pilot/server.json
// (the Waypoint token and the certificate to pin), and write files the runner needs.
import { z } from 'zod/mini';
import { ADMIN_USER, READY_PATH, SERVER_INFO_PATH } from '../backends/cloud-init/paths.ts';
import { CODES, error, PilotError } from '../compiler/diagnostics.ts';
import { connectSsh, readRootFileCommand, type SshAuth, SshError, type SshSession } from '../ssh/client.ts';

export const serverInfoSchema = z.object({
  token: z.string().check(z.regex(/^[A-Za-z0-9]+$/)),
  certificateSha256: z.string().check(z.regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)),
  certificatePem: z.string().check(z.includes('BEGIN CERTIFICATE')),
});
export type ServerInfo = z.output<typeof serverInfoSchema>;

export type ServerAccess = {
  host: string;
  sshPort: number;
  auth: SshAuth;
  /** The host key pinned in the record, if any. */
  pinnedHostKey?: string;
  /** Prefix for the server's paths (tests run the server's files under a temp dir). */
  remoteRoot?: string;
  username?: string;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connects, retrying until `timeoutMs`, then waits for the ready marker. A changed host key or a refused key stop at once. */
export async function waitForServer(a: ServerAccess, o: { timeoutMs: number; intervalMs?: number; onWait?: (why: string) => void; notReadyHint?: string }): Promise<SshSession> {
  const until = Date.now() + o.timeoutMs;
  const interval = o.intervalMs ?? 5000;
  const ready = `${a.remoteRoot ?? ''}${READY_PATH}`;
  let last = '';
  for (;;) {
    let session: SshSession | undefined;
    try {
      session = await connectSsh({ host: a.host, port: a.sshPort, username: a.username ?? ADMIN_USER }, a.auth, a.pinnedHostKey, Math.min(20_000, Math.max(1000, until - Date.now())));
      const r = await session.exec(`test -f '${ready}'`);
      if (r.code === 0) return session;
      last = 'the bootstrap has not finished (no /etc/pilot/ready yet)';
      session.close();
    } catch (e) {
      session?.close();
      if (e instanceof SshError && e.kind === 'host-key-changed') throw new PilotError([error(CODES.HOST_KEY_CHANGED, e.message)]);
      if (e instanceof SshError && (e.kind === 'auth' || e.kind === 'no-key'))
        throw new PilotError([error(CODES.SSH_FAILED, e.message, { hint: `Use the private key of server.sshKey: --ssh-key PATH, PILOT_SSH_KEY, or ssh-agent` })]);
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() >= until)
      throw new PilotError([error(CODES.SERVER_NOT_READY, `the server at ${a.host} was not ready within ${Math.round(o.timeoutMs / 1000)}s: ${last}`, {
        hint: o.notReadyHint ?? 'Check the server\'s serial console or /var/log/cloud-init-output.log; rerun pilot apply to continue (Terraform has nothing left to do)',
      })]);
    o.onWait?.(last);
    await sleep(Math.min(interval, Math.max(0, until - Date.now())));
  }
}

export async function readServerInfo(session: SshSession, remoteRoot = ''): Promise<ServerInfo> {
  const r = await session.exec(readRootFileCommand(`${remoteRoot}${SERVER_INFO_PATH}`));
  const bad = (why: string) => new PilotError([error(CODES.SERVER_INFO_INVALID, `cannot read ${SERVER_INFO_PATH} on the server: ${why}`, { hint: 'The bootstrap writes it; see /var/log/cloud-init-output.log on the server' })]);
  if (r.code !== 0) throw bad(r.stderr.trim() || `exit ${r.code}`);
  let raw: unknown;
  try {
    raw = JSON.parse(r.stdout);
  } catch {
    throw bad('it is not JSON');
  }
  const parsed = serverInfoSchema.safeParse(raw);
  // Never echo the document: it holds the token.
  if (!parsed.success) throw bad(`field ${parsed.error.issues[0].path.join('.')} is missing or malformed`);
  return parsed.data;
}

/** Writes a file as root (mode 0644, or 0600 for a secret) atomically: a temp file renamed into place. */
export async function writeServerFile(session: SshSession, path: string, contents: string, remoteRoot = '', mode = '0644'): Promise<void> {
  const p = `${remoteRoot}${path}`;
  if (/['\\]/.test(p)) throw new Error(`unsafe server path ${p}`);
  const dir = p.slice(0, p.lastIndexOf('/')) || '/';
  const script = `set -e; mkdir -p '${dir}'; cat > '${p}.new'; chmod ${mode} '${p}.new'; mv -f '${p}.new' '${p}'`;
  const r = await session.exec(`$([ "$(id -u)" = 0 ] || echo sudo -n) sh -c "${script}"`, contents);
  if (r.code !== 0) throw new PilotError([error(CODES.SSH_FAILED, `cannot write ${path} on the server: ${r.stderr.trim() || `exit ${r.code}`}`)]);
}
