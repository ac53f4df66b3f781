// Every `use` block we emit names a builtin plugin of the right kind for its stanza, sets only
// fields that plugin's Go struct declares, and sets every required one (Waypoint rejects the whole
// project otherwise). The field list is derived from Waypoint v0.11.4's source.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waypointEmitter } from '../../src/backends/waypoint/emit.ts';
import { everyOption } from '../fixtures/every-option.ts';
import { ROOT } from '../helpers/golden.ts';
import { EXAMPLES, exampleModel, modelOf } from '../helpers/model.ts';

type Json = Record<string, any>;
type Schema = { fields: Record<string, { required: boolean }>; blocks: Record<string, Schema & { repeatable: boolean }> };
type Kind = Schema & { stanza: string; explicit_use_allowed: boolean };
const PLUGINS = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/waypoint-plugin-fields.json'), 'utf8')) as Record<string, Record<string, Kind>>;
const KIND_OF_STANZA: Record<string, string> = { build: 'builder', registry: 'registry', deploy: 'platform', release: 'releasemanager' };

function checkBody(schema: Schema, body: Json, where: string, errors: string[]) {
  for (const [k, v] of Object.entries(body)) {
    if (schema.fields[k]) continue;
    const block = schema.blocks[k];
    if (!block) { errors.push(`${where}: unknown field "${k}"`); continue; }
    const items = Array.isArray(v) ? v : [v];
    if (!block.repeatable && items.length > 1) errors.push(`${where}.${k}: at most one block`);
    items.forEach((it, i) => checkBody(block, it as Json, `${where}.${k}[${i}]`, errors));
  }
  for (const [k, f] of Object.entries(schema.fields)) if (f.required && !(k in body)) errors.push(`${where}: missing required field "${k}"`);
}

/** Errors for every `use` in an app's stanzas. */
function checkApp(name: string, app: Json): string[] {
  const errors: string[] = [];
  const stanzas: Array<[string, Json | undefined]> = [
    ['build', app.build?.[0]],
    ['registry', app.build?.[0]?.registry?.[0]],
    ['deploy', app.deploy?.[0]],
    ['release', app.release?.[0]],
  ];
  for (const [stanza, body] of stanzas) {
    if (!body) continue;
    for (const [plugin, uses] of Object.entries((body.use ?? {}) as Json)) {
      const kind = PLUGINS[plugin]?.[KIND_OF_STANZA[stanza]];
      const where = `app ${name} ${stanza} use "${plugin}"`;
      if (!kind) { errors.push(`${where}: not a builtin ${KIND_OF_STANZA[stanza]}`); continue; }
      if (!kind.explicit_use_allowed) errors.push(`${where}: may not be written explicitly`);
      for (const use of uses as Json[]) checkBody(kind, use, where, errors);
    }
  }
  return errors;
}

async function errorsFor(model: ReturnType<typeof modelOf>): Promise<string[]> {
  const errors: string[] = [];
  for (const a of waypointEmitter.emit(model).artifacts) {
    const json = (await parse(a.path, a.contents)) as Json;
    for (const [name, blocks] of Object.entries((json.app ?? {}) as Json)) errors.push(...checkApp(name, (blocks as Json[])[0]));
  }
  return errors;
}

for (const name of EXAMPLES) {
  test(`examples/${name}: every plugin field is one Waypoint declares`, async () => {
    assert.equal(await errorsFor(await exampleModel(name)), []);
  });
}

test('a config with every app kind and option uses only declared plugin fields', async () => {
  assert.equal(await errorsFor(modelOf(everyOption)), []);
});

test('the check catches an unknown field and a missing required field', () => {
  const errors = checkApp('x', { deploy: [{ use: { 'aws-ecs': [{ regio: 'us-east-1', memory: 512 }] } }], release: [{ use: { 'aws-ecs': [{}] } }] });
  assert.ok(errors.some((e) => e.includes('unknown field "regio"')), errors.join('\n'));
  assert.ok(errors.some((e) => e.includes('missing required field "region"')), errors.join('\n'));
  assert.ok(errors.some((e) => e.includes('not a builtin releasemanager') || e.includes('may not be written explicitly')), errors.join('\n'));
});

test.run();
