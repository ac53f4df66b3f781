// The record: what was last applied. A versioned JSON document; older versions are migrated on read,
// a newer one is refused (an older pilot must never rewrite what a newer one wrote), a corrupt one is
// an error — never a silent reset, which would make the next plan "create everything".
import { createHash } from 'node:crypto';
import { z } from 'zod/mini';
import { stableStringify } from '../compiler/canonical.ts';
import { CODES, error, PilotError } from '../compiler/diagnostics.ts';

export const RECORD_SCHEMA_VERSION = 1;

const artifactEntry = z.strictObject({ path: z.string().check(z.minLength(1)), sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)), contents: z.string() });

/** A Terraform output as `terraform output -json` gives it; a sensitive output's value is never kept. */
const outputEntry = z.strictObject({ sensitive: z.boolean(), type: z.optional(z.unknown()), value: z.optional(z.unknown()) });

export const recordSchema = z.strictObject({
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  /** 1 for the first apply, +1 for every later one: the number `pilot history` shows and `--against N` takes. */
  serial: z.number().check(z.int(), z.gte(1)),
  pilotVersion: z.string(),
  /** ISO 8601, UTC. */
  appliedAt: z.string(),
  /** Who applied: git author and/or CI actor, when known. */
  appliedBy: z.strictObject({ name: z.optional(z.string()), email: z.optional(z.string()), ci: z.optional(z.string()), host: z.optional(z.string()) }),
  /** The validated config's hash (manifest.json's configHash). */
  configHash: z.string(),
  /** Every artifact as applied, sorted by path, with its full text (plans diff against it). */
  artifacts: z.array(artifactEntry),
  /** Terraform address -> config path that produced it (so a removed resource still names its origin). */
  configPaths: z._default(z.record(z.string(), z.string()), {}),
  /** `terraform output -json` after the apply, sensitive values dropped. */
  terraformOutputs: z._default(z.record(z.string(), outputEntry), {}),
  /** Waypoint server-side variables bound per project: names only. */
  waypointVariables: z._default(z.record(z.string(), z.array(z.string())), {}),
  /** Apps of projects an older pilot removed from the config but kept on the Waypoint server (no --prune); pilot no longer writes it (apply refuses instead, apps.ts removedProjectsRefusal), but apply --prune and destroy still remove them. */
  retainedApps: z.optional(z.array(z.strictObject({ project: z.string(), app: z.string() }))),
  /** Secret fingerprints: HMAC-SHA256(salt, value), by "<project>/<app>/<SECRET_NAME>" (or a bare name). */
  secrets: z.strictObject({ salt: z.string().check(z.minLength(16)), fingerprints: z.record(z.string(), z.string()) }),
  /** The server's SSH host key, pinned on first use by apply ("ssh-ed25519 AAAA..."). */
  sshHostKey: z.optional(z.string()),
});

/** One applied record (current schema). */
export type PilotRecord = z.output<typeof recordSchema>;
export type RecordInput = z.input<typeof recordSchema>;

/** Migrations from version N to N+1, applied in order. */
export type Migrations = Record<number, (old: Record<string, unknown>) => Record<string, unknown>>;
/** Version 1 is the first: the chain is empty. */
const MIGRATIONS: Migrations = {};

/** The record's text as stored: canonical JSON, so its hash is stable across stores. */
export const serializeRecord = (record: PilotRecord): string => stableStringify(record);

/** Hash of a stored record's text: what a saved plan pins and a conditional write compares. */
export const recordHash = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Parses a stored record. `where` names it in errors (a file path or s3://bucket/key); `migrations` is for tests. */
export function parseRecord(text: string, where: string, migrations: Migrations = MIGRATIONS): PilotRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw corrupt(where, `it is not JSON (${(e as Error).message})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw corrupt(where, 'it is not a JSON object');
  let doc = raw as Record<string, unknown>;
  const version = doc.schemaVersion;
  // 0 is accepted here only so a test can inject a 0 -> 1 step; without a step it is "no migration".
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) throw corrupt(where, 'it has no valid schemaVersion');
  if (version > RECORD_SCHEMA_VERSION) {
    const by = typeof doc.pilotVersion === 'string' ? ` (written by pilot ${doc.pilotVersion})` : '';
    throw new PilotError([
      error(CODES.RECORD_FROM_NEWER_PILOT, `The record at ${where} has schema version ${version}${by}; this pilot reads up to version ${RECORD_SCHEMA_VERSION}`, {
        hint: 'Upgrade pilot to the version that wrote the record; an older pilot never rewrites a newer record',
      }),
    ]);
  }
  for (let v = version; v < RECORD_SCHEMA_VERSION; v++) {
    const step = migrations[v];
    if (!step) throw corrupt(where, `no migration from schema version ${v}`);
    doc = { ...step(doc), schemaVersion: v + 1 };
  }
  const parsed = recordSchema.safeParse(doc);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw corrupt(where, `${first.path.join('.') || '(root)'}: ${first.message}`);
  }
  return parsed.data;
}

function corrupt(where: string, why: string): PilotError {
  return new PilotError([
    error(CODES.RECORD_CORRUPT, `The record at ${where} is corrupt: ${why}`, {
      hint: 'Restore it from history (pilot history) or from the bucket\'s object versions; pilot will not overwrite a record it cannot read',
    }),
  ]);
}

/** One line for plans, lock holders and history: "alice <alice@acme.dev>" or the CI actor. */
export const describeWho = (w: PilotRecord['appliedBy']): string => w.ci ?? ([w.name, w.email && `<${w.email}>`].filter(Boolean).join(' ') || (w.host ? `someone on ${w.host}` : 'unknown'));
