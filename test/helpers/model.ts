// Models for tests, straight from the examples (or any config object), through the same schema and
// normalize steps the CLI uses. Throws on an invalid config: tests expect valid ones here.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalizeConfig } from '../../src/compiler/normalize.ts';
import type { Model } from '../../src/compiler/model.ts';
import { configSchema, type ConfigInput } from '../../src/dsl/schema/config.ts';
import { ROOT } from './golden.ts';

export const EXAMPLES = ['acme', 'gcp-only'] as const;

export function modelOf(config: ConfigInput): Model {
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) throw new Error(`invalid test config: ${JSON.stringify(parsed.error.issues, null, 2)}`);
  return normalizeConfig(parsed.data);
}

export async function exampleModel(name: string): Promise<Model> {
  const mod = await import(pathToFileURL(join(ROOT, 'examples', name, 'pilot.config.ts')).href);
  return modelOf(mod.default);
}
