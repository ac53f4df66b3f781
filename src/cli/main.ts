// cac wiring only. Each action lazy-imports its command (commands/index.ts), so `pilot --help` loads
// neither esbuild nor cdktf. Errors reach one handler: PilotError diagnostics are rendered plainly;
// anything else is a bug and shows its stack only with --debug.
import { cac } from 'cac';
import pkg from '../../package.json' with { type: 'json' };
import type { PilotError } from '../compiler/diagnostics.ts';

/** The commands (in the shipped CLI, dist/commands.cjs through V8's code cache); each loads on first use. */
const commands = () => import('./commands/index.ts');

type GlobalFlags = { config?: string; json?: boolean; debug?: boolean; color?: boolean; timeout?: number };

function useColor(flags: GlobalFlags, stream: 'stdout' | 'stderr' = 'stderr'): boolean {
  return flags.color !== false && !process.env.NO_COLOR && process[stream].isTTY === true;
}

async function handleError(e: unknown, flags: GlobalFlags): Promise<number> {
  const cwd = process.cwd();
  const { diagnosticsToJson, formatDiagnostics, printJson } = await (await commands()).output();
  if (e instanceof Error && e.name === 'PilotError') {
    const ds = (e as PilotError).diagnostics;
    if (flags.json) printJson({ status: 'error', diagnostics: diagnosticsToJson(ds, cwd), artifacts: [] });
    else process.stderr.write(formatDiagnostics(ds, { json: false, color: useColor(flags), cwd }));
    if (flags.debug) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
  const message = e instanceof Error ? e.message : String(e);
  if (flags.json) printJson({ status: 'error', diagnostics: [{ severity: 'error', code: 'PILOT9999', message: `internal error: ${message}` }], artifacts: [] });
  else process.stderr.write(`✖ internal error: ${message}\n  hint: this is a bug in pilot; rerun with --debug and report the stack trace\n`);
  if (flags.debug && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return 1;
}

export async function main(argv: string[]): Promise<number> {
  const cli = cac('pilot');
  let code = 0;
  cli
    .option('-c, --config <path>', 'Path to pilot.config.ts (default: the nearest one in this directory or a parent, up to the repository root)')
    .option('--timeout <seconds>', 'Stop a pilot.config.ts that takes longer than this to evaluate (default: 10, also: PILOT_TIMEOUT)')
    .option('--json', 'Print a machine-readable JSON result on stdout')
    .option('--debug', 'Show stack traces for errors')
    .option('--no-color', 'Print no colors (colors are used only when stderr is a terminal; also: NO_COLOR=1)');

  cli
    .command('compile', 'Compile pilot.config.ts into Terraform, cloud-init and waypoint.hcl artifacts (offline)')
    .option('--out <dir>', 'Output directory (default: .pilot/build next to the config)')
    .option('--check', 'Write nothing; exit 1 and list the stale files if the output directory is out of date')
    .example('  pilot compile')
    .example('  pilot compile --config infra/pilot.config.ts --out build/pilot')
    .example('  pilot compile --check          # in CI: fail when committed artifacts are stale')
    .action(async (flags: GlobalFlags & { out?: string; check?: boolean }) => {
      const { runCompile } = await (await commands()).compile();
      code = await runCompile({ config: flags.config, out: flags.out, check: flags.check, json: !!flags.json, color: useColor(flags), timeout: flags.timeout }, 'compile');
    });

  cli
    .command('validate', 'Check pilot.config.ts and report every problem, writing nothing')
    .example('  pilot validate --json')
    .action(async (flags: GlobalFlags) => {
      const { runCompile } = await (await commands()).compile();
      code = await runCompile({ config: flags.config, json: !!flags.json, color: useColor(flags), timeout: flags.timeout }, 'validate');
    });

  cli
    .command('plan', 'Compare what the config compiles to with what was last applied; exit 0 no changes, 2 changes, 1 error')
    .option('--markdown', 'Print the plan as a pull-request comment (at most 60,000 characters)')
    .option('--out <file>', 'Also save the plan (with the artifacts) for pilot apply <file>')
    .option('--against <n>', 'Compare with applied record number n (see pilot history) instead of the latest')
    .option('--diff', 'Also print each changed file as a unified diff')
    .option('--terraform', "Add Terraform's own plan (terraform init + plan + show in .pilot/state/terraform)")
    .option('--terraform-plugin-dir <dir>', 'Pass -plugin-dir to terraform init (offline, air-gapped; also TF_PLUGIN_DIR)')
    .option('--terraform-bin <path>', 'The terraform executable (default: terraform on PATH)')
    .example('  pilot plan')
    .example('  pilot plan --markdown > plan.md        # in CI: the pull-request comment')
    .example('  pilot plan --out plan.json && pilot apply plan.json')
    .action(async (flags: GlobalFlags & { markdown?: boolean; out?: string; against?: string; diff?: boolean; terraform?: boolean; terraformPluginDir?: string; terraformBin?: string }) => {
      const { runPlan } = await (await commands()).plan();
      const against = flags.against === undefined ? undefined : Number(flags.against);
      if (against !== undefined && (!Number.isInteger(against) || against < 1)) throw Object.assign(new Error(`--against takes a record number from pilot history, not "${flags.against}"`), { name: 'CACError' });
      code = await runPlan({ config: flags.config, json: !!flags.json, markdown: flags.markdown, color: useColor(flags, 'stdout'), out: flags.out, against, diff: flags.diff, terraform: flags.terraform, terraformPluginDir: flags.terraformPluginDir, terraformBin: flags.terraformBin });
    });

  cli
    .command('history', 'List the applied records kept in the record store, newest first')
    .action(async (flags: GlobalFlags) => {
      const { runHistory } = await (await commands()).history();
      code = await runHistory({ config: flags.config, json: !!flags.json });
    });

  // --- apply, destroy, outputs, up, init, unlock (issue 9) ---
  cli
    .command('apply [plan]', 'Apply the config (or a saved plan): Terraform, the Waypoint projects and their secrets, then the record')
    .option('--yes', 'Do not ask for confirmation (required without a terminal)')
    .option('--wait <duration>', 'Wait this long for another apply\'s lock (e.g. 10m)')
    .option('--terraform-bin <path>', 'terraform executable (default: terraform on PATH)')
    .option('--ssh-key <path>', 'Private key for the server (default: PILOT_SSH_KEY, then ssh-agent)')
    .option('--prune', 'Destroy the apps of projects no longer in the config through Waypoint (before Terraform deletes their infrastructure), then remove the projects; without it apply refuses while such apps are deployed')
    .option('--ready-timeout <duration>', 'How long to wait for a new server to finish booting (default 15m)')
    .example('  pilot apply')
    .example('  pilot apply plan.json --wait 10m     # in CI: the reviewed saved plan')
    .action(async (plan: string | undefined, flags: GlobalFlags & { yes?: boolean; wait?: string; terraformBin?: string; sshKey?: string; prune?: boolean; readyTimeout?: string }) => {
      const { runApply } = await (await commands()).apply();
      code = await runApply({ config: flags.config, planFile: plan, yes: flags.yes, wait: flags.wait, terraformBin: flags.terraformBin, sshKey: flags.sshKey, prune: flags.prune, readyTimeout: flags.readyTimeout, json: !!flags.json });
    });

  cli
    .command('destroy', 'Destroy every app deployment (through Waypoint), then everything Terraform created')
    .option('--yes', 'Do not ask for confirmation (required without a terminal)')
    .option('--wait <duration>', 'Wait this long for another run\'s lock')
    .option('--terraform-bin <path>', 'terraform executable (default: terraform on PATH)')
    .option('--ssh-key <path>', 'Private key for the server (default: PILOT_SSH_KEY, then ssh-agent)')
    .option('--skip-waypoint', 'Do not destroy app deployments first (only when the server is already gone)')
    .action(async (flags: GlobalFlags & { yes?: boolean; wait?: string; terraformBin?: string; sshKey?: string; skipWaypoint?: boolean }) => {
      const { runDestroy } = await (await commands()).destroy();
      code = await runDestroy({ config: flags.config, yes: flags.yes, wait: flags.wait, terraformBin: flags.terraformBin, sshKey: flags.sshKey, skipWaypoint: flags.skipWaypoint, json: !!flags.json });
    });

  cli
    .command('outputs [name]', 'Show what the last apply produced (server, Waypoint UI, database), never a password')
    .example('  pilot outputs waypoint_url')
    .action(async (name: string | undefined, flags: GlobalFlags) => {
      const { runOutputs } = await (await commands()).outputs();
      code = await runOutputs({ config: flags.config, name, json: !!flags.json });
    });

  cli
    .command('up <target>', 'Deploy PROJECT/APP (or every app of PROJECT) through the Waypoint server, streaming its output')
    .option('--ssh-key <path>', 'Private key for the server (default: PILOT_SSH_KEY, then ssh-agent)')
    .example('  pilot up acme/invoices')
    .action(async (target: string, flags: GlobalFlags & { sshKey?: string }) => {
      const { runUp } = await (await commands()).up();
      code = await runUp({ config: flags.config, target, sshKey: flags.sshKey, json: !!flags.json });
    });

  cli
    .command('init [dir]', 'Create a commented pilot.config.ts, the .gitignore lines and a CI workflow')
    .option('--name <name>', 'Name of this Pilot')
    .option('--cloud <cloud>', 'aws or gcp')
    .option('--region <region>', 'Region of the server')
    .option('--ssh-key <key>', 'SSH public key (or a .pub file)')
    .option('--app <name>', 'Name of the first app')
    .option('--no-ci', 'Do not write .github/workflows/pilot.yml')
    .action(async (dir: string | undefined, flags: GlobalFlags & { name?: string; cloud?: string; region?: string; sshKey?: string; app?: string; ci?: boolean }) => {
      const { runInit } = await (await commands()).init();
      code = await runInit({ dir, name: flags.name, cloud: flags.cloud, region: flags.region, sshKey: flags.sshKey, app: flags.app, ci: flags.ci, json: !!flags.json });
    });

  cli
    .command('unlock', 'Remove a stuck apply lock after confirmation (or --forget-host-key after replacing the server)')
    .option('--yes', 'Do not ask for confirmation')
    .option('--forget-host-key', 'Forget the server\'s pinned SSH host key')
    .action(async (flags: GlobalFlags & { yes?: boolean; forgetHostKey?: boolean }) => {
      const { runUnlock } = await (await commands()).unlock();
      code = await runUnlock({ config: flags.config, yes: flags.yes, forgetHostKey: flags.forgetHostKey, json: !!flags.json });
    });
  // --- end issue 9 ---

  // cac gives every negated flag the default true, and --help would print "--no-ci (default: true)".
  // Absent, the flag is then undefined rather than true, which each command reads as "not negated".
  for (const command of [cli.globalCommand, ...cli.commands]) for (const o of command.options) if (o.negated) o.config.default = undefined;

  cli.help();
  cli.version(pkg.version);

  let flags: GlobalFlags = {};
  try {
    const parsed = cli.parse(argv, { run: false });
    flags = parsed.options as GlobalFlags;
    if (!cli.matchedCommand) {
      if (parsed.options.help || parsed.options.version) return 0;
      const name = parsed.args[0];
      process.stderr.write(name ? `✖ unknown command "${name}"\n\n` : '');
      cli.outputHelp();
      return name ? 1 : 0;
    }
    await cli.runMatchedCommand();
    return code;
  } catch (e) {
    if (e instanceof Error && e.name === 'CACError') {
      process.stderr.write(`✖ ${e.message}\n  hint: run pilot --help for usage\n`);
      return 1;
    }
    return handleError(e, flags);
  }
}
