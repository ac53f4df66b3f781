// What the runner and Waypoint 0.11.4's builders cannot do is refused before anything is emitted:
// pack() (no maintained builder speaks pack v0.20.0's Platform APIs) and arm64 on ECS or Lambda
// (amd64-only builds). x86_64 and docker() pass.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileConfig } from '../../src/compiler/compile.ts';
import { CODES } from '../../src/compiler/diagnostics.ts';
import type { ConfigInput } from '../../src/dsl/schema/config.ts';
import { awsOnly } from '../cloud-init/fixtures.ts';

function withApp(app: Record<string, unknown>): ConfigInput {
  const config = awsOnly();
  return { ...config, projects: { billing: { ...config.projects!.billing, apps: { api: { path: 'api', ...app } as never } } } };
}
const errors = async (config: ConfigInput) => (await compileConfig(config, { file: 'pilot.config.ts', text: '' })).diagnostics.filter((d) => d.severity === 'error');

test('pack() is refused at the build with a migration hint, on every deploy kind', async () => {
  for (const deploy of [{ kind: 'ecs' }, { kind: 'lambda' }]) {
    const found = await errors(withApp({ build: { kind: 'pack' }, deploy }));
    assert.equal(found.map((d) => [d.code, d.path]), [[CODES.PACK_UNSUPPORTED, 'projects.billing.apps.api.build']]);
    assert.match(found[0].hint ?? '', 'docker()');
  }
});

test('arm64 is refused on ECS and Lambda; x86_64 compiles', async () => {
  for (const kind of ['ecs', 'lambda']) {
    const found = await errors(withApp({ build: { kind: 'docker' }, deploy: { kind, architecture: 'arm64' } }));
    assert.equal(found.map((d) => [d.code, d.path]), [[CODES.ARCHITECTURE_UNSUPPORTED, 'projects.billing.apps.api.deploy.architecture']]);
    assert.equal(await errors(withApp({ build: { kind: 'docker' }, deploy: { kind, architecture: 'x86_64' } })), []);
  }
});

test.run();
