// The next record after a successful apply (apply calls this; tests use it to record artifacts).
// Pure: the clock, the person and the secret values come in as arguments.
import { createHash } from 'node:crypto';
import type { Artifact } from '../compiler/artifact.ts';
import { fingerprint } from './fingerprint.ts';
import { type PilotRecord, RECORD_SCHEMA_VERSION } from './record.ts';

export type RecordParts = {
  previous: PilotRecord | null;
  artifacts: Artifact[];
  configHash: string;
  configPaths: Record<string, string>;
  pilotVersion: string;
  appliedAt: string;
  appliedBy: PilotRecord['appliedBy'];
  /** `terraform output -json`; sensitive values are dropped here. */
  terraformOutputs?: Record<string, { value?: unknown; type?: unknown; sensitive: boolean }>;
  waypointVariables?: Record<string, string[]>;
  /** Secret name -> value, as resolved at apply; only fingerprints are kept. */
  secretValues?: Record<string, string>;
  /** A salt for a first record (the previous record's salt is kept). */
  newSalt: string;
  sshHostKey?: string;
};

export function buildRecord(p: RecordParts): PilotRecord {
  const salt = p.previous?.secrets.salt ?? p.newSalt;
  const outputs = Object.fromEntries(Object.entries(p.terraformOutputs ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, o]) => [k, o.sensitive ? { sensitive: true, type: o.type } : { sensitive: false, type: o.type, value: o.value }]));
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    serial: (p.previous?.serial ?? 0) + 1,
    pilotVersion: p.pilotVersion,
    appliedAt: p.appliedAt,
    appliedBy: p.appliedBy,
    configHash: p.configHash,
    artifacts: [...p.artifacts].sort((a, b) => (a.path < b.path ? -1 : 1)).map((a) => ({ path: a.path, sha256: createHash('sha256').update(a.contents).digest('hex'), contents: a.contents })),
    configPaths: p.configPaths,
    terraformOutputs: outputs,
    waypointVariables: p.waypointVariables ?? {},
    secrets: { salt, fingerprints: Object.fromEntries(Object.entries(p.secretValues ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, fingerprint(salt, v)])) },
    ...(p.sshHostKey ?? p.previous?.sshHostKey ? { sshHostKey: p.sshHostKey ?? p.previous?.sshHostKey } : {}),
  };
}
