// Builds the site the way its developers do: a frozen yarn install, then the package.json script.
import { spawn } from 'node:child_process';

export class BuildError extends Error {}

export type Command = { file: string; args: string[] };

export function buildCommands(script: string): Command[] {
  return [
    { file: 'yarn', args: ['install', '--frozen-lockfile'] },
    { file: 'yarn', args: ['run', script] },
  ];
}

/** Runs each command in `cwd` with inherited stdio; the first failure stops the build. */
export async function runCommands(commands: Command[], cwd: string): Promise<void> {
  for (const command of commands) {
    const shown = [command.file, ...command.args].join(' ');
    const code = await new Promise<number | string>((resolve) => {
      const child = spawn(command.file, command.args, { cwd, stdio: 'inherit' });
      child.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ENOENT' ? `${command.file} is not installed` : error.message));
      child.on('close', (exitCode, signal) => resolve(exitCode ?? `killed by ${signal}`));
    });
    if (code !== 0) throw new BuildError(`build failed: \`${shown}\` ${typeof code === 'number' ? `exited with code ${code}` : code}`);
  }
}
