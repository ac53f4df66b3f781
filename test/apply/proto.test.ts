// Pilot's own Waypoint .proto: it parses, declares every method the client calls with Waypoint's
// request/response types, and gives each field pilot uses the name, number and type of Waypoint
// v0.11.4's pkg/server/proto/server.proto (transcribed below from that file at tag v0.11.4). Bodies
// the client builds survive an encode/decode round trip, so no field pilot sends is undeclared.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MessageTypeDefinition } from '@grpc/proto-loader';
import { loadWaypointDefinition, waypointService } from '../../src/backends/waypoint/client/proto.ts';
import { projectBody } from '../../src/apply/project-body.ts';
import { upJob } from '../../src/apply/up.ts';
import { destroyJob } from '../../src/apply/destroy.ts';

const def = loadWaypointDefinition();
type Field = { name: string; number: number; type: string; typeName: string; label: string };
type Descriptor = { name: string; field: Field[]; nestedType: Descriptor[] };
/** The fields of a (possibly nested) message, e.g. "Job.Git.Basic". */
const fields = (msg: string): Field[] => {
  const [top, ...nested] = msg.split('.');
  let d = (def[`hashicorp.waypoint.${top}`] as MessageTypeDefinition<object, object> | undefined)?.type as unknown as Descriptor | undefined;
  for (const n of nested) d = d?.nestedType.find((x) => x.name === n);
  if (!d) throw new Error(`message ${msg} is not declared`);
  return d.field;
};

test('the service declares exactly the methods the client calls, with Waypoint\'s types', () => {
  const service = waypointService().service;
  const methods = Object.fromEntries(Object.entries(service).map(([name, m]) => [name, { path: m.path, streaming: m.responseStream }]));
  assert.equal(methods, {
    GetVersionInfo: { path: '/hashicorp.waypoint.Waypoint/GetVersionInfo', streaming: false },
    UpsertProject: { path: '/hashicorp.waypoint.Waypoint/UpsertProject', streaming: false },
    GetProject: { path: '/hashicorp.waypoint.Waypoint/GetProject', streaming: false },
    DestroyProject: { path: '/hashicorp.waypoint.Waypoint/DestroyProject', streaming: false },
    QueueJob: { path: '/hashicorp.waypoint.Waypoint/QueueJob', streaming: false },
    GetJobStream: { path: '/hashicorp.waypoint.Waypoint/GetJobStream', streaming: true },
  });
});

// name: number, type as written there (from server.proto v0.11.4: Project 779-, Variable 678-, Job 1729-, Ref 961-, GetJobStreamResponse 2518-).
const EXPECTED: Record<string, Record<string, [number, string]>> = {
  Project: { name: [1, 'TYPE_STRING'], remote_enabled: [3, 'TYPE_BOOL'], data_source: [4, 'Job.DataSource'], waypoint_hcl: [5, 'TYPE_BYTES'], waypoint_hcl_format: [6, 'Hcl.Format'], data_source_poll: [7, 'Poll'], variables: [9, 'Variable'] },
  'Project.Poll': { enabled: [1, 'TYPE_BOOL'], interval: [2, 'TYPE_STRING'] },
  Variable: { name: [1, 'TYPE_STRING'], str: [2, 'TYPE_STRING'], hcl: [3, 'TYPE_STRING'], bool: [9, 'TYPE_BOOL'], num: [10, 'TYPE_INT64'], cli: [4, 'google.protobuf.Empty'], env: [6, 'google.protobuf.Empty'], server: [8, 'google.protobuf.Empty'], sensitive: [13, 'TYPE_BOOL'] },
  Job: { id: [1, 'TYPE_STRING'], application: [2, 'Ref.Application'], workspace: [3, 'Ref.Workspace'], target_runner: [4, 'Ref.Runner'], destroy: [54, 'DestroyOp'], up: [61, 'UpOp'], state: [100, 'State'], error: [106, 'google.rpc.Status'], result: [107, 'Result'] },
  'Job.Result': { up: [9, 'UpResult'] },
  'Job.DataSource': { git: [2, 'Git'] },
  'Job.Git': { url: [1, 'TYPE_STRING'], ref: [2, 'TYPE_STRING'], path: [3, 'TYPE_STRING'], basic: [4, 'Basic'], ssh: [5, 'SSH'] },
  'Job.Git.Basic': { username: [1, 'TYPE_STRING'], password: [2, 'TYPE_STRING'] },
  'Job.Git.SSH': { private_key_pem: [1, 'TYPE_BYTES'], password: [2, 'TYPE_STRING'], user: [3, 'TYPE_STRING'] },
  'Job.UpOp': { release: [1, 'ReleaseOp'] },
  'Job.ReleaseOp': { prune: [2, 'TYPE_BOOL'], prune_retain: [3, 'TYPE_INT32'], prune_retain_override: [4, 'TYPE_BOOL'] },
  'Job.UpResult': { release_url: [1, 'TYPE_STRING'], app_url: [2, 'TYPE_STRING'], deploy_url: [3, 'TYPE_STRING'] },
  'Job.DestroyOp': { workspace: [1, 'google.protobuf.Empty'] },
  'Ref.Application': { application: [1, 'TYPE_STRING'], project: [2, 'TYPE_STRING'] },
  'Ref.Project': { project: [1, 'TYPE_STRING'] },
  'Ref.Workspace': { workspace: [1, 'TYPE_STRING'] },
  'Ref.Runner': { any: [1, 'RunnerAny'], id: [2, 'RunnerId'] },
  QueueJobRequest: { job: [1, 'Job'], expires_in: [2, 'TYPE_STRING'] },
  QueueJobResponse: { job_id: [1, 'TYPE_STRING'] },
  GetJobStreamRequest: { job_id: [1, 'TYPE_STRING'] },
  GetJobStreamResponse: { open: [1, 'Open'], state: [2, 'State'], terminal: [3, 'Terminal'], error: [4, 'Error'], complete: [5, 'Complete'] },
  'GetJobStreamResponse.Complete': { error: [1, 'google.rpc.Status'], result: [2, 'Job.Result'] },
  'GetJobStreamResponse.Terminal': { events: [1, 'Event'], buffered: [2, 'TYPE_BOOL'] },
  'GetJobStreamResponse.Terminal.Event': { line: [2, 'Line'], status: [3, 'Status'], raw: [5, 'Raw'], step: [8, 'Step'] },
  'GetJobStreamResponse.Terminal.Event.Line': { msg: [1, 'TYPE_STRING'], style: [2, 'TYPE_STRING'] },
  UpsertProjectRequest: { project: [1, 'Project'] },
  GetProjectRequest: { project: [1, 'Ref.Project'] },
  DestroyProjectRequest: { project: [1, 'Ref.Project'] },
};

