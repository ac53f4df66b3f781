import type { Diagnostic } from './diagnostics.ts';
import type { Model } from './model.ts';

/** One generated file. `path` is relative to the output directory, with forward slashes. */
export type Artifact = { path: string; contents: string };

/** What an emitter returns: artifacts, plus warnings or errors found while emitting. */
export type EmitResult = { artifacts: Artifact[]; diagnostics: Diagnostic[]; /** Terraform address -> config path (the Terraform emitter). */ configPaths?: Record<string, string> };

/** A backend: Model in, artifacts out. Pure and synchronous. */
export type Emitter = { name: string; emit(model: Model): EmitResult };

export const byPath = (a: Artifact, b: Artifact) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
