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

test.after(() => rmSync(d, { recursive: true, force: true }));
test.run();
