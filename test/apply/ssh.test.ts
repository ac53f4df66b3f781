// The SSH client against a real OpenSSH server: a root-only file read, the host key pinned on first
// use, a changed host key refused.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { connectSsh, fingerprintOfLine, readRootFileCommand, resolveSshAuth, SshError } from '../../src/ssh/client.ts';
import { startSshd } from './helpers/sshd.ts';

const sshd = await startSshd();
const target = { host: '127.0.0.1', port: sshd.port, username: sshd.user };

test('reads a root-only file and reports the host key ssh-keygen shows', async () => {
  const file = join(sshd.dir, 'server.json');
  writeFileSync(file, '{"token":"abc"}');
  chmodSync(file, 0o600);
  const s = await connectSsh(target, resolveSshAuth(sshd.clientKeyPath, {}), undefined);
  try {
    const r = await s.exec(readRootFileCommand(file));
    assert.is(r.code, 0);
    assert.equal(JSON.parse(r.stdout), { token: 'abc' });
    const pub = readFileSync(`${sshd.hostKeyPath}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    assert.is(s.hostKey, pub);
    const fp = execFileSync('ssh-keygen', ['-l', '-f', `${sshd.hostKeyPath}.pub`], { encoding: 'utf8' }).split(' ')[1];
    assert.is(fingerprintOfLine(s.hostKey), fp);
  } finally {
    s.close();
  }
});

test('the pinned host key is accepted; after the server gets a new host key, it is refused', async () => {
  const first = await connectSsh(target, { privateKey: sshd.clientKey }, undefined);
  const pin = first.hostKey;
  first.close();
  const again = await connectSsh(target, { privateKey: sshd.clientKey }, pin);
  assert.is(again.hostKey, pin);
  again.close();
  await sshd.restartWithNewHostKey();
  try {
    await connectSsh(target, { privateKey: sshd.clientKey }, pin);
    assert.unreachable('connected despite a changed host key');
  } catch (e) {
    assert.instance(e, SshError);
    assert.is((e as SshError).kind, 'host-key-changed');
    assert.match((e as Error).message, /host key changed/);
    assert.ok((e as Error).message.includes(fingerprintOfLine(pin)), 'names the recorded fingerprint');
  }
});

test('a key the server does not authorize is refused as an auth failure', async () => {
  const other = join(sshd.dir, 'other');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
  await connectSsh(target, resolveSshAuth(undefined, { PILOT_SSH_KEY: other }), undefined).then(
    () => assert.unreachable(),
    (e: SshError) => assert.is(e.kind, 'auth'),
  );
});

test('no key and no agent: a clear error', () => {
  assert.throws(() => resolveSshAuth(undefined, {}), /--ssh-key/);
});

test.after(() => sshd.stop());
test.run();
