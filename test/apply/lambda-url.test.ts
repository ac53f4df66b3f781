// After `up` of a Lambda app pilot adds the lambda:InvokeFunction half of a public function URL's
// access (AWS "Control access to Lambda function URLs": since October 2025 new URLs need both
// InvokeFunctionUrl and InvokeFunction); Waypoint v0.11.4's releaser adds only InvokeFunctionUrl.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AddPermissionCommandInput } from '@aws-sdk/client-lambda';
import { ensureFunctionUrlInvoke, ensureLambdaUrlPermissions, functionUrlInvokePermission } from '../../src/apply/lambda-url.ts';
import type { PilotError } from '../../src/compiler/diagnostics.ts';
import { upApps } from '../../src/apply/up.ts';
import type { WaypointClient } from '../../src/backends/waypoint/client/client.ts';

const fakeLambda = (fail?: string) => {
  const sent: AddPermissionCommandInput[] = [];
  return {
    sent,
    client: {
      async addPermission(input: AddPermissionCommandInput) {
        sent.push(input);
        if (fail) throw Object.assign(new Error('statement exists'), { name: fail });
      },
    },
  };
};

test('the statement: InvokeFunction for everyone, only through the function URL, on the function Waypoint names after the app', () => {
  assert.equal(functionUrlInvokePermission('hooks'), {
    FunctionName: 'hooks',
    StatementId: 'pilot-function-url-invoke',
    Action: 'lambda:InvokeFunction',
    Principal: '*',
    InvokedViaFunctionUrl: true,
  });
});

test('an existing statement (ResourceConflictException) is the converged state; other errors propagate', async () => {
  assert.is(await ensureFunctionUrlInvoke(fakeLambda('ResourceConflictException').client, 'hooks'), 'present');
  await ensureFunctionUrlInvoke(fakeLambda('AccessDeniedException').client, 'hooks').then(() => assert.unreachable(), (e: Error) => assert.is(e.name, 'AccessDeniedException'));
});

const fakeWaypoint = (error?: string): WaypointClient => ({
  versionInfo: async () => ({}),
  upsertProject: async () => undefined,
  getProject: async () => undefined,
  destroyProject: async () => undefined,
  queueJob: async () => 'job-1',
  async streamJob(_id, onEvent) {
    onEvent({ event: 'terminal', terminal: { events: [{ event: 'line', line: { msg: 'Releasing...' } }] } });
    return error ? { error: { code: 2, message: error } } : { result: { up: { release_url: 'https://abc.lambda-url.us-east-1.on.aws/' } } };
  },
  close: () => undefined,
});

test('up of a Lambda app adds the permission in the function\'s region after the release succeeded', async () => {
  const l = fakeLambda();
  const regions: string[] = [];
  const lines: string[] = [];
  const [r] = await upApps({ client: fakeWaypoint(), write: (x) => lines.push(x), lambdaClient: async (region) => (regions.push(region), l.client) }, [{ project: 'p', app: 'hooks', kind: 'lambda', lambdaRegion: 'eu-west-1' }]);
  assert.is(r.ok, true);
  assert.is(r.url, 'https://abc.lambda-url.us-east-1.on.aws/');
  assert.equal(regions, ['eu-west-1']);
  assert.equal(l.sent, [functionUrlInvokePermission('hooks')]);
});

test('no permission when the release failed, and none for non-Lambda apps', async () => {
  const l = fakeLambda();
  const failed = await upApps({ client: fakeWaypoint('release failed'), write: () => undefined, lambdaClient: async () => l.client }, [{ project: 'p', app: 'hooks', kind: 'lambda', lambdaRegion: 'eu-west-1' }]);
  assert.is(failed[0].ok, false);
  assert.is(failed[0].error, 'release failed');
  await upApps({ client: fakeWaypoint(), write: () => undefined, lambdaClient: async () => l.client }, [{ project: 'p', app: 'api', kind: 'ecs' }]);
  assert.equal(l.sent, []);
});

test('apply: the permission for each Lambda app whose function exists; a function not deployed yet is skipped', async () => {
  const sent: AddPermissionCommandInput[] = [];
  const regions: string[] = [];
  const client = async (region: string) => {
    regions.push(region);
    return {
      async addPermission(input: AddPermissionCommandInput) {
        sent.push(input);
        if (input.FunctionName === 'new-hook') throw Object.assign(new Error('Function not found'), { name: 'ResourceNotFoundException' });
        if (input.FunctionName === 'old-hook') throw Object.assign(new Error('statement exists'), { name: 'ResourceConflictException' });
      },
    };
  };
  const lines: string[] = [];
  await ensureLambdaUrlPermissions([
    { label: 'p/hooks', functionName: 'hooks', region: 'eu-west-1' },
    { label: 'p/old', functionName: 'old-hook', region: 'eu-west-1' },
    { label: 'p/new', functionName: 'new-hook', region: 'us-east-1' },
  ], client, (l) => lines.push(l));
  assert.equal(sent, [functionUrlInvokePermission('hooks'), functionUrlInvokePermission('old-hook'), functionUrlInvokePermission('new-hook')]);
  assert.equal(regions, ['eu-west-1', 'us-east-1'], 'one client per region');
  assert.equal(lines, ['p/hooks: function URL invoke permission added', 'p/old: function URL invoke permission present', 'p/new: no function yet (not deployed); pilot up adds the permission']);
});

test('apply: a denied AddPermission is a coded error naming lambda:AddPermission', async () => {
  await ensureLambdaUrlPermissions([{ label: 'p/hooks', functionName: 'hooks', region: 'eu-west-1' }], async () => fakeLambda('AccessDeniedException').client, () => undefined).then(
    () => assert.unreachable('a denied call passed'),
    (e: PilotError) => {
      assert.is(e.diagnostics[0].code, 'PILOT4067');
      assert.match(e.diagnostics[0].hint ?? '', /lambda:AddPermission/);
    },
  );
});

test.run();
