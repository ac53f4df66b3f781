// The real cloud-init validator, plus the check it lacks: `cloud-init schema` lets unknown top-level
// keys pass (a typo such as `packagez:` is silently ignored on boot), so we compare the document's
// top-level keys with the properties the installed cloud-init's own JSON schema declares.
// Missing cloud-init is an error, never a skip: run .ci/install-tools.sh.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const INSTALL_HINT = 'cloud-init is not installed: run .ci/install-tools.sh (apt-get install -y --no-install-recommends cloud-init)';

function cloudInitBin(): string {
  const found = spawnSync('sh', ['-c', 'command -v cloud-init'], { encoding: 'utf8' });
  const bin = found.stdout.trim();
  if (found.status !== 0 || !bin) throw new Error(INSTALL_HINT);
  return bin;
}

/** `cloud-init schema --config-file FILE`: exit status and output. */
export function cloudInitSchema(file: string): { ok: boolean; output: string } {
  const r = spawnSync(cloudInitBin(), ['schema', '--config-file', file], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

// Keys cloud-init reads outside the module schemas (system config and merging), as in
// validate-cloud-init.sh of the reference validators.
const NON_MODULE_KEYS = ['merge_how', 'merge_type', 'network', 'datasource', 'system_info', 'output', 'log_cfg', 'cloud_config_modules',
  'cloud_init_modules', 'cloud_final_modules', 'disable_network_activation', 'vendor_data', '_log'];

type Schema = { $defs: Record<string, { properties?: Record<string, unknown> }>; allOf: ({ $ref: string } | { properties?: Record<string, unknown> })[] };

let known: Set<string> | undefined;

/** Top-level keys the installed cloud-init's schema-cloud-config-v1.json knows. */
export function knownTopLevelKeys(): Set<string> {
  if (known) return known;
  // cloud-init's own interpreter: a python3 first on PATH (pyenv, venv) may lack the cloudinit module.
  const shebang = readFileSync(cloudInitBin(), 'utf8').split('\n', 1)[0];
  const python = shebang.replace(/^#!\s*/, '').split(/\s+/)[0] || 'python3';
  const schemaPath = execFileSync(python, ['-c', 'import cloudinit.config.schema as s,os;print(os.path.join(os.path.dirname(s.__file__),"schemas","schema-cloud-config-v1.json"))'], { encoding: 'utf8' }).trim();
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Schema;
  const keys = new Set(NON_MODULE_KEYS);
  for (const part of schema.allOf) {
    const def = '$ref' in part ? schema.$defs[part.$ref.split('/').pop() ?? ''] : part;
    for (const key of Object.keys(def?.properties ?? {})) keys.add(key);
  }
  if (keys.size < 50) throw new Error(`cloud-init schema at ${schemaPath} lists only ${keys.size} top-level keys: layout changed?`);
  known = keys;
  return keys;
}

/** Top-level keys of a cloud-config text that cloud-init does not know. */
export function unknownTopLevelKeys(text: string): string[] {
  const doc = parse(text) as Record<string, unknown> | null;
  const keys = knownTopLevelKeys();
  return Object.keys(doc ?? {}).filter((k) => !keys.has(k)).sort();
}

/** Both checks; what a test asserts on. */
export function validateCloudConfig(file: string): { ok: boolean; problems: string[] } {
  const problems: string[] = [];
  const schema = cloudInitSchema(file);
  if (!schema.ok) problems.push(`cloud-init schema: ${schema.output.trim()}`);
  const unknown = unknownTopLevelKeys(readFileSync(file, 'utf8'));
  if (unknown.length) problems.push(`unknown top-level keys: ${unknown.join(', ')}`);
  return { ok: problems.length === 0, problems };
}
