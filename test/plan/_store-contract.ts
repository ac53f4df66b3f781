// One behaviour contract for every record store backend (local, S3, GCS): conditional writes, the
// record's compare-and-swap, bounded history, and the lock.
import * as assert from 'uvu/assert';
import { CODES, PilotError } from '../../src/compiler/diagnostics.ts';
import { type BlobStore, ConflictError, type PilotRecord, RecordStore } from '../../src/state/index.ts';

export const record = (serial: number, extra: Partial<PilotRecord> = {}): PilotRecord => ({
  schemaVersion: 1,
  serial,
  pilotVersion: '0.1.0',
  appliedAt: `2026-11-${String(serial).padStart(2, '0')}T10:00:00.000Z`,
  appliedBy: { name: 'Ada', email: 'ada@shop.example' },
  configHash: `hash-${serial}`,
  artifacts: [{ path: 'terraform/main.tf.json', sha256: 'a'.repeat(64), contents: `{"serial":${serial}}\n` }],
  configPaths: {},
  terraformOutputs: {},
  waypointVariables: {},
  secrets: { salt: 'salt-salt-salt-salt', fingerprints: {} },
  ...extra,
});

export const codeOf = async (p: Promise<unknown>): Promise<string | undefined> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof PilotError) return e.diagnostics[0].code;
    if (e instanceof ConflictError) return 'conflict';
    throw e;
  }
  return undefined;
};

export async function storeContract(blobs: BlobStore): Promise<void> {
  // Conditional puts: create-if-absent once, overwrite only the version read.
  const first = await blobs.put('probe.json', '1', { ifVersion: null });
  assert.is(await codeOf(blobs.put('probe.json', '2', { ifVersion: null })), 'conflict', 'create-if-absent refused on an existing key');
  const second = await blobs.put('probe.json', '2', { ifVersion: first.version });
  assert.is(await codeOf(blobs.put('probe.json', '3', { ifVersion: first.version })), 'conflict', 'a stale version is refused');
  assert.is((await blobs.get('probe.json'))?.text, '2');
  await blobs.delete('probe.json', { ifVersion: second.version });
  assert.is(await blobs.get('probe.json'), null);

  const store = new RecordStore(blobs, 3);
  assert.is(await store.read(), null, 'no record yet');
  const h1 = await store.write(record(1), null);
  assert.is(await codeOf(store.write(record(2), null)), CODES.RECORD_CONFLICT, 'a writer that saw no record loses to the first');
  const h2 = await store.write(record(2), h1);
  assert.is(await codeOf(store.write(record(3), h1)), CODES.RECORD_CONFLICT, 'a writer that read record 1 cannot overwrite record 2');
  const current = await store.read();
  assert.is(current?.record.serial, 2);
  assert.is(current?.hash, h2);
  let h = h2;
  for (let serial = 3; serial <= 5; serial++) h = await store.write(record(serial), h);
  const history = await store.history();
  assert.equal(history.map((e) => e.serial), [5, 4, 3], 'history keeps the newest 3, newest first');
  assert.is((await store.readHistory(4)).record.serial, 4);
  assert.is(await codeOf(store.readHistory(1)), CODES.HISTORY_NOT_FOUND);

  // The lock: one holder; a second waits then fails; an expired one is taken over with a warning.
  let now = new Date('2026-12-01T10:00:00Z');
  const clock = () => now;
  const who = { holder: 'ada', host: 'laptop', pid: 1, operation: 'apply', ttlMs: 60_000, now: clock };
  const held = await store.lock(who);
  assert.is((await store.lockHolder())?.holder, 'ada');
  let waited = 0;
  const sleep = async (ms: number) => {
    waited += ms;
    now = new Date(now.getTime() + ms);
  };
  const blocked = await codeOf(store.lock({ ...who, holder: 'bob', waitMs: 10_000, pollMs: 2_000, sleep, onWait: () => {} }));
  assert.is(blocked, CODES.LOCK_HELD, 'held lock refuses after --wait');
  assert.ok(waited >= 10_000, 'it waited the whole --wait');
  now = new Date(now.getTime() + 120_000);
  const warnings: string[] = [];
  const taken = await store.lock({ ...who, holder: 'bob', onWarning: (d) => warnings.push(d.code) });
  assert.equal(warnings, [CODES.LOCK_TAKEN_OVER]);
  await held.release(); // ada's release must not remove bob's lock
  assert.is((await store.lockHolder())?.holder, 'bob');
  await taken.release();
  assert.is(await store.lockHolder(), null);
  await store.lock({ ...who, holder: 'carol' });
  assert.is((await store.forceUnlock())?.holder, 'carol');
  assert.is(await store.lockHolder(), null);
}
