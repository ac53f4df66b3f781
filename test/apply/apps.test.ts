// Which apps apply destroys through Waypoint when they leave the config (src/apply/apps.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appsOfArtifacts, leavingApps, projectsWithUnknownApps } from '../../src/apply/apps.ts';
import type { PilotRecord } from '../../src/state/index.ts';

const a = (project: string, app: string) => ({ project, app });

test('an app gone from a kept project is destroyed with or without --prune', () => {
  for (const prune of [false, true]) assert.equal(leavingApps([a('acme', 'web-1'), a('acme', 'api-1')], [a('acme', 'web-1')], prune), { destroy: [a('acme', 'api-1')], retain: [] });
});

test('apps of a removed project: kept (retained) without --prune, destroyed with it', () => {
  const before = [a('acme', 'web-1'), a('ops', 'worker-1')];
  assert.equal(leavingApps(before, [a('acme', 'web-1')], false), { destroy: [], retain: [a('ops', 'worker-1')] });
  assert.equal(leavingApps(before, [a('acme', 'web-1')], true), { destroy: [a('ops', 'worker-1')], retain: [] });
});

test('nothing leaves when the config keeps every app; a renamed app (new Waypoint name) leaves', () => {
  assert.equal(leavingApps([a('acme', 'web-1')], [a('acme', 'web-1')], true), { destroy: [], retain: [] });
  assert.equal(leavingApps([a('acme', 'web-1')], [a('acme', 'web-2')], false), { destroy: [a('acme', 'web-1')], retain: [] });
});

test('apps are read from each waypoint/<project>.hcl artifact', () => {
  const hcl = 'project = "acme"\n\napp "web-1" {\n  path = "web"\n}\n\napp "api-1" {\n}\n';
  assert.equal(appsOfArtifacts([{ path: 'waypoint/acme.hcl', contents: hcl }, { path: 'terraform/main.tf.json', contents: 'app "x" {\n' }]), [a('acme', 'web-1'), a('acme', 'api-1')]);
});

test('a kept project whose apps the record cannot name (an older record) is reported; a retained or configured one is not', () => {
  const record = (extra: Partial<PilotRecord>) => ({ artifacts: [{ path: 'waypoint/acme.hcl', sha256: '', contents: 'app "web-1" {\n}\n' }], waypointVariables: { acme: [], ops: [], tools: [] }, ...extra }) as PilotRecord;
  assert.equal(projectsWithUnknownApps(record({})), ['ops', 'tools']);
  assert.equal(projectsWithUnknownApps(record({ retainedApps: [a('ops', 'worker-1')] })), ['tools']);
});

test.run();
