// A real OpenSSH server on 127.0.0.1 for tests: its own host key, authorized_keys and config in a
// temp dir, run in the foreground (`sshd -D`) as the current user, stopped by its pid.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export type TestSshd = { port: number; dir: string; user: string; clientKeyPath: string; clientKey: string; hostKeyPath: string; stop(): Promise<void>; restartWithNewHostKey(): Promise<void> };

export const SSHD = '/usr/sbin/sshd';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const c = connect(port, '127.0.0.1', () => { c.end(); r(true); });
      c.on('error', () => r(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`sshd did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const keygen = (path: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path], { stdio: 'ignore' });

export async function startSshd(): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'pilot-sshd-'));
  const user = userInfo().username;
  const hostKeyPath = join(dir, 'host_ed25519');
  const clientKeyPath = join(dir, 'client_ed25519');
  keygen(hostKeyPath);
  keygen(clientKeyPath);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKeyPath}.pub`));
  const port = await freePort();
  writeFileSync(join(dir, 'sshd_config'), [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${hostKeyPath}`, `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'UsePAM no', 'StrictModes no', 'PermitRootLogin yes',
    `PidFile ${join(dir, 'sshd.pid')}`, 'LogLevel ERROR', '',
  ].join('\n'));
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true });
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    await waitForPort(port);
  };
  const stopChild = () => new Promise<void>((r) => {
    if (!child || child.exitCode !== null) return r();
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });
  await start();
  return {
    port, dir, user, clientKeyPath, clientKey: readFileSync(clientKeyPath, 'utf8'), hostKeyPath,
    async restartWithNewHostKey() {
      await stopChild();
      rmSync(hostKeyPath);
      rmSync(`${hostKeyPath}.pub`);
      keygen(hostKeyPath);
      await start();
    },
    async stop() {
      await stopChild();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
