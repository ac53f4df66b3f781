// What the emitted app stanzas tell Waypoint v0.11.4, read back with HashiCorp's HCL parser: each
// assertion is one fact from the plugin source (cited in src/backends/waypoint/stanzas.ts).
import { parse } from '@cdktf/hcl2json';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waypointEmitter } from '../../src/backends/waypoint/emit.ts';
import { releasePrune } from '../../src/backends/waypoint/release-prune.ts';
import { allApps, type Model } from '../../src/compiler/model.ts';
import { waypointAppName } from '../../src/compiler/names.ts';
import { everyOption } from '../fixtures/every-option.ts';
import { EXAMPLES, exampleModel, modelOf } from '../helpers/model.ts';

type Json = Record<string, any>;
const one = (x: unknown): Json => (Array.isArray(x) ? x[0] : x) as Json;

/** Every app block, keyed by config app name (the labels carry the Pilot's hash: names.ts). */
async function apps(model: Model): Promise<Record<string, Json>> {
  const byLabel: Record<string, Json> = {};
  for (const a of waypointEmitter.emit(model).artifacts) {
    const json = (await parse(a.path, a.contents)) as Json;
    for (const [label, blocks] of Object.entries((json.app ?? {}) as Json)) byLabel[label] = one(blocks);
  }
  return Object.fromEntries(allApps(model).map((a) => [a.name, byLabel[waypointAppName(model, a)]]));
}
const buildUse = (app: Json, plugin: string): Json | undefined => one(one(app.build).use)[plugin] && one(one(one(app.build).use)[plugin]);
const deployUse = (app: Json, plugin: string): Json => one(one(one(app.deploy).use)[plugin]);
const registryUse = (app: Json): Json => {
  const use = one(one(one(app.build).registry).use);
  return one(Object.values(use)[0]);
};

test('the docker builder resolves context against the app, uses BuildKit and injects no entrypoint', async () => {
  const orders = (await apps(modelOf(everyOption))).orders;
  const docker = buildUse(orders, 'docker')!;
  // Waypoint makes a relative context absolute against the runner's working directory (W-5).
  assert.is(docker.context, '${path.app}/..');
  assert.is(docker.dockerfile, 'Dockerfile.prod');
  assert.is(docker.buildkit, true);
  assert.is(docker.disable_entrypoint, true);
});

test('every docker build in the examples sets buildkit and disable_entrypoint, and no context unless asked', async () => {
  for (const name of EXAMPLES) {
    const model = await exampleModel(name);
    const byName = await apps(model);
    for (const app of allApps(model).filter((a) => a.build.kind === 'docker')) {
      const docker = buildUse(byName[app.name], 'docker')!;
      assert.ok(docker, `${name}/${app.name} builds with docker`);
      assert.is(docker.buildkit, true);
      assert.is(docker.disable_entrypoint, true);
      if (app.build.kind === 'docker' && app.build.context === undefined) assert.is(docker.context, undefined);
    }
  }
});

test('a context with quotes or template sequences stays a literal after ${path.app}', async () => {
  const config = structuredClone(everyOption);
  config.projects!.menu.apps.orders.build = { kind: 'docker', context: '../a "b" ${c}' };
  const docker = buildUse((await apps(modelOf(config))).orders, 'docker')!;
  assert.is(docker.context, '${path.app}/../a "b" $${c}');
});

test('Lambda gets no architecture (the plugin reads the image\'s own); ECS gets x86_64', async () => {
  const byName = await apps(modelOf(everyOption));
  assert.is(deployUse(byName.thumbnails, 'aws-lambda').architecture, undefined);
  assert.is(deployUse(byName.orders, 'aws-ecs').architecture, 'x86_64');
});

test('immutable ECR tags get a tag unique to each build; mutable ones keep the commit', async () => {
  const byName = await apps(modelOf(everyOption));
  // orders pushes to ECR with immutableTags: true.
  assert.is(registryUse(byName.orders).tag, '${gitrefhash()}-${formatdate("YYYYMMDDhhmmss", timestamp())}');
  const acme = await apps(await exampleModel('acme'));
  assert.is(registryUse(acme.invoices).tag, '${gitrefpretty()}');
});

test('ECS keeps only the released deployment; the others keep one to roll back to', async () => {
  const model = await exampleModel('acme');
  const ecs = allApps(model).find((a) => a.deploy.kind === 'ecs')!;
  // Waypoint keeps prune_retain + 1 with the override, else 2 (operation_release.go:95-100).
  assert.equal(releasePrune(ecs.deploy.kind), { prune: true, prune_retain: 0, prune_retain_override: true });
  const run = allApps(model).find((a) => a.deploy.kind === 'cloudRun')!;
  const kept = (p: ReturnType<typeof releasePrune>) => (p.prune_retain_override ? p.prune_retain + 1 : 2);
  assert.is(kept(releasePrune(ecs.deploy.kind)), 1);
  assert.is(kept(releasePrune(run.deploy.kind)), 2);
});

test.run();
