// Every waypoint.hcl we emit parses with HashiCorp's own HCL parser and means what the model says.
import { parse } from '@cdktf/hcl2json';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderHcl, expr } from '../../src/backends/waypoint/hcl.ts';
import { waypointEmitter } from '../../src/backends/waypoint/emit.ts';
import { bindingsForProject } from '../../src/compiler/bindings.ts';
import { projectVariables, secretBindings } from '../../src/compiler/secrets.ts';
import { escapeTemplate } from '../../src/compiler/canonical.ts';
import { waypointAppName } from '../../src/compiler/names.ts';
import { EXAMPLES, exampleModel } from '../helpers/model.ts';

type Json = Record<string, any>;
const one = (x: unknown): Json => (Array.isArray(x) ? x[0] : x) as Json;

for (const name of EXAMPLES) {
  test(`examples/${name}: each waypoint.hcl parses and declares project, runner, variables and apps`, async () => {
    const model = await exampleModel(name);
    for (const artifact of waypointEmitter.emit(model).artifacts) {
      const project = model.projects.find((p) => artifact.path === `waypoint/${p.name}.hcl`)!;
      const json = (await parse(artifact.path, artifact.contents)) as Json;
      assert.is(json.project, project.name);
      const runner = one(json.runner);
      assert.is(runner.enabled, true);
      const git = one(one(runner.data_source).git);
      assert.is(git.url, project.repository.url);
      assert.is(git.ref, project.repository.ref);
      const declared = [...bindingsForProject(model, project), ...secretBindings(model, project)].map((b) => b.name).sort();
      assert.equal(Object.keys(json.variable ?? {}).sort(), declared);
      assert.equal(projectVariables(model, project).map((v) => v.name), declared, 'apply sets exactly what the HCL declares');
      for (const b of secretBindings(model, project)) assert.is(one(json.variable[b.name]).sensitive, true, `${b.name} is sensitive`);
      // Waypoint names cloud resources after the app label, so it carries the pilot/project hash.
      assert.equal(Object.keys(json.app).sort(), project.apps.map((a) => waypointAppName(model, a)).sort());
      for (const app of project.apps) {
        assert.match(waypointAppName(model, app), new RegExp(`^${app.name}-[0-9a-z]{6}$`));
        const block = one(json.app[waypointAppName(model, app)]);
        assert.is(block.path, app.path);
        const deploy = one(one(block.deploy).use);
        const plugin = Object.keys(deploy)[0];
        const expected = { ecs: 'aws-ecs', cloudRun: 'google-cloud-run', lambda: 'aws-lambda', cloudfront: 'exec', cloudCdn: 'exec' }[app.deploy.kind];
        assert.is(plugin, expected, `${app.name} deploys with ${expected}`);
        // aws-ecs has no standalone releaser: a release stanza would break the deploy.
        if (app.deploy.kind === 'ecs') assert.is(block.release, undefined);
        // A secret env var is only ever a variable reference (an ARN for ECS, a sensitive value otherwise), never a literal.
        for (const e of app.env.filter((x): x is { name: string; secret: string } => 'secret' in x)) {
          assert.match(artifact.contents, new RegExp(`\\b${e.name} += var\\.secret_${e.secret}${app.deploy.kind === 'ecs' ? '_arn' : ''}\\n`), `${e.name} reads its variable`);
          assert.not.match(artifact.contents, new RegExp(`\\b${e.name} += "`), `secret ${e.name} is not a literal`);
        }
      }
    }
  });
}

test('the HCL writer escapes quotes, backslashes, newlines and template sequences', async () => {
  const tricky = 'say "hi"\\ ${var.x} %{ if true } \n\t';
  // d needs no character escaped, only its template sequences (the writer's fast path).
  const templateOnly = 'plain ${var.x} and %{ if true }';
  const text = renderHcl({ attrs: [['a', tricky], ['b', expr('var.x')], ['c', { 'key with space': 'v', plain: [1, true] }], ['d', templateOnly]] });
  const json = (await parse('t.hcl', text)) as Json;
  // hcl2json prints literals in Terraform-JSON form, where `${` and `%{` stay escaped as `$${` / `%%{`.
  assert.is(json.a, escapeTemplate(tricky), 'a literal round-trips unchanged');
  assert.is(json.b, '${var.x}', 'an expression stays an expression');
  assert.equal(json.c, { 'key with space': 'v', plain: [1, true] });
  assert.is(json.d, escapeTemplate(templateOnly));
  assert.match(text, /d += "plain \$\$\{var\.x\} and %%\{ if true \}"/);
});

test('the HCL writer refuses names HCL cannot hold', () => {
  assert.throws(() => renderHcl({ attrs: [['bad name', 1]] }), /invalid HCL attribute name/);
  assert.throws(() => renderHcl({ blocks: [{ type: '1x' }] }), /invalid HCL block type/);
});

test.run();
