// `pilot plan --out plan.json`: the plan plus everything apply needs to apply exactly it — the
// artifacts' full text, the model they came from, and the hash of the record the plan was computed
// against. Apply refuses it when the store's current record hash differs (someone applied since).
import { createHash } from 'node:crypto';
import { z } from 'zod/mini';
import { stableStringify } from '../compiler/canonical.ts';
import { CODES, error, PilotError } from '../compiler/diagnostics.ts';

export const SAVED_PLAN_FORMAT = 'pilot-saved-plan';
export const SAVED_PLAN_VERSION = 1;

export const savedPlanSchema = z.strictObject({
  format: z.literal(SAVED_PLAN_FORMAT),
  version: z.literal(SAVED_PLAN_VERSION),
  pilotVersion: z.string(),
  createdAt: z.string(),
  /** The validated config's hash (manifest.json's configHash). */
  configHash: z.string(),
  /** The record the plan was computed against: its hash (null = no record yet) and serial. */
  against: z.strictObject({ hash: z.nullable(z.string()), serial: z.nullable(z.number().check(z.int())) }),
  /** Every artifact, full text, sorted by path: what apply writes and applies. */
  artifacts: z.array(z.strictObject({ path: z.string(), contents: z.string() })),
  /** Terraform address -> config path (for the record and for mapping errors). */
  configPaths: z.record(z.string(), z.string()),
  /** The normalized Model (src/compiler/model.ts) the artifacts were compiled from. */
  model: z.record(z.string(), z.unknown()),
  /** The plan as `pilot plan --json` prints it (docs/plan-json.md). */
  plan: z.record(z.string(), z.unknown()),
  /** sha256 of this document's canonical JSON without this field: detects a hand-edited file. */
  checksum: z.string(),
});
export type SavedPlan = z.output<typeof savedPlanSchema>;

const checksumOf = (doc: Omit<SavedPlan, 'checksum'>) => createHash('sha256').update(stableStringify(doc)).digest('hex');

export function serializeSavedPlan(doc: Omit<SavedPlan, 'checksum' | 'format' | 'version'>): string {
  const body = { format: SAVED_PLAN_FORMAT, version: SAVED_PLAN_VERSION, ...doc } as const;
  return stableStringify({ ...body, checksum: checksumOf(body) });
}

/** Parses a saved plan; `where` names the file in errors. */
export function parseSavedPlan(text: string, where: string): SavedPlan {
  const bad = (why: string) => new PilotError([error(CODES.SAVED_PLAN_INVALID, `${where} is not a usable saved plan: ${why}`, { hint: 'Make a new one with pilot plan --out plan.json' })]);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw bad('it is not JSON');
  }
  const r = savedPlanSchema.safeParse(raw);
  if (!r.success) {
    const v = (raw as { version?: unknown })?.version;
    if (typeof v === 'number' && v > SAVED_PLAN_VERSION) throw bad(`it has format version ${v}; this pilot reads version ${SAVED_PLAN_VERSION}`);
    throw bad(`${r.error.issues[0].path.join('.') || '(root)'}: ${r.error.issues[0].message}`);
  }
  const { checksum, ...body } = r.data;
  if (checksumOf(body) !== checksum) throw bad('its checksum does not match (was it edited?)');
  return r.data;
}

/** Refuses a saved plan computed against another record than the current one. */
export function assertPlanFresh(plan: SavedPlan, current: { hash: string; serial: number } | null, where: string): void {
  const hash = current?.hash ?? null;
  if (plan.against.hash === hash) return;
  const then = plan.against.serial === null ? 'no record' : `record #${plan.against.serial}`;
  const now = current ? `record #${current.serial}` : 'no record';
  throw new PilotError([
    error(CODES.SAVED_PLAN_STALE, `${where} was computed against ${then}, but the store now has ${now}`, { hint: 'Someone applied since; run pilot plan --out again and review it' }),
  ]);
}
