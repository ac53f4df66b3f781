// SSH to the Pilot server (ssh2). The key comes from --ssh-key, PILOT_SSH_KEY (a path, or the key
// itself) or the SSH agent (SSH_AUTH_SOCK). The host key is pinned on first use: the key itself
// ("ssh-ed25519 AAAA…") goes into the record, and a later connection presenting another key is
// refused before authentication; messages show fingerprints as `ssh-keygen -l` prints them.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Client, type ConnectConfig } from 'ssh2';

export type SshTarget = { host: string; port: number; username: string };
export type SshAuth = { privateKey: string } | { agent: string };
export type SshSession = {
  /** The server's host key, "<type> <base64>" (what the record pins). */
  hostKey: string;
  /** Runs a command; `input` is written to its stdin, which is then closed. */
  exec(command: string, input?: string): Promise<{ code: number; stdout: string; stderr: string }>;
  close(): void;
};

export class SshError extends Error {
  override name = 'SshError';
  constructor(message: string, readonly kind: 'host-key-changed' | 'auth' | 'connect' | 'no-key') {
    super(message);
  }
}

export const hostKeyFingerprint = (key: Buffer) => `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;

/** The host key as a known_hosts / .pub line has it: "<type> <base64 blob>" (the blob starts with its type string). */
export function hostKeyLine(key: Buffer): string {
  const len = key.readUInt32BE(0);
  return `${key.subarray(4, 4 + len).toString('ascii')} ${key.toString('base64')}`;
}

/** The fingerprint of a "<type> <base64>" host key line, for messages. */
export const fingerprintOfLine = (line: string) => hostKeyFingerprint(Buffer.from(line.split(' ')[1] ?? '', 'base64'));

/** The private key or agent to use, in the documented order. */
export function resolveSshAuth(flag: string | undefined, env: NodeJS.ProcessEnv): SshAuth {
  const given = flag ?? env.PILOT_SSH_KEY;
  if (given) {
    if (given.includes('PRIVATE KEY-----')) return { privateKey: given };
    if (!existsSync(given)) throw new SshError(`SSH key file ${given} does not exist`, 'no-key');
    return { privateKey: readFileSync(given, 'utf8') };
  }
  if (env.SSH_AUTH_SOCK) return { agent: env.SSH_AUTH_SOCK };
  throw new SshError('no SSH key: pass --ssh-key PATH, set PILOT_SSH_KEY, or load the key into ssh-agent', 'no-key');
}

/**
 * Connects once. `pinned` is the fingerprint recorded by an earlier apply; a different host key is
 * refused. Without one, whatever key the server presents is accepted and returned for pinning.
 */
export function connectSsh(target: SshTarget, auth: SshAuth, pinned: string | undefined, timeoutMs = 20_000): Promise<SshSession> {
  return new Promise((resolve, reject) => {
    const conn = new Client();
    let seen = '';
    let changed = false;
    const cfg: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.username,
      readyTimeout: timeoutMs,
      ...('privateKey' in auth ? { privateKey: auth.privateKey } : { agent: auth.agent }),
      hostVerifier: (key: Buffer) => {
        seen = hostKeyLine(key);
        changed = pinned !== undefined && seen !== pinned;
        return !changed;
      },
    };
    conn.once('ready', () =>
      resolve({
        hostKey: seen,
        close: () => conn.end(),
        exec: (command, input) =>
          new Promise((res, rej) => {
            conn.exec(command, (err, stream) => {
              if (err) return rej(new SshError(`ssh command failed: ${err.message}`, 'connect'));
              let stdout = '';
              let stderr = '';
              stream.on('data', (d: Buffer) => (stdout += d));
              stream.stderr.on('data', (d: Buffer) => (stderr += d));
              stream.on('close', (code: number | null) => res({ code: code ?? -1, stdout, stderr }));
              if (input !== undefined) stream.end(input);
            });
          }),
      }),
    );
    conn.once('error', (e: Error & { level?: string }) => {
      if (changed)
        return reject(new SshError(
          `the server's SSH host key changed: recorded ${fingerprintOfLine(pinned ?? '')}, presented ${fingerprintOfLine(seen)}. Refusing to connect: someone may be intercepting the connection. If the server was replaced on purpose, run pilot unlock --forget-host-key`,
          'host-key-changed'));
      reject(new SshError(`SSH to ${target.username}@${target.host}:${target.port} failed: ${e.message}`, e.level === 'client-authentication' ? 'auth' : 'connect'));
    });
    conn.connect(cfg);
  });
}

/** `cat` of a root-only file: directly as root, else through passwordless sudo (the admin user has it). */
export const readRootFileCommand = (path: string) => {
  const q = `'${path.replace(/'/g, `'\\''`)}'`;
  return `if [ "$(id -u)" = 0 ]; then cat ${q}; else sudo -n cat ${q}; fi`;
};
