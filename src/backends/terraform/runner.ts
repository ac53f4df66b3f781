// Runs the Terraform CLI for apply and destroy (I/O; emit.ts stays pure). terraform comes from
// --terraform-bin or PATH. Output is streamed line by line as it comes; nothing secret is passed on
// the command line (TF_VAR_* go through the environment, which other local users cannot read).
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { CODES, error, PilotError } from '../../compiler/diagnostics.ts';

export type TerraformOutputs = Record<string, { value: unknown; type?: unknown; sensitive: boolean }>;

export type TerraformRunner = {
  readonly bin: string;
  init(): Promise<void>;
  apply(): Promise<void>;
  output(): Promise<TerraformOutputs>;
  destroy(): Promise<void>;
};

/** The terraform executable: the flag's path, else the first `terraform` on PATH. */
export function findTerraform(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const runnable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (flag) {
    const p = isAbsolute(flag) || flag.includes('/') ? resolve(cwd, flag) : flag;
    if (p.includes('/') && runnable(p)) return p;
    if (!p.includes('/')) {
      const found = (env.PATH ?? '').split(delimiter).map((d) => join(d, p)).find(runnable);
      if (found) return found;
    }
    throw new PilotError([error(CODES.TERRAFORM_NOT_FOUND, `--terraform-bin ${flag} is not an executable file`, { hint: 'Pass the path of a terraform binary (1.10 or later)' })]);
  }
  const found = (env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'terraform')).find(runnable);
  if (!found) throw new PilotError([error(CODES.TERRAFORM_NOT_FOUND, 'terraform is not on PATH', { hint: 'Install Terraform 1.10 or later, or pass --terraform-bin PATH' })]);
  return found;
}

export type RunnerOptions = {
  bin: string;
  /** The directory holding main.tf.json. */
  cwd: string;
  /** Extra environment (TF_VAR_gcp_db_password); merged over the process environment. */
  env?: Record<string, string>;
  /** Each line of terraform's stdout and stderr, as it comes. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Extra `terraform init` arguments (e.g. -plugin-dir in offline tests). */
  initArgs?: string[];
  /** Environment variables terraform must not inherit (the secret('NAME') values: it never needs them). */
  omitEnv?: string[];
};

export function terraformRunner(o: RunnerOptions): TerraformRunner {
  const env: NodeJS.ProcessEnv = { ...process.env, ...o.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
  for (const name of o.omitEnv ?? []) delete env[name];
  const run = (args: string[], capture = false): Promise<string> =>
    new Promise((resolvePromise, reject) => {
      const child = spawn(o.bin, args, { cwd: o.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let tail: string[] = [];
      const split = (stream: 'stdout' | 'stderr') => {
        let buf = '';
        return (d: Buffer) => {
          if (capture && stream === 'stdout') return void (out += d);
          buf += d;
          const lines = buf.split('\n');
          buf = lines.pop() ?? '';
          for (const line of lines) {
            tail = [...tail.slice(-19), line];
            o.onLine?.(line, stream);
          }
        };
      };
      child.stdout.on('data', split('stdout'));
      child.stderr.on('data', split('stderr'));
      child.on('error', (e) => reject(new PilotError([error(CODES.TERRAFORM_NOT_FOUND, `cannot run ${o.bin}: ${e.message}`, { hint: 'Pass --terraform-bin PATH' })])));
      child.on('close', (code, signal) => {
        if (code === 0) return resolvePromise(out);
        reject(new PilotError([error(CODES.TERRAFORM_FAILED, `terraform ${args[0]} failed (${signal ?? `exit ${code}`})`, {
          hint: `${tail.filter((l) => l.trim()).slice(-5).join(' | ') || 'see the output above'}; fix the cause and rerun: Terraform resumes from its state`,
        })]));
      });
    });
  return {
    bin: o.bin,
    init: () => run(['init', '-input=false', '-no-color', ...(o.initArgs ?? [])]).then(() => undefined),
    apply: () => run(['apply', '-input=false', '-no-color', '-auto-approve']).then(() => undefined),
    destroy: () => run(['destroy', '-input=false', '-no-color', '-auto-approve']).then(() => undefined),
    async output() {
      const text = await run(['output', '-json', '-no-color'], true);
      try {
        return JSON.parse(text || '{}') as TerraformOutputs;
      } catch {
        throw new PilotError([error(CODES.TERRAFORM_FAILED, 'terraform output -json did not print JSON')]);
      }
    },
  };
}
