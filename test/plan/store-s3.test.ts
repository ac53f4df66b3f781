// The S3 record store against a real S3 protocol server (s3rver) on 127.0.0.1: the shared contract,
// and the keys beside the Terraform state (<prefix>/pilot/...).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openBlobs, RecordStore } from '../../src/state/index.ts';
import { record, storeContract } from './_store-contract.ts';

const S3RVER = join(import.meta.dirname, '..', 'plugins', '_s3rver-process.mjs');
const BUCKET = 'shop-tf-state';

async function startS3rver(directory: string) {
  const child = spawn(process.execPath, [S3RVER, directory, BUCKET], { stdio: ['ignore', 'pipe', 'inherit'] });
  const keys: string[] = [];
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((ready, fail) => {
    child.on('error', fail);
    lines.on('line', (line) => {
      const m = JSON.parse(line) as { port?: number; key?: string };
      if (m.port) ready(m.port);
      if (m.key) keys.push(m.key);
    });
  });
  return { port, keys, stop: () => new Promise<void>((done) => (child.on('exit', () => done()), child.kill('SIGTERM'))) };
}

test('S3 store against s3rver: conditional writes, record CAS, history, lock; keys next to the Terraform state', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pilot-s3rver-'));
  const server = await startS3rver(dir);
  try {
    const s3 = { endpoint: `http://127.0.0.1:${server.port}`, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };
    const blobs = await openBlobs({ backend: 's3', bucket: BUCKET, region: 'eu-west-1', prefix: 'pilot/shop' }, dir, { s3 });
    assert.is(blobs.where, `s3://${BUCKET}/pilot/shop/pilot`);
    await storeContract(blobs);
    const again = new RecordStore(blobs);
    assert.is((await again.read())?.record.serial, 5, 'a second client reads what the first wrote');
    assert.ok(server.keys.includes('pilot/shop/pilot/record.json'), `record beside terraform.tfstate: ${server.keys.join(', ')}`);
    assert.ok(server.keys.some((k) => k.startsWith('pilot/shop/pilot/history/')));
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unreachable bucket is one clear error', async () => {
  const blobs = await openBlobs({ backend: 's3', bucket: BUCKET, region: 'eu-west-1', prefix: 'pilot/shop' }, '.', { s3: { endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } } });
  try {
    await new RecordStore(blobs).read();
    assert.unreachable('expected an error');
  } catch (e) {
    assert.is((e as { diagnostics?: { code: string }[] }).diagnostics?.[0].code, 'PILOT4015');
  }
});

test.run();
