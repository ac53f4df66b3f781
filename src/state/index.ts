// The record store: what was last applied, its history, the apply lock, and saved plans.
//
// API (for `pilot plan`, `pilot apply`, `pilot history`, `pilot unlock`):
//   openStore(model.state, configDir, { historyLimit }) -> RecordStore   (local .pilot/state | S3 | GCS)
//   store.read()                    -> { record, hash } | null   corrupt/newer record: PilotError 4010/4011
//   store.write(record, expectedHash | null) -> newHash          compare-and-swap; lost race: PilotError 4012
//   store.history()                 -> HistoryEntry[] newest first (bounded: state.history, default 20)
//   store.readHistory(serial)       -> { record, hash }          `plan --against N`; missing: 4016
//   store.lock({ holder, host, pid, operation, ttlMs, waitMs?, onWait?, onWarning? }) -> HeldLock
//       held: PilotError 4013 after waitMs; expired lock taken over with warning 4014 via onWarning
//   lock.refresh(ttlMs) (lost lock: 4022) · lock.release() (only if still ours)
//   store.lockHolder() -> LockInfo | null · store.forceUnlock() -> removed LockInfo | null
//   Records: PilotRecord (record.ts, schemaVersion 1; serializeRecord / parseRecord / recordHash)
//   Saved plans: serializeSavedPlan / parseSavedPlan / assertPlanFresh (saved-plan.ts; stale: 4018)
//   Secrets: newSalt() / fingerprint(salt, value) (fingerprint.ts) · whoAmI() / describeWho() (who.ts)
//   buildRecord({ previous, artifacts, configHash, configPaths, ..., secretValues, newSalt }) -> the next record
//   terraformWorkDir(configDir): where plan --terraform and apply run terraform (local state lives there)
// Keys inside a store: record.json, history/<serial 8 digits>.json, lock.json. Locally under
// `<config dir>/.pilot/state/`; remotely under `<state prefix>/pilot/` in the Terraform state bucket.
// Pilot's lock is its own lock.json, not Terraform's `.tflock`: apply runs terraform while holding it,
// and terraform takes its own state lock inside.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ModelState } from '../compiler/model.ts';
import type { BlobStore } from './blob.ts';
import { LocalBlobStore } from './local.ts';
import { DEFAULT_HISTORY, RecordStore } from './store.ts';

export type { Blob, BlobStore, PutOptions } from './blob.ts';
export { ConflictError } from './blob.ts';
export { fingerprint, newSalt } from './fingerprint.ts';
export { type AcquireOptions, type HeldLock, type LockInfo } from './lock.ts';
export { describeWho, parseRecord, type PilotRecord, RECORD_SCHEMA_VERSION, recordHash, serializeRecord } from './record.ts';
export { assertPlanFresh, parseSavedPlan, type SavedPlan, serializeSavedPlan } from './saved-plan.ts';
export { type CurrentRecord, DEFAULT_HISTORY, type HistoryEntry, RecordStore } from './store.ts';
export { whoAmI } from './who.ts';
export { buildRecord, type RecordParts } from './build-record.ts';

/** `.pilot/state` next to pilot.config.ts. */
export const localStateDir = (configDir: string) => join(configDir, '.pilot', 'state');

export type OpenOptions = {
  historyLimit?: number;
  /** Tests: an S3 endpoint (s3rver) or a GCS stand-in; production uses the clouds' defaults. */
  s3?: { endpoint?: string; credentials?: { accessKeyId: string; secretAccessKey: string } };
  gcs?: { endpoint?: string; token?: () => Promise<string | undefined> };
};

export async function openBlobs(state: ModelState, configDir: string, o: OpenOptions = {}): Promise<BlobStore> {
  switch (state.backend) {
    case 'local':
      return new LocalBlobStore(localStateDir(configDir));
    case 's3': {
      // require: the shipped CLI runs as a script compiled from V8's code cache, which cannot import() (scripts/build.mjs).
      const { S3Client } = createRequire(import.meta.url)('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
      const { S3BlobStore } = await import('./s3.ts');
      const client = new S3Client({ region: state.region, ...(o.s3?.endpoint ? { endpoint: o.s3.endpoint, forcePathStyle: true } : {}), ...(o.s3?.credentials ? { credentials: o.s3.credentials } : {}) });
      return new S3BlobStore(client, state.bucket, `${state.prefix}/pilot`);
    }
    case 'gcs': {
      const { GcsBlobStore } = await import('./gcs.ts');
      return new GcsBlobStore({ bucket: state.bucket, root: `${state.prefix}/pilot`, endpoint: o.gcs?.endpoint ?? process.env.PILOT_GCS_ENDPOINT, token: o.gcs?.token ?? googleToken });
    }
  }
}

export async function openStore(state: ModelState & { history?: number }, configDir: string, o: OpenOptions = {}): Promise<RecordStore> {
  return new RecordStore(await openBlobs(state, configDir, o), o.historyLimit ?? state.history ?? DEFAULT_HISTORY);
}

/** A Google access token: GOOGLE_OAUTH_ACCESS_TOKEN (as the Terraform provider reads it), else the GCE metadata server. */
async function googleToken(): Promise<string | undefined> {
  if (process.env.GOOGLE_OAUTH_ACCESS_TOKEN) return process.env.GOOGLE_OAUTH_ACCESS_TOKEN;
  try {
    const res = await fetch('http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token', { headers: { 'Metadata-Flavor': 'Google' }, signal: AbortSignal.timeout(1500) });
    if (res.ok) return ((await res.json()) as { access_token?: string }).access_token;
  } catch {
    /* not on GCE */
  }
  return undefined;
}

/** Where `plan --terraform` and apply run terraform: local Terraform state (state.backend local) lives here. */
export const terraformWorkDir = (configDir: string) => join(localStateDir(configDir), 'terraform');
