// pilot unlock: shows the holder, asks (or needs --yes), removes the lock; --forget-host-key drops
// the pin so a deliberately replaced server can be pinned again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LocalBlobStore } from '../../src/state/local.ts';
import { RecordStore } from '../../src/state/store.ts';
import { runCli } from '../helpers/cli.ts';
import { ROOT } from '../helpers/golden.ts';

const d = mkdtempSync(join(tmpdir(), 'pilot-unlock-'));
writeFileSync(join(d, 'pilot.config.ts'), (await import('node:fs')).readFileSync(join(ROOT, 'examples', 'acme', 'pilot.config.ts'), 'utf8'));
const store = new RecordStore(new LocalBlobStore(join(d, '.pilot', 'state')));

test('a held lock is named, kept without confirmation, removed with --yes', async () => {
  await store.lock({ holder: 'alice <a@x>', host: 'ci-7', pid: 4242, operation: 'apply', ttlMs: 3_600_000 });
  const refused = await runCli(['unlock'], d);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /refusing to remove the lock without confirmation/);
  assert.ok(await store.lockHolder());
  const r = await runCli(['unlock', '--yes'], d);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /removed the lock held by alice <a@x>/);
  assert.is(await store.lockHolder(), null);
});

test('no lock: says so, exit 0', async () => {
  const r = await runCli(['unlock'], d);
  assert.is(r.code, 0);
  assert.match(r.stdout, /no lock is held/);
});

test('the lock of a dead process on this host is released by the next apply, not left until expiry', async () => {
  const { releaseDeadLocalLock } = await import('../../src/apply/apply.ts');
  await store.lock({ holder: 'bob', host: hostname(), pid: 2 ** 22 + 12345, operation: 'apply', ttlMs: 3_600_000 });
  const warnings: string[] = [];
  await releaseDeadLocalLock(store, { host: hostname(), pid: process.pid }, (w) => warnings.push(w));
  assert.is(await store.lockHolder(), null);
  assert.match(warnings[0], /no longer runs/);
  await store.lock({ holder: 'carol', host: 'elsewhere', pid: 2 ** 22 + 12345, operation: 'apply', ttlMs: 3_600_000 });
  await releaseDeadLocalLock(store, { host: hostname(), pid: process.pid }, () => undefined);
  assert.ok(await store.lockHolder(), 'another host\'s lock is left alone');
  await store.forceUnlock();
});

test('a dead process\'s lock in a shared store (not on this machine) is left for expiry: the same hostname may be another machine', async () => {
  const { releaseDeadLocalLock } = await import('../../src/apply/apply.ts');
  const local = new LocalBlobStore(join(d, 'shared'));
  // Any store that is not a LocalBlobStore (S3, GCS) behaves like this wrapper.
  const shared = new RecordStore({ where: 's3://bucket/acme', describe: (k: string) => `s3://bucket/acme/${k}`, get: (k: string) => local.get(k), put: (k: string, t: string, o?: { ifVersion?: string | null }) => local.put(k, t, o), delete: (k: string, o?: { ifVersion?: string }) => local.delete(k, o), list: (p: string) => local.list(p) });
  await shared.lock({ holder: 'dave', host: hostname(), pid: 2 ** 22 + 12345, operation: 'apply', ttlMs: 3_600_000 });
  const warnings: string[] = [];
  await releaseDeadLocalLock(shared, { host: hostname(), pid: process.pid }, (w) => warnings.push(w));
  assert.ok(await shared.lockHolder(), 'kept');
  assert.equal(warnings, []);
});

test('keepAlive refreshes the lock every ttl/3 and reports a lost lock', async () => {
  const { keepAlive, readLock } = await import('../../src/state/lock.ts');
  const lock = await store.lock({ holder: 'erin', host: 'h', pid: 1, operation: 'apply', ttlMs: 300 });
  const alive = keepAlive(lock, 300);
  try {
    await new Promise((r) => setTimeout(r, 700));
    const held = await readLock(store.blobs);
    assert.is(held?.info.id, lock.info.id);
    assert.ok(Date.parse(held?.info.expiresAt ?? '') > Date.now(), 'still unexpired after twice its TTL');
    await store.forceUnlock();
    await store.lock({ holder: 'frank', host: 'h', pid: 2, operation: 'apply', ttlMs: 3_600_000 });
    await alive.refreshNow().then(() => assert.unreachable('refreshed a lock someone else holds'), (e: Error) => assert.match(e.message, /PILOT4022/));
    assert.throws(() => alive.check(), /no longer held by this run/);
  } finally {
    alive.stop();
    await store.forceUnlock();
  }
});

test('unlock --forget-host-key drops the pin after confirmation, and only then', async () => {
  const { buildRecord } = await import('../../src/state/build-record.ts');
  const pinned = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE0xS4m8t8aYqYv0q0m4v8v3bq6Hq9b1x2w3e4r5t6y7';
  const current = await store.read();
  const record = buildRecord({ previous: current?.record ?? null, artifacts: [], configHash: 'x', configPaths: {}, pilotVersion: '0.0.0', appliedAt: new Date().toISOString(), appliedBy: {}, newSalt: 'salt-0123456789abcdef', sshHostKey: pinned });
  await store.write(record, current?.hash ?? null);
  const refused = await runCli(['unlock', '--forget-host-key'], d);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /without confirmation/);
  assert.is((await store.read())?.record.sshHostKey, pinned);
  const r = await runCli(['unlock', '--forget-host-key', '--yes'], d);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /host key forgotten/);
  assert.is((await store.read())?.record.sshHostKey, undefined);
  const again = await runCli(['unlock', '--forget-host-key', '--yes'], d);
  assert.is(again.code, 1);
  assert.match(again.stderr, /pins no SSH host key/);
});

test.after(() => rmSync(d, { recursive: true, force: true }));
test.run();
