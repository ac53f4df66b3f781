// The pipeline after load: validate -> semantic checks -> normalize -> name checks -> emit ->
// manifest. Pure and synchronous except for loading the emitters a model needs; every diagnostic
// that has a config path gets its line in pilot.config.ts.
import { createHash } from 'node:crypto';
import { loadEmitters } from '../backends/index.ts';

export { prefetchCloudGroups } from '../backends/index.ts';
import { type Artifact, byPath, type Emitter, type EmitResult } from './artifact.ts';
import { stableStringify } from './canonical.ts';
import { type Diagnostic, hasErrors } from './diagnostics.ts';
import type { Model } from './model.ts';
import { normalizeConfig } from './normalize.ts';
import { checkConfig, checkModel } from './semantic.ts';
import { type ConfigSource, locate, splitPath, validateConfig } from './validate.ts';

/** `configPaths`: Terraform address -> the config path that produced it (for plan and error mapping). */
export type CompileResult = { model?: Model; artifacts: Artifact[]; diagnostics: Diagnostic[]; configPaths?: Record<string, string>; configHash?: string };

export const MANIFEST_PATH = 'manifest.json';
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** manifest.json: every artifact's sha256, plus the hash of the validated config. */
export function manifestArtifact(configHash: string, artifacts: Artifact[]): Artifact {
  const files = Object.fromEntries(artifacts.map((a) => [a.path, { bytes: Buffer.byteLength(a.contents), sha256: sha256(a.contents) }]));
  return { path: MANIFEST_PATH, contents: stableStringify({ configHash, files, format: 1 }) };
}

/** Where diagnostics with a config path get their line in pilot.config.ts. */
const locator = (raw: unknown, source: ConfigSource) => (ds: Diagnostic[]) =>
  ds.map((d) => (d.path && !d.loc ? locate(d, splitPath(d.path), raw, source) : d));

export type Prepared = { model?: Model; configHash?: string; diagnostics: Diagnostic[] };

/** Validate, check and normalize: the model, or the diagnostics that stop the compile. Pure. */
export function prepareModel(raw: unknown, source: ConfigSource): Prepared {
  const withLoc = locator(raw, source);
  const validated = validateConfig(raw, source);
  if (!validated.config) return { diagnostics: validated.diagnostics };
  const semantic = withLoc(checkConfig(validated.config));
  if (hasErrors(semantic)) return { diagnostics: semantic };
  const model = normalizeConfig(validated.config);
  const diagnostics = [...semantic, ...withLoc(checkModel(model))];
  if (hasErrors(diagnostics)) return { diagnostics };
  return { model, configHash: sha256(stableStringify(validated.config)), diagnostics };
}

/** Every artifact of a prepared model, sorted, plus the manifest. Pure and synchronous. */
export function emitArtifacts(prepared: Required<Prepared>, emitters: Emitter[], raw: unknown, source: ConfigSource): CompileResult {
  const withLoc = locator(raw, source);
  const { model } = prepared;
  const diagnostics = [...prepared.diagnostics];
  const artifacts: Artifact[] = [];
  const results: EmitResult[] = [];
  for (const emitter of emitters) {
    const out = emitter.emit(model);
    artifacts.push(...out.artifacts);
    results.push(out);
    diagnostics.push(...withLoc(out.diagnostics));
  }
  if (hasErrors(diagnostics)) return { model, artifacts: [], diagnostics };
  artifacts.sort(byPath);
  // Read by plan and apply only: an object of every Terraform address (~10,000 in a large config)
  // is built when first read, and only one emitter (Terraform's) has any.
  let configPaths: Record<string, string> | undefined;
  return {
    model,
    artifacts: [...artifacts, manifestArtifact(prepared.configHash, artifacts)].sort(byPath),
    diagnostics,
    get configPaths() {
      if (!configPaths) {
        const books = results.flatMap((r) => (r.configPaths ? [r.configPaths] : []));
        configPaths = books.length === 1 ? books[0] : Object.assign({}, ...books);
      }
      return configPaths;
    },
    configHash: prepared.configHash,
  };
}

/** The whole compile. Its one asynchronous step loads the emitters (and cdktf bindings) the model needs. */
export async function compileConfig(raw: unknown, source: ConfigSource, emittersFor: (model: Model) => Promise<Emitter[]> = loadEmitters): Promise<CompileResult> {
  const prepared = prepareModel(raw, source);
  if (!prepared.model || !prepared.configHash) return { artifacts: [], diagnostics: prepared.diagnostics };
  const ready = { model: prepared.model, configHash: prepared.configHash, diagnostics: prepared.diagnostics };
  return emitArtifacts(ready, await emittersFor(prepared.model), raw, source);
}
