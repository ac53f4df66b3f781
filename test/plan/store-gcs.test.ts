// The GCS record store over the JSON API, against an in-process stand-in that enforces
// ifGenerationMatch as Cloud Storage documents it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openBlobs } from '../../src/state/index.ts';
import { startGcsStandIn } from './_gcs-standin.ts';
import { storeContract } from './_store-contract.ts';

test('GCS store: conditional writes with ifGenerationMatch, record CAS, history, lock; bearer token sent', async () => {
  const gcs = await startGcsStandIn('shop-tf-state');
  try {
    const blobs = await openBlobs({ backend: 'gcs', bucket: 'shop-tf-state', prefix: 'pilot/shop' }, '.', { gcs: { endpoint: gcs.endpoint, token: async () => 'ya29.test-token' } });
    assert.is(blobs.where, 'gs://shop-tf-state/pilot/shop/pilot');
    await storeContract(blobs);
    assert.ok(gcs.objects.has('pilot/shop/pilot/record.json'));
    assert.ok(gcs.authHeaders.every((h) => h === 'Bearer ya29.test-token'));
  } finally {
    await gcs.close();
  }
});

test.run();
