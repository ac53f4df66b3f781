// Models for tests: examples go through the real loader (esbuild bundle, SDK mapping) and the same
// schema and normalize steps as the CLI. Throws on an invalid config: tests expect valid ones here.
import { join } from 'node:path';
import { loadConfig } from '../../src/compiler/load.ts';
import type { Model } from '../../src/compiler/model.ts';
import { normalizeConfig } from '../../src/compiler/normalize.ts';
import { configSchema, type ConfigInput } from '../../src/dsl/schema/config.ts';
import { ROOT } from './golden.ts';

export const EXAMPLES = ['acme', 'gcp-only'] as const;

export function modelOf(config: ConfigInput): Model {
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) throw new Error(`invalid test config: ${JSON.stringify(parsed.error.issues, null, 2)}`);
  return normalizeConfig(parsed.data);
}

export const examplePath = (name: string) => join(ROOT, 'examples', name, 'pilot.config.ts');

export async function exampleModel(name: string): Promise<Model> {
  const loaded = await loadConfig({ cwd: ROOT, configPath: examplePath(name), command: 'test' });
  return modelOf(loaded.raw as ConfigInput);
}
