// What apply, destroy, outputs, up and unlock share at the CLI edge: the compiled config, the record
// store, confirmation, durations, and how to reach the server. I/O lives here, not in the steps.
import { dirname } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { compileConfig, type CompileResult } from '../compiler/compile.ts';
import { CODES, error, hasErrors, PilotError } from '../compiler/diagnostics.ts';
import { loadConfig } from '../compiler/load.ts';
import type { Model } from '../compiler/model.ts';
import { openStore, type RecordStore, terraformWorkDir } from '../state/index.ts';

export type Compiled = CompileResult & { model: Model; configFile: string; configDir: string; configHash: string; configPaths: Record<string, string> };

/** Loads and compiles pilot.config.ts; errors become a PilotError. */
export async function compileProject(configPath: string | undefined, command: string): Promise<Compiled> {
  const cwd = process.cwd();
  const loaded = await loadConfig({ cwd, configPath, command });
  const result = await compileConfig(loaded.raw, loaded.source);
  if (hasErrors(result.diagnostics) || !result.model) throw new PilotError(result.diagnostics);
  return { ...result, model: result.model, configFile: loaded.source.file, configDir: dirname(loaded.source.file), configHash: result.configHash ?? '', configPaths: result.configPaths ?? {} };
}

export const openRecordStore = (model: Model, configDir: string): Promise<RecordStore> => openStore(model.state, configDir);

/** Where apply (and plan --terraform) run terraform: .pilot/state/terraform, local state included. */
export const workDirFor = (configDir: string) => terraformWorkDir(configDir);

/** "30s", "10m", "2h" -> milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new PilotError([error(CODES.NOT_CONFIRMED, `${flag} ${text} is not a duration`, { hint: 'Use e.g. 30s, 10m or 1h' })]);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

/** Asks on a TTY; without one, proceeds only with --yes. */
export async function confirm(question: string, o: { yes?: boolean; what: string }): Promise<void> {
  if (o.yes) return;
  if (!process.stdin.isTTY || !process.stderr.isTTY)
    throw new PilotError([error(CODES.NOT_CONFIRMED, `refusing to ${o.what} without confirmation: no terminal to ask on`, { hint: 'Review the plan above, then rerun with --yes' })]);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${question} [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') throw new PilotError([error(CODES.NOT_CONFIRMED, `${o.what}: not confirmed, nothing was changed`)]);
  } finally {
    rl.close();
  }
}

/**
 * How to reach the server. Production uses port 22 as the `pilot` admin user and Waypoint's 9701.
 * PILOT_SSH_PORT / PILOT_SSH_USER / PILOT_WAYPOINT_PORT override them (port-forwarded setups, and
 * the tests, which run sshd and the Waypoint stand-in on free local ports); PILOT_REMOTE_ROOT
 * prefixes the server's /etc/pilot paths (tests only: their "server" is this machine).
 */
export function serverOverrides(env: NodeJS.ProcessEnv): { sshPort: number; sshUser?: string; waypointPort?: number; remoteRoot?: string } {
  const num = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
  return { sshPort: num(env.PILOT_SSH_PORT) ?? 22, sshUser: env.PILOT_SSH_USER || undefined, waypointPort: num(env.PILOT_WAYPOINT_PORT), remoteRoot: env.PILOT_REMOTE_ROOT || undefined };
}
