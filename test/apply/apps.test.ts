// Which apps apply destroys through Waypoint when they leave the config (src/apply/apps.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appsOfArtifacts, leavingApps, projectsWithUnknownApps, removedProjectsRefusal } from '../../src/apply/apps.ts';
import type { PilotRecord } from '../../src/state/index.ts';

const a = (project: string, app: string) => ({ project, app });

test('an app gone from a kept project is destroyed with or without --prune', () => {
  for (const prune of [false, true]) assert.equal(leavingApps([a('acme', 'web-1'), a('acme', 'api-1')], [a('acme', 'web-1')], prune), { destroy: [a('acme', 'api-1')], retain: [] });
});

test('apps of a removed project: returned as retain (which apply refuses) without --prune, destroyed with it', () => {
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

test('a removed project with deployed apps is refused with PILOT4070, naming the projects, why and how to go on', () => {
  assert.is(removedProjectsRefusal([]), undefined);
  const one = removedProjectsRefusal([a('ops', 'worker-1')])!.diagnostics[0];
  assert.is(one.code, 'PILOT4070');
  assert.is(one.message, 'project ops left the config but its app ops/worker-1 is still deployed: terraform apply would delete the infrastructure it runs on (ECS cluster, task security groups, roles, buckets) while Waypoint still runs it there');
  assert.match(one.hint ?? '', /pilot apply --prune to destroy it through Waypoint first.*or put the project back in the config/);
  const two = removedProjectsRefusal([a('ops', 'worker-1'), a('tools', 'admin-1'), a('ops', 'cron-1')])!.diagnostics[0];
  assert.match(two.message, /^projects ops and tools left the config but their apps ops\/cron-1, ops\/worker-1 and tools\/admin-1 are still deployed/);
});

test.run();
