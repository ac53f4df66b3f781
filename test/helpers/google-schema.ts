// An offline stand-in for `terraform validate` with the Google provider (no provider binary exists
// here): the provider schema is rebuilt from the jsii assembly @cdktf/provider-google ships, which
// carries every argument's name, type, required/optional and nested-block shape, and Terraform JSON
// is checked against it. Not covered: enum/regex validators, conflicts_with, computed-only arguments.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type AttrType = 'string' | 'number' | 'bool' | 'dynamic' | ['list' | 'map', AttrType];
export type Attribute = { type: AttrType; required: boolean };
export type NestedBlock = { minItems: number; maxItems?: number; block: BlockSchema };
export type BlockSchema = { attributes: Record<string, Attribute>; blocks: Record<string, NestedBlock> };
export type SchemaError = { path: string; message: string };

type TypeRef = { primitive?: string; fqn?: string; collection?: { kind: 'array' | 'map'; elementtype: TypeRef }; union?: { types: TypeRef[] } };
type JsiiProperty = { name: string; type: TypeRef; optional?: boolean; docs?: { summary?: string; remarks?: string } };
type JsiiType = {
  kind: 'class' | 'interface' | 'enum';
  datatype?: boolean;
  interfaces?: string[];
  properties?: JsiiProperty[];
  docs?: { summary?: string };
  initializer?: { parameters?: { type: TypeRef }[] };
};
type Assembly = { name: string; version: string; types: Record<string, JsiiType> };

/** Schemas of one provider: built per type on first use from the assembly. */
export class GoogleSchema {
  readonly version: string;
  /** Milliseconds spent reading and parsing the assembly. */
  readonly loadMs: number;
  private readonly types: Record<string, JsiiType>;
  private readonly configFqn = { resource: new Map<string, string>(), data: new Map<string, string>() };
  private providerFqn?: string;
  private readonly built = new Map<string, BlockSchema>();

  constructor(assemblyFile: string) {
    const t0 = performance.now();
    const asm = JSON.parse(readFileSync(assemblyFile, 'utf8')) as Assembly;
    this.loadMs = performance.now() - t0;
    this.types = asm.types;
    this.version = `${asm.name}@${asm.version}`;
    // Each generated class names its registry page and Terraform type in its doc summary.
    const page = /registry\.terraform\.io\/providers\/[^/]+\/[^/]+\/[^/]+\/docs(?:\/(resources|data-sources)\/[a-z0-9_]+)? ([a-z0-9_]+)\}/;
    for (const t of Object.values(asm.types)) {
      if (t.kind !== 'class') continue;
      const m = t.docs?.summary?.match(page);
      const cfg = t.initializer?.parameters?.[2]?.type.fqn;
      if (!m || !cfg) continue;
      if (!m[1]) this.providerFqn = cfg;
      else this.configFqn[m[1] === 'resources' ? 'resource' : 'data'].set(m[2], cfg);
    }
  }

  resource(type: string): BlockSchema | undefined {
    const fqn = this.configFqn.resource.get(type);
    return fqn ? this.block(fqn) : undefined;
  }
  dataSource(type: string): BlockSchema | undefined {
    const fqn = this.configFqn.data.get(type);
    return fqn ? this.block(fqn) : undefined;
  }
  provider(): BlockSchema | undefined {
    return this.providerFqn ? this.block(this.providerFqn) : undefined;
  }
  get resourceCount(): number {
    return this.configFqn.resource.size;
  }

  private block(fqn: string, seen: ReadonlySet<string> = new Set()): BlockSchema {
    const cached = this.built.get(fqn);
    if (cached) return cached;
    const schema: BlockSchema = { attributes: {}, blocks: {} };
    if (seen.has(fqn)) return schema;
    const inner = new Set(seen).add(fqn);
    for (const p of this.properties(fqn)) {
      const t = unwrap(p.type);
      const name = tfName(p);
      const single = this.isStruct(t);
      const many = t.collection?.kind === 'array' && this.isStruct(t.collection.elementtype);
      if (single || many) {
        const structFqn = (single ? t.fqn : t.collection!.elementtype.fqn)!;
        schema.blocks[name] = { minItems: p.optional ? 0 : 1, ...(single ? { maxItems: 1 } : {}), block: this.block(structFqn, inner) };
      } else {
        schema.attributes[name] = { type: attrType(p.type), required: !p.optional };
      }
    }
    this.built.set(fqn, schema);
    return schema;
  }

  private properties(fqn: string): JsiiProperty[] {
    const t = this.types[fqn];
    if (!t) return [];
    // cdktf.* bases are the meta-arguments (count, depends_on...), checked separately.
    return [...(t.interfaces ?? []).filter((i) => !i.startsWith('cdktf.')).flatMap((i) => this.properties(i)), ...(t.properties ?? [])];
  }

  private isStruct(t: TypeRef): boolean {
    const ty = t.fqn ? this.types[t.fqn] : undefined;
    return ty?.kind === 'interface' && ty.datatype === true;
  }
}