test('every field pilot uses has Waypoint v0.11.4\'s name, number and type', () => {
  for (const [msg, want] of Object.entries(EXPECTED)) {
    const got = Object.fromEntries(fields(msg).map((f) => [f.name, [f.number, f.type === 'TYPE_MESSAGE' || f.type === 'TYPE_ENUM' ? f.typeName : f.type]]));
    assert.equal(got, want, msg);
  }
});

const roundTrip = (method: string, body: unknown) => {
  const m = waypointService().service[method];
  return m.requestDeserialize(m.requestSerialize(body));
};

test('bodies the client builds survive an encode/decode round trip (no undeclared field)', () => {
  const up = upJob({ project: 'acme', app: 'web', kind: 'ecs' });
  assert.equal(roundTrip('QueueJob', { job: up, expires_in: '' }).job.up, (up as { up: unknown }).up);
  // An ECS release keeps only the released deployment (release-prune.ts); the others keep Waypoint's default.
  assert.equal((up as { up: unknown }).up, { release: { prune: true, prune_retain: 0, prune_retain_override: true } });
  assert.equal((upJob({ project: 'acme', app: 'fn', kind: 'lambda' }) as { up: unknown }).up, { release: { prune: true, prune_retain: 1, prune_retain_override: false } });
  const destroy = destroyJob({ project: 'acme', app: 'web' });
  assert.equal(roundTrip('QueueJob', { job: destroy }).job.destroy, { workspace: {}, target: 'workspace' });
  const project = { name: 'acme', remote_enabled: true, data_source: { git: { url: 'u', ref: 'main', path: 'p', basic: { username: 'x-access-token', password: 'tok' } } }, data_source_poll: { enabled: true, interval: '60s' }, waypoint_hcl: Buffer.from('project = "acme"\n'), waypoint_hcl_format: 'HCL', variables: [{ name: 'a', hcl: '["x"]', server: {} }, { name: 'b', str: 's', sensitive: true, server: {} }] };
  const back = roundTrip('UpsertProject', { project }).project;
  assert.equal(back.data_source.git.basic, project.data_source.git.basic);
  assert.equal(back.variables.map((v: { name: string; hcl?: string; str?: string; sensitive?: boolean; value: string; source: string }) => [v.name, v.value, v.source, v.hcl ?? v.str, !!v.sensitive]), [['a', 'hcl', 'server', '["x"]', false], ['b', 'str', 'server', 's', true]]);
  assert.is(back.waypoint_hcl.toString(), 'project = "acme"\n');
  assert.is(back.data_source_poll.interval, '60s');
  assert.ok(typeof projectBody === 'function');
});

test.run();
