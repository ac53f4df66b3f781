// `pilot init`: a commented pilot.config.ts (from flags, or prompts on a TTY), the .gitignore lines
// for .pilot/, and the CI workflow. Refuses to overwrite an existing config.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { CODES, error, PilotError } from '../../compiler/diagnostics.ts';
import { CI_WORKFLOW, GITIGNORE_LINES, type InitAnswers, renderInitConfig } from './init-templates.ts';

export type InitFlags = { dir?: string; name?: string; cloud?: string; region?: string; sshKey?: string; app?: string; ci?: boolean; json: boolean };

const DEFAULT_REGION = { aws: 'us-east-1', gcp: 'us-central1' } as const;

async function ask(flags: InitFlags): Promise<InitAnswers> {
  const tty = process.stdin.isTTY && process.stderr.isTTY;
  const rl = tty ? createInterface({ input: process.stdin, output: process.stderr }) : undefined;
  const q = async (question: string, given: string | undefined, fallback: string) => given ?? (rl ? (await rl.question(`${question} [${fallback}] `)).trim() || fallback : fallback);
  try {
    const name = await q('Name of this Pilot (lowercase)', flags.name, 'acme');
    const cloud = await q('Cloud for the server (aws or gcp)', flags.cloud, 'aws');
    if (cloud !== 'aws' && cloud !== 'gcp') throw new PilotError([error(CODES.INIT_EXISTS, `--cloud must be aws or gcp, not ${cloud}`)]);
    const region = await q('Region', flags.region, DEFAULT_REGION[cloud]);
    let sshKey = await q('SSH public key (ssh-ed25519 …, or a .pub file)', flags.sshKey, '');
    if (sshKey && !sshKey.startsWith('ssh-') && existsSync(sshKey)) sshKey = readFileSync(sshKey, 'utf8').trim();
    const app = await q('First app name', flags.app, 'web');
    return { name, cloud, region, sshKey, app };
  } finally {
    rl?.close();
  }
}

export async function runInit(flags: InitFlags): Promise<number> {
  const dir = resolve(flags.dir ?? '.');
  const configFile = join(dir, 'pilot.config.ts');
  if (existsSync(configFile)) throw new PilotError([error(CODES.INIT_EXISTS, `${configFile} already exists`, { hint: 'pilot init only creates a new config; edit the existing one' })]);
  const answers = await ask(flags);
  const written: string[] = [];
  mkdirSync(dir, { recursive: true });
  writeFileSync(configFile, renderInitConfig(answers));
  written.push('pilot.config.ts');

  const gitignore = join(dir, '.gitignore');
  const have = existsSync(gitignore) ? readFileSync(gitignore, 'utf8').split('\n').map((l) => l.trim()) : [];
  const missing = GITIGNORE_LINES.filter((l) => !have.includes(l));
  if (missing.length) {
    appendFileSync(gitignore, `${have.length && have[have.length - 1] !== '' ? '\n' : ''}# pilot: build output, local record and state, Terraform work dir\n${missing.join('\n')}\n`);
    written.push('.gitignore');
  }
  if (flags.ci !== false) {
    const wf = join(dir, '.github', 'workflows', 'pilot.yml');
    if (!existsSync(wf)) {
      mkdirSync(dirname(wf), { recursive: true });
      writeFileSync(wf, CI_WORKFLOW);
      written.push('.github/workflows/pilot.yml');
    }
  }
  if (flags.json) process.stdout.write(`${JSON.stringify({ status: 'ok', written })}\n`);
  else {
    process.stdout.write(`✔ created ${written.join(', ')} in ${dir}\n`);
    if (!answers.sshKey) process.stdout.write('  set server.sshKey to your SSH public key before pilot apply\n');
    process.stdout.write('  next: pilot validate, then pilot plan\n');
  }
  return 0;
}