const unwrap = (t: TypeRef): TypeRef => {
  if (!t.union) return t;
  const rest = t.union.types.filter((x) => x.fqn !== 'cdktf.IResolvable');
  return rest.length === 1 ? unwrap(rest[0]) : t;
};
const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
/** The Terraform name is in the docs ("{@link ...#account_id Resource#accountId}"); snake_case otherwise. */
const tfName = (p: JsiiProperty) => (p.docs?.remarks ?? p.docs?.summary ?? '').match(/#([a-z0-9_]+) [A-Za-z0-9]+#/)?.[1] ?? snake(p.name);

function attrType(ref: TypeRef): AttrType {
  const t = unwrap(ref);
  if (t.primitive) return ({ string: 'string', number: 'number', boolean: 'bool', date: 'string' } as const)[t.primitive as 'string'] ?? 'dynamic';
  if (t.collection) return [t.collection.kind === 'map' ? 'map' : 'list', attrType(t.collection.elementtype)];
  return 'dynamic';
}

let cached: GoogleSchema | undefined;
/** The installed @cdktf/provider-google's schema, parsed once per process (the assembly is ~100 MB). */
export function googleSchema(): GoogleSchema {
  if (!cached) {
    const pkg = createRequire(import.meta.url).resolve('@cdktf/provider-google/package.json');
    cached = new GoogleSchema(join(dirname(pkg), '.jsii'));
  }
  return cached;
}

const RESOURCE_META = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection']);
const PROVIDER_META = new Set(['alias', 'version']);

const isExpression = (v: unknown) => typeof v === 'string' && /(^|[^$])\$\{/.test(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkValue(type: AttrType, v: unknown, path: string, errors: SchemaError[]): void {
  if (v === null || isExpression(v) || type === 'dynamic') return;
  const bad = (want: string) => errors.push({ path, message: `expected ${want}, got ${JSON.stringify(v)}` });
  if (type === 'string') return void (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || bad('a string'));
  if (type === 'number') return void (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) || bad('a number'));
  if (type === 'bool') return void (typeof v === 'boolean' || v === 'true' || v === 'false' || bad('a bool'));
  const [kind, element] = type;
  if (kind === 'list') {
    if (!Array.isArray(v)) return void bad('a list');
    v.forEach((x, i) => checkValue(element, x, `${path}[${i}]`, errors));
    return;
  }
  if (!isObject(v)) return void bad('a map');
  for (const [k, x] of Object.entries(v)) checkValue(element, x, `${path}.${k}`, errors);
}

function checkBlock(schema: BlockSchema, body: unknown, path: string, meta: ReadonlySet<string>, errors: SchemaError[]): void {
  if (!isObject(body)) return void errors.push({ path, message: 'expected an object' });
  for (const [k, v] of Object.entries(body)) {
    if (meta.has(k)) continue;
    const attr = schema.attributes[k];
    if (attr) {
      checkValue(attr.type, v, `${path}.${k}`, errors);
      continue;
    }
    const nested = schema.blocks[k];
    if (!nested) {
      errors.push({ path, message: `unsupported argument "${k}"` });
      continue;
    }
    const items = Array.isArray(v) ? v : [v];
    if (nested.maxItems !== undefined && items.length > nested.maxItems) errors.push({ path: `${path}.${k}`, message: `at most ${nested.maxItems} block(s) allowed, got ${items.length}` });
    if (items.length < nested.minItems) errors.push({ path: `${path}.${k}`, message: `at least ${nested.minItems} block(s) required, got ${items.length}` });
    items.forEach((item, i) => checkBlock(nested.block, item, `${path}.${k}[${i}]`, new Set(), errors));
  }
  for (const [k, a] of Object.entries(schema.attributes)) if (a.required && !(k in body)) errors.push({ path, message: `missing required argument "${k}"` });
  for (const [k, b] of Object.entries(schema.blocks)) if (b.minItems > 0 && !(k in body)) errors.push({ path, message: `missing required block "${k}"` });
}

/** Every google_* resource, data source and the google provider block of a Terraform JSON document. */
export function checkGoogleTerraform(json: unknown, schema: GoogleSchema = googleSchema()): SchemaError[] {
  const errors: SchemaError[] = [];
  if (!isObject(json)) return [{ path: '', message: 'expected a JSON object' }];
  const sections = [
    ['resource', (t: string) => schema.resource(t)],
    ['data', (t: string) => schema.dataSource(t)],
  ] as const;
  for (const [section, lookup] of sections) {
    const byType = json[section];
    if (!isObject(byType)) continue;
    for (const [type, instances] of Object.entries(byType)) {
      if (!type.startsWith('google_')) continue;
      const s = lookup(type);
      if (!s) {
        errors.push({ path: `${section}.${type}`, message: `unknown ${section === 'data' ? 'data source' : 'resource'} type` });
        continue;
      }
      if (!isObject(instances)) continue;
      for (const [name, body] of Object.entries(instances)) checkBlock(s, body, `${section}.${type}.${name}`, RESOURCE_META, errors);
    }
  }
  const providers = isObject(json.provider) ? json.provider.google : undefined;
  const providerSchema = schema.provider();
  if (providers !== undefined && providerSchema)
    (Array.isArray(providers) ? providers : [providers]).forEach((p, i) => checkBlock(providerSchema, p, `provider.google[${i}]`, PROVIDER_META, errors));
  return errors;
}
