// The local record store (.pilot/state): the shared contract, atomic writes, and clear errors for a
// corrupt record and one written by a newer pilot.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CODES, PilotError } from '../../src/compiler/diagnostics.ts';
import { LocalBlobStore } from '../../src/state/local.ts';
import { openStore, RecordStore } from '../../src/state/index.ts';
import { record, storeContract } from './_store-contract.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'pilot-state-'));

test('local store: conditional writes, record CAS, bounded history, lock', async () => {
  const dir = fresh();
  try {
    await storeContract(new LocalBlobStore(dir));
    assert.equal(readdirSync(dir).filter((n) => n.endsWith('.tmp')), [], 'no temp files left behind');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('local store lives in .pilot/state next to the config; history limit from state.history', async () => {
  const dir = fresh();
  try {
    const store = await openStore({ backend: 'local', history: 2 }, dir);
    assert.is(store.where, join(dir, '.pilot', 'state'));
    let h: string | null = null;
    for (let s = 1; s <= 4; s++) h = await store.write(record(s), h);
    assert.equal((await store.history()).map((e) => e.serial), [4, 3]);
    assert.is(JSON.parse(readFileSync(join(dir, '.pilot', 'state', 'record.json'), 'utf8')).serial, 4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('history: counts resources, apps and secrets; a corrupt history file is listed as unreadable, the others still are', async () => {
  const dir = fresh();
  try {
    const store = await openStore({ backend: 'local' }, dir);
    const artifacts = [
      { path: 'terraform/main.tf.json', sha256: 'a'.repeat(64), contents: JSON.stringify({ resource: { aws_instance: { server: {} }, aws_s3_bucket: { a: {}, b: {} } } }) },
      { path: 'waypoint/shop.hcl', sha256: 'b'.repeat(64), contents: 'project = "shop"\n\napp "api-x01w0t" {\n  path = "api"\n}\n\napp "web-x01w0t" {\n  path = "web"\n}\n' },
    ];
    let h: string | null = null;
    for (let s = 1; s <= 3; s++) h = await store.write(record(s, { artifacts, secrets: { salt: 'salt-salt-salt-salt', fingerprints: { A: 'x', B: 'y' } } }), h);
    writeFileSync(join(dir, '.pilot', 'state', 'history', '00000002.json'), '{"schemaVersion":1,"serial":');
    const entries = await store.history();
    assert.equal(entries.map((e) => e.serial), [3, 2, 1]);
    const [three, two] = entries;
    assert.ok(!('unreadable' in three) && three.resources === 3 && three.apps === 2 && three.secrets === 2, JSON.stringify(three));
    assert.ok('unreadable' in two && /00000002\.json is corrupt/.test(two.unreadable), JSON.stringify(two));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof PilotError) return e.diagnostics[0];
    throw e;
  }
  throw new Error('expected a PilotError');
};

test('a corrupt record is a clear error, never a reset; the file is left as it was', async () => {
  const dir = fresh();
  try {
    const store = new RecordStore(new LocalBlobStore(dir));
    for (const text of ['{"schemaVersion": 1, "serial": ', '[]', '{"schemaVersion": 1, "serial": "one"}']) {
      writeFileSync(join(dir, 'record.json'), text);
      const d = await errorOf(store.read());
      assert.is(d.code, CODES.RECORD_CORRUPT);
      assert.match(d.message, /record\.json is corrupt/);
      assert.ok(d.hint);
      assert.is(await errorOf(store.write(record(1), null)).then((x) => x.code), CODES.RECORD_CONFLICT, 'nothing overwrites an unreadable record blindly');
      assert.is(readFileSync(join(dir, 'record.json'), 'utf8'), text);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a record from a newer pilot is refused with the version that wrote it', async () => {
  const dir = fresh();
  try {
    writeFileSync(join(dir, 'record.json'), JSON.stringify({ ...record(7), schemaVersion: 2, pilotVersion: '9.0.0', newField: true }));
    const d = await errorOf(new RecordStore(new LocalBlobStore(dir)).read());
    assert.is(d.code, CODES.RECORD_FROM_NEWER_PILOT);
    assert.match(d.message, /schema version 2 \(written by pilot 9\.0\.0\); this pilot reads up to version 1/);
    assert.match(d.hint ?? '', /Upgrade pilot/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
