// Saved plans (`plan --out`): apply takes exactly what was reviewed, refuses a plan computed against
// another record, and a hand-edited file. Terraform's text errors map to config paths.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CODES, PilotError } from '../../src/compiler/diagnostics.ts';
import { configPathFor, mapTerraformDiagnostics, parseTextDiagnostics } from '../../src/plan/terraform-plan.ts';
import { assertPlanFresh, parseSavedPlan, serializeSavedPlan } from '../../src/state/index.ts';

const doc = () =>
  serializeSavedPlan({ pilotVersion: '0.1.0', createdAt: '2026-12-01T10:00:00.000Z', configHash: 'c', against: { hash: 'h1', serial: 1 }, artifacts: [{ path: 'terraform/main.tf.json', contents: '{}\n' }], configPaths: {}, model: {}, plan: { schema: 'pilot-plan' } });
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as PilotError).diagnostics[0].code;
  }
  return undefined;
};

test('a saved plan round-trips and is fresh only against the record it was computed against', () => {
  const saved = parseSavedPlan(doc(), 'plan.json');
  assert.equal(saved.artifacts, [{ path: 'terraform/main.tf.json', contents: '{}\n' }]);
  assert.is(codeOf(() => assertPlanFresh(saved, { hash: 'h1', serial: 1 }, 'plan.json')), undefined);
  assert.is(codeOf(() => assertPlanFresh(saved, { hash: 'h2', serial: 2 }, 'plan.json')), CODES.SAVED_PLAN_STALE);
  assert.is(codeOf(() => assertPlanFresh(saved, null, 'plan.json')), CODES.SAVED_PLAN_STALE);
});

test('an edited, truncated or newer saved plan is refused', () => {
  assert.is(codeOf(() => parseSavedPlan(doc().replace('"{}\\n"', '"{\\"x\\":1}\\n"'), 'plan.json')), CODES.SAVED_PLAN_INVALID);
  assert.is(codeOf(() => parseSavedPlan(doc().slice(0, 100), 'plan.json')), CODES.SAVED_PLAN_INVALID);
  assert.is(codeOf(() => parseSavedPlan(doc().replace('"version": 1', '"version": 2'), 'plan.json')), CODES.SAVED_PLAN_INVALID);
});

test("Terraform's text errors name the config path of the resource", () => {
  const text = `
╷
│ Error: creating EC2 Instance: InvalidParameterValue: bad tenancy
│
│   with aws_instance.server,
│   on main.tf.json line 12, in resource.aws_instance.server:
│   12:       "tenancy": "bogus",
│
│ The tenancy must be one of default, dedicated, host.
╵
`;
  const diags = mapTerraformDiagnostics(parseTextDiagnostics(text), { 'aws_instance.server': 'server' }, 'apply');
  assert.is(diags.length, 1);
  assert.is(diags[0].path, 'server');
  assert.match(diags[0].message, /^terraform apply: creating EC2 Instance: InvalidParameterValue: bad tenancy \(aws_instance\.server\)$/);
  assert.is(diags[0].hint, 'The tenancy must be one of default, dedicated, host.');
  assert.is(configPathFor('aws_subnet.public_a[0]', { 'aws_subnet.public_a': 'server' }), 'server');
});

// Terraform names a provider configuration as provider["<source>"] in "with ..." lines, e.g.
// hashicorp/terraform#35483: `with provider["registry.terraform.io/hashicorp/aws"],`.
test("Terraform errors about a provider point at its clouds block; errors naming nothing known have no path", () => {
  const text = `
╷
│ Error: configuring Terraform AWS Provider: failed to get shared config profile, ops
│
│   with provider["registry.terraform.io/hashicorp/aws"],
│   on main.tf.json line 12, in provider "aws":
│   12: provider "aws" {
│
╵
╷
│ Error: Unsupported argument
│
│   with aws_thing.unknown,
│   on main.tf.json line 40, in resource.aws_thing.unknown:
│
╵
╷
│ Error: Failed to query available provider packages
│
│ Could not retrieve the list of available versions for provider hashicorp/aws
╵
`;
  const diags = mapTerraformDiagnostics(parseTextDiagnostics(text), { 'aws_instance.server': 'server' }, 'plan');
  assert.equal(diags.map((d) => d.path), ['clouds.aws', undefined, undefined]);
  assert.is(configPathFor('provider["registry.terraform.io/hashicorp/google"].us', {}), 'clouds.gcp');
  assert.is(configPathFor('aws_thing.unknown', {}), undefined);
});

test.run();
