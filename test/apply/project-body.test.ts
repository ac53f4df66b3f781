// UpsertProject bodies: every field, exactly the declared variables, list values as HCL, secrets as
// sensitive server variables, git credentials from secret() values.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { declaredVariables, projectBody } from '../../src/apply/project-body.ts';
import { gitAuthFor, resolveSecrets, sensitiveVariables } from '../../src/apply/secret-values.ts';
import { renderProject } from '../../src/backends/waypoint/emit.ts';
import { bindingsForProject } from '../../src/compiler/bindings.ts';
import type { Model } from '../../src/compiler/model.ts';
import { modelOf } from '../helpers/model.ts';

const model: Model = modelOf({
  name: 'acme',
  server: { cloud: 'aws', region: 'us-east-1', sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3hEpKQ7y0Y7bT1hS8D0dJmQ2e7vZp0m5nN0xJm3Yz a@b', allowFrom: ['203.0.113.0/24'] },
  clouds: { aws: { region: 'us-east-1' } },
  projects: {
    shop: {
      repository: { url: 'https://github.com/acme/shop.git', ref: 'main', path: 'apps', credentials: { username: 'x-access-token', password: { kind: 'secret', name: 'SHOP_GIT_TOKEN' } } },
      apps: {
        api: { build: { kind: 'docker' }, deploy: { kind: 'ecs', port: 3000 }, env: { KEY: { kind: 'secret', name: 'API_KEY' } } },
        fn: { build: { kind: 'docker' }, deploy: { kind: 'lambda' }, env: { TOKEN: { kind: 'secret', name: 'FN_TOKEN' } } },
      },
    },
  },
});
const project = model.projects[0];
const hcl = renderProject(model, project);
const outputs = Object.fromEntries(bindingsForProject(model, project).map((b) => [b.name, { sensitive: false, value: b.type === 'list(string)' ? ['subnet-a', 'subnet-b'] : `v-${b.name}` }]));
const env = { SHOP_GIT_TOKEN: 'ghp_token', API_KEY: 'k1', FN_TOKEN: 'fn-secret' };
const { values } = resolveSecrets(model, env);

test('every variable the HCL declares is sent, and nothing else; lists as HCL, scalars as str, all server-sourced', () => {
  const r = projectBody({ model, project, hcl, outputs, sensitive: sensitiveVariables(model, project, values, undefined), gitAuth: gitAuthFor(project, values) });
  assert.equal(r.diagnostics, []);
  const p = r.project!;
  assert.equal(p.variables.map((v) => v.name), declaredVariables(hcl));
  assert.ok(declaredVariables(hcl).length >= 5);
  const subnets = p.variables.find((v) => v.name === 'aws_app_subnet_ids')!;
  assert.equal(subnets, { name: 'aws_app_subnet_ids', hcl: '["subnet-a","subnet-b"]', server: {} });
  for (const v of p.variables) assert.equal(v.server, {});
  const fn = p.variables.find((v) => v.name === 'secret_FN_TOKEN')!;
  assert.equal(fn, { name: 'secret_FN_TOKEN', str: 'fn-secret', sensitive: true, server: {} });
});

test('every Project field is set: git source with credentials, poll, remote_enabled, the HCL', () => {
  const p = projectBody({ model, project, hcl, outputs, sensitive: sensitiveVariables(model, project, values, undefined), gitAuth: gitAuthFor(project, values) }).project!;
  assert.equal(Object.keys(p).sort(), ['data_source', 'data_source_poll', 'name', 'remote_enabled', 'variables', 'waypoint_hcl', 'waypoint_hcl_format']);
  assert.equal(p.data_source.git, { url: 'https://github.com/acme/shop.git', ref: 'main', path: 'apps', basic: { username: 'x-access-token', password: 'ghp_token' } });
  assert.equal(p.data_source_poll, { enabled: false, interval: '' });
  assert.is(p.remote_enabled, true);
  assert.is(p.waypoint_hcl.toString(), hcl);
  assert.is(p.waypoint_hcl_format, 'HCL');
});

test('a missing Terraform output is a coded error, not a project with an unset variable', () => {
  const { aws_app_subnet_ids: _, ...partial } = outputs;
  const r = projectBody({ model, project, hcl, outputs: partial, sensitive: sensitiveVariables(model, project, values, undefined) });
  assert.is(r.project, undefined);
  assert.is(r.diagnostics[0].code, 'PILOT4054');
  assert.match(r.diagnostics[0].message, /aws_app_subnet_ids/);
});

test('a variable the HCL does not declare (or one missing) is refused', () => {
  const r = projectBody({ model, project, hcl, outputs, sensitive: [{ name: 'extra_thing', value: 'x' }] });
  assert.is(r.diagnostics[0].code, 'PILOT4060');
  assert.match(r.diagnostics[0].message, /undeclared: extra_thing/);
  assert.match(r.diagnostics[0].message, /missing: secret_FN_TOKEN/);
});

test('missing secret values are all reported, with the config path', () => {
  const r = resolveSecrets(model, { API_KEY: 'k' });
  assert.equal(r.diagnostics.map((d) => [d.code, d.message.match(/secret\('(\w+)'\)/)![1]]), [['PILOT4021', 'FN_TOKEN'], ['PILOT4021', 'SHOP_GIT_TOKEN']]);
  assert.is(r.diagnostics[1].path, 'projects.shop.repository.credentials');
});

test('an ssh deploy key goes as data_source.git.ssh.private_key_pem', () => {
  const sshProject = { ...project, repository: { ...project.repository, credentials: { kind: 'ssh' as const, sshKeySecret: 'DEPLOY_KEY', user: 'git' } } };
  const auth = gitAuthFor(sshProject, new Map([['DEPLOY_KEY', '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n']]));
  assert.ok(auth && 'ssh' in auth);
  const ssh = (auth as { ssh: { private_key_pem: Buffer; user: string } }).ssh;
  assert.is(ssh.private_key_pem.toString(), '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n');
  assert.is(ssh.user, 'git');
});

test.run();
