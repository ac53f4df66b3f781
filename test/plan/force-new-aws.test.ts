// The AWS half of the ForceNew table, asked of the real provider (5.100.0, local plugin dir,
// offline): for every AWS resource type pilot emits, a state whose every argument differs from
// pilot's configuration, planned with -refresh=false. Terraform's `replace_paths` then lists exactly
// the arguments that force replacement; each must be in the table, and each table entry among the
// arguments pilot sets must be reported.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../../src/compiler/load.ts';
import type { ConfigInput } from '../../src/dsl/schema/config.ts';
import { FORCE_NEW } from '../../src/plan/force-new.ts';
import { everyOption } from '../fixtures/every-option.ts';
import { ROOT } from '../helpers/golden.ts';
import { examplePath } from '../helpers/model.ts';
import { OFFLINE_OVERRIDE, terraformPluginDir } from '../helpers/terraform.ts';
import { base, compile } from './_cases.ts';

type Body = Record<string, unknown>;
type BlockSchema = { attributes?: Record<string, { type?: unknown; computed?: boolean }>; block_types?: Record<string, { nesting_mode: string; block: BlockSchema }> };

const offline = spawnSync('unshare', ['-n', 'true']).status === 0 ? ['unshare', '-n'] : [];

/** A plausible literal for a `${...}` reference, by argument name (config validation sees it). */
function literal(key: string): string {
  if (/arn$/.test(key) || key === 'role' && false) return 'arn:aws:iam::123456789012:policy/probe';
  if (key === 'log_destination') return 'arn:aws:logs:eu-west-1:123456789012:log-group:probe';
  if (key === 'vpc_id') return 'vpc-0123456789abcdef0';
  if (key.includes('subnet')) return 'subnet-0123456789abcdef0';
  if (key.includes('security_group')) return 'sg-0123456789abcdef0';
  if (key === 'route_table_id') return 'rtb-0123456789abcdef0';
  if (key === 'gateway_id') return 'igw-0123456789abcdef0';
  if (key === 'instance') return 'i-0123456789abcdef0';
  return 'probe';
}
function resolveRefs(v: unknown, key = ''): unknown {
  if (typeof v === 'string') return v.includes('${') ? (v.startsWith('{') ? v.replace(/\$\{[^}]*\}/g, 'arn:aws:s3:::probe') : literal(key)) : v;
  if (Array.isArray(v)) return v.map((x) => resolveRefs(x, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveRefs(x, k)]));
  return v;
}
/** A different value of the same type, for the state. */
function other(v: unknown): unknown {
  if (typeof v === 'string') return v.startsWith('{') ? v.replace(/"Version":"2012-10-17"/, '"Version":"2008-10-17"') : /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(v) ? v.replace(/^(\d+)\./, (_, a) => `${(Number(a) + 1) % 255}.`) : `${v}-old`;
  if (typeof v === 'number') return v + 1;
  if (typeof v === 'boolean') return !v;
  if (Array.isArray(v)) return v.map(other);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, other(x)]));
  return v;
}
/** State JSON: nested blocks as lists (list/set nesting), attributes as they are. */
function toState(body: Body, schema: BlockSchema): Body {
  const out: Body = {};
  for (const [k, v] of Object.entries(body)) {
    const bt = schema.block_types?.[k];
    if (bt) {
      const items = (Array.isArray(v) ? v : [v]).map((x) => toState(x as Body, bt.block));
      out[k] = bt.nesting_mode === 'single' ? items[0] : items;
    } else out[k] = v;
  }
  return out;
}

async function awsBodies(): Promise<Map<string, Body>> {
  const configs: ConfigInput[] = [everyOption, base(), (await loadConfig({ cwd: ROOT, configPath: examplePath('acme'), command: 'test' })).raw as ConfigInput];
  const out = new Map<string, Body>();
  for (const c of configs) {
    const tf = JSON.parse((await compile(c)).artifacts.find((a) => a.path === 'terraform/main.tf.json')!.contents) as { resource: Record<string, Record<string, Body>> };
    for (const [type, byName] of Object.entries(tf.resource)) if (type.startsWith('aws_') && !out.has(type)) out.set(type, Object.values(byName)[0]);
  }
  return out;
}

test('every AWS ForceNew entry that pilot sets matches what the provider reports (replace_paths)', async () => {
  const bodies = await awsBodies();
  const dir = mkdtempSync(join(tmpdir(), 'pilot-forcenew-'));
  try {
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: join(dir, 'empty.tfrc') };
    writeFileSync(join(dir, 'empty.tfrc'), '');
    const tf = (args: string[]) => {
      const [cmd, ...pre] = [...offline, 'terraform'];
      const r = spawnSync(cmd, [...pre, ...args], { cwd: dir, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 300_000 });
      if (r.status !== 0) throw new Error(`terraform ${args[0]}: ${(r.stderr.match(/Error: [\s\S]*?(?=\n\n|$)/g) ?? [r.stderr.slice(-4000)]).join('\n').slice(0, 6000)}`);
      return r.stdout;
    };
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } }, provider: { aws: { ...OFFLINE_OVERRIDE.provider.aws, region: 'eu-west-1' } } }));
    tf(['init', '-input=false', '-no-color', `-plugin-dir=${terraformPluginDir()}`]);
    const schemas = (JSON.parse(tf(['providers', 'schema', '-json'])) as { provider_schemas: Record<string, { resource_schemas: Record<string, { version: number; block: BlockSchema }> }> }).provider_schemas['registry.terraform.io/hashicorp/aws'].resource_schemas;

    const resources: Record<string, Record<string, Body>> = {};
    const state: unknown[] = [];
    for (const [type, raw] of bodies) {
      const schema = schemas[type];
      assert.ok(schema, `${type} exists in provider 5.100.0`);
      const { lifecycle: _l, depends_on: _d, provider: _p, '//': _c, ...body } = resolveRefs(raw) as Body;
      resources[type] = { probe: body };
      const old = toState(other(body) as Body, schema.block);
      state.push({ mode: 'managed', type, name: 'probe', provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: schema.version, attributes: { ...old, id: 'probe-id' }, sensitive_attributes: [] }] });
    }
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } }, provider: { aws: { ...OFFLINE_OVERRIDE.provider.aws, region: 'eu-west-1' } }, resource: resources }));
    writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify({ version: 4, terraform_version: '1.11.0', serial: 1, lineage: 'probe', outputs: {}, resources: state }));
    tf(['plan', '-refresh=false', '-input=false', '-no-color', '-lock=false', '-out=probe.plan']);
    const plan = JSON.parse(tf(['show', '-json', 'probe.plan'])) as { resource_changes: { type: string; change: { actions: string[]; replace_paths?: (string | number)[][] } }[] };
    const problems: string[] = [];
    for (const rc of plan.resource_changes) {
      const reported = new Set((rc.change.replace_paths ?? []).map((p) => String(p[0])));
      const set = new Set(Object.keys(bodies.get(rc.type)!));
      const table = new Set(FORCE_NEW[rc.type].forceNew.map((f) => f.split('.')[0]).filter((f) => set.has(f)));
      if (rc.type === 'aws_instance') table.delete('ami'); // pilot's lifecycle ignores ami
      for (const r of reported) if (!FORCE_NEW[rc.type].forceNew.some((f) => f.split('.')[0] === r) && !(rc.type === 'aws_instance' && r === 'user_data')) problems.push(`${rc.type}.${r}: the provider replaces, the table does not say so`);
      for (const t of table) if (!reported.has(t)) problems.push(`${rc.type}.${t}: in the table, but the provider updates it in place`);
    }
    assert.equal(problems, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
