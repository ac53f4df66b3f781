// The pure pipeline after load: validate -> semantic checks -> normalize -> name checks -> emit ->
// manifest. No I/O; every diagnostic that has a config path gets its line in pilot.config.ts.
import { createHash } from 'node:crypto';
import { EMITTERS } from '../backends/index.ts';
import { type Artifact, byPath, type Emitter } from './artifact.ts';
import { stableStringify } from './canonical.ts';
import { type Diagnostic, hasErrors } from './diagnostics.ts';
import type { Model } from './model.ts';
import { normalizeConfig } from './normalize.ts';
import { checkConfig, checkModel } from './semantic.ts';
import { type ConfigSource, locate, splitPath, validateConfig } from './validate.ts';

export type CompileResult = { model?: Model; artifacts: Artifact[]; diagnostics: Diagnostic[] };

export const MANIFEST_PATH = 'manifest.json';
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** manifest.json: every artifact's sha256, plus the hash of the validated config. */
export function manifestArtifact(configHash: string, artifacts: Artifact[]): Artifact {
  const files = Object.fromEntries(artifacts.map((a) => [a.path, { bytes: Buffer.byteLength(a.contents), sha256: sha256(a.contents) }]));
  return { path: MANIFEST_PATH, contents: stableStringify({ configHash, files, format: 1 }) };
}

export function compileConfig(raw: unknown, source: ConfigSource, emitters: Emitter[] = EMITTERS): CompileResult {
  const withLoc = (ds: Diagnostic[]) => ds.map((d) => (d.path && !d.loc ? locate(d, splitPath(d.path), raw, source) : d));
  const validated = validateConfig(raw, source);
  if (!validated.config) return { artifacts: [], diagnostics: validated.diagnostics };
  const semantic = withLoc(checkConfig(validated.config));
  if (hasErrors(semantic)) return { artifacts: [], diagnostics: semantic };
  const model = normalizeConfig(validated.config);
  const diagnostics = [...semantic, ...withLoc(checkModel(model))];
  if (hasErrors(diagnostics)) return { model, artifacts: [], diagnostics };
  const artifacts: Artifact[] = [];
  for (const emitter of emitters) {
    const out = emitter.emit(model);
    artifacts.push(...out.artifacts);
    diagnostics.push(...withLoc(out.diagnostics));
  }
  if (hasErrors(diagnostics)) return { model, artifacts: [], diagnostics };
  artifacts.sort(byPath);
  const all = [...artifacts, manifestArtifact(sha256(stableStringify(validated.config)), artifacts)].sort(byPath);
  return { model, artifacts: all, diagnostics };
}
