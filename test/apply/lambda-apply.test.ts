// pilot apply adds the function URL's lambda:InvokeFunction permission for Lambda apps whose
// function exists (deploys from git polling never run pilot up), through the real AWS SDK client
// against a local Lambda endpoint.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.ts';
import { startFakeLambda } from './helpers/lambda.ts';
import { STAND_IN, startWorld } from './helpers/world.ts';

const world = await startWorld();
const lambda = await startFakeLambda();
const dir = join(world.config, '..');
const APPLY = ['apply', '--yes', '--terraform-bin', STAND_IN, '--ready-timeout', '20s'];
const cli = (args: string[]) => runCli(['--config', world.config, ...args], dir, { ...world.env, AWS_ENDPOINT_URL_LAMBDA: lambda.url });
const text = readFileSync(world.config, 'utf8')
  .replace("import { aws,", 'import { aws, lambda,')
  .replace('        web: {', "        hooks: { path: 'hooks', build: docker(), deploy: lambda(), database: false },\n        web: {");
assert.ok(text.includes('deploy: lambda()'));
writeFileSync(world.config, text);

test('a Lambda app not deployed yet: apply tries, is told the function does not exist, and succeeds', async () => {
  const r = await cli(APPLY);
  assert.is(r.code, 0, r.stderr);
  assert.is(lambda.calls.length, 1);
  assert.match(lambda.calls[0].functionName, /^hooks-[0-9a-z]{6}$/);
  assert.match(r.stderr, /acme\/hooks: no function yet/);
});

test('once the function exists, apply adds InvokeFunction via the function URL; the next apply finds it present', async () => {
  const fn = lambda.calls[0].functionName;
  lambda.existing.add(fn);
  const r = await cli(APPLY);
  assert.is(r.code, 0, r.stderr);
  const call = lambda.calls.at(-1);
  assert.is(call?.functionName, fn);
  assert.equal({ ...call?.body }, { Action: 'lambda:InvokeFunction', Principal: '*', StatementId: 'pilot-function-url-invoke', InvokedViaFunctionUrl: true });
  assert.match(r.stderr, /acme\/hooks: function URL invoke permission added/);
  const again = await cli(APPLY);
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stderr, /acme\/hooks: function URL invoke permission present/);
});

test.after(async () => {
  await lambda.stop();
  await world.stop();
});
test.run();
