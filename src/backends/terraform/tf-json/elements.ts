// The part of cdktf's API pilot's emitters use (App, TerraformStack, TerraformOutput,
// TerraformVariable, TerraformLocal, resources, data sources, providers), writing the same
// Terraform JSON without loading cdktf or its provider bindings. The shipped CLI is bundled with
// `cdktf` and `@cdktf/provider-*/lib/*` mapped here (scripts/build.mjs); the bindings stay the typed
// source of truth at build time, and a parity test holds this output byte-equal to cdktf's.
import { listToken, RESOLVE, rawToken, refToken, resolveInPlace, resolveTokens } from './tokens.ts';

type Json = Record<string, unknown>;

/** cdktf's makeUniqueId for a construct directly under the stack: drop what Terraform names cannot hold. */
const defaultLogicalId = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '');

/** cdktf's snake_case for meta-arguments and overrides (`tags` and `environment` keep their keys). */
function snake(key: string): string {
  return key
    .replace(/^[^A-Za-z0-9]*|[^A-Za-z0-9]*$/g, '')
    .replace(/([a-z0-9])([A-Z])/g, (_m, a: string, b: string) => `${a}_${b.toLowerCase()}`)
    .replace(/[^A-Za-z0-9]+|_+/g, '_')
    .toLowerCase();
}
function keysToSnakeCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((e) => (typeof e === 'object' && e !== null ? keysToSnakeCase(e) : e));
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) out[k === 'tags' || k === 'environment' ? k : snake(k)] = k === 'tags' || k === 'environment' ? v : typeof v === 'object' && v !== null ? keysToSnakeCase(v) : v;
  return out;
}

/** cdktf's deepMerge: objects merge, arrays concatenate, undefined deletes. */
function deepMerge(target: Json, ...sources: Json[]): Json {
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        // A reference object is a value, not a block to merge (cdktf's deepMerge skips resolvables too).
        if (RESOLVE in value) {
          target[key] = value;
          continue;
        }
        if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
        deepMerge(target[key] as Json, value as Json);
      } else if (Array.isArray(value)) {
        target[key] = Array.isArray(target[key]) ? [...(target[key] as unknown[]), ...value] : value;
      } else if (value === undefined) delete target[key];
      else target[key] = value;
    }
  }
  return target;
}

/**
 * Merges one element's `{ section: { type: { id: body } } }` (or `{ section: { id: body } }`) into the
 * document as cdktf's deepMerge would, without copying a body that has no twin (the usual case).
 */
function place(tf: Json, element: Json): void {
  for (const [section, byKey] of Object.entries(element)) {
    const into = (tf[section] ??= {}) as Json;
    for (const [key, value] of Object.entries(byKey as Json)) {
      if (!(key in into)) into[key] = value;
      else if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof into[key] === 'object' && into[key] !== null) {
        const inner = into[key] as Json;
        for (const [id, body] of Object.entries(value as Json)) {
          if (!(id in inner)) inner[id] = body;
          else deepMerge(inner, { [id]: body });
        }
      } else deepMerge(into, { [key]: value });
    }
  }
}

/** `addOverride('a.b.c', v)` as the nested object cdktf merges last. */
function setPath(target: Json, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = target;
  for (const p of parts.slice(0, -1)) {
    if (typeof at[p] !== 'object' || at[p] === null) at[p] = {};
    at = at[p] as Json;
  }
  at[parts[parts.length - 1]] = value;
}

export class App {
  constructor(_options?: unknown) {}
}

export abstract class TerraformElement {
  friendlyUniqueId: string;
  /** Made by the first addOverride: most elements have none (a large config makes ~10,000 elements). */
  private overrides?: Json;
  constructor(
    readonly stack: TerraformStack,
    id: string,
  ) {
    this.friendlyUniqueId = defaultLogicalId(id);
    stack.elements.push(this);
  }
  overrideLogicalId(id: string): void {
    this.friendlyUniqueId = id;
  }
  addOverride(path: string, value: unknown): void {
    setPath((this.overrides ??= {}), path, value);
  }
  /** `body` with this element's overrides merged in, as cdktf merges them last. */
  protected withOverrides(body: Json): Json {
    return this.overrides ? deepMerge(body, this.overrides) : body;
  }
  abstract toTerraform(): Json;
  /** Puts this element into the document being built (what place() does with toTerraform()). */
  placeInto(tf: Json): void {
    place(tf, this.toTerraform());
  }
}

/** Puts `body` at tf[section][...keys]: a twin already there is deep-merged, as cdktf does. */
function placeBody(tf: Json, section: string, keys: [string] | [string, string], body: Json): void {
  let into = (tf[section] ??= {}) as Json;
  if (keys.length === 2) into = (into[keys[0]] ??= {}) as Json;
  const id = keys[keys.length - 1];
  if (id in into) deepMerge(into, { [id]: body });
  else into[id] = body;
}

export class TerraformStack {
  readonly elements: TerraformElement[] = [];
  private readonly rawOverrides: Json = {};
  constructor(_scope: App, _id: string) {}
  addOverride(path: string, value: unknown): void {
    setPath(this.rawOverrides, path, value);
  }
  toTerraform(): Json {
    const tf: Json = {};
    for (const e of this.elements) e.placeInto(tf);
    const doc = deepMerge(tf, this.rawOverrides);
    resolveInPlace(doc);
    return doc;
  }
}

// ---- Values of configuration, converted as the bindings' *ToTerraform functions do ----

/** How a value is written: as is, a list or map of, a nested block, or (attributes-as-blocks) null when unset. */
export type Conv = 'v' | ['list', Conv] | ['map', Conv] | ['struct', string] | ['null', Conv];
export type AttrSpec = [key: string, tfName: string, conv: Conv];
export type Structs = Record<string, AttrSpec[]>;

function convert(value: unknown, conv: Conv, structs: Structs): unknown {
  if (conv !== 'v' && conv[0] === 'null') return value === undefined ? null : convert(value, conv[1], structs);
  if (value === undefined || value === null || conv === 'v') return value;
  // A reference to a whole nested block or list is written as a reference, as cdktf does.
  if (typeof value === 'object' && RESOLVE in value) return value;
  if (conv[0] === 'list') return Array.isArray(value) ? value.map((x) => convert(x, conv[1], structs)) : value;
  if (conv[0] === 'map') return typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).map(([k, x]) => [k, convert(x, conv[1], structs)])) : value;
  if (typeof value !== 'object') return value;
  return convertAttrs(value as Json, structs[conv[1]], structs);
}

/** Where each configuration key sits in a spec, and the attributes written even when unset (null). */
type AttrIndex = { byKey: Map<string, number>; nulls: number[] };
const attrIndexes = new WeakMap<AttrSpec[], AttrIndex>();
function indexOf(attrs: AttrSpec[]): AttrIndex {
  let index = attrIndexes.get(attrs);
  if (!index) {
    index = { byKey: new Map(attrs.map(([key], i) => [key, i])), nulls: attrs.flatMap(([, , conv], i) => (conv !== 'v' && conv[0] === 'null' ? [i] : [])) };
    attrIndexes.set(attrs, index);
  }
  return index;
}

/**
 * The bindings' *ToTerraform: each attribute of the spec the configuration sets, in spec order (the
 * build sorts specs by Terraform name, so bodies come out in the key order they are written in).
 * Only the keys the configuration has are visited: a spec has up to ~80 attributes, a config ~5.
 */
function convertAttrs(config: Json, attrs: AttrSpec[], structs: Structs): Json {
  const { byKey, nulls } = indexOf(attrs);
  // Positions in spec order, by insertion (a handful of keys: cheaper than sort with a comparator).
  const at: number[] = [];
  const add = (i: number) => {
    let j = at.length;
    at.push(i);
    for (; j > 0 && at[j - 1] > i; j--) at[j] = at[j - 1];
    at[j] = i;
  };
  for (const key in config) {
    const i = byKey.get(key);
    if (i !== undefined) add(i);
  }
  for (const i of nulls) if (!at.includes(i)) add(i);
  const out: Json = {};
  for (const i of at) {
    const [key, tf, conv] = attrs[i];
    const value = convert(config[key], conv, structs);
    if (value !== undefined) out[tf] = value;
  }
  return out;
}

// ---- Resources, data sources and providers from a binding's spec ----

export type ClassSpec = {
  kind: 'resource' | 'data' | 'provider' | 'object' | 'list';
  type?: string;
  attrs?: AttrSpec[];
  /** getter -> [Terraform attribute, cdktf getter kind (String, Number, List, ...)] */
  getters: Record<string, [string, string]>;
  /** getter -> nested reference class (complex attributes) */
  refs: Record<string, { cls: string; attr: string; wrapsSet: boolean }>;
  /** Getters pilot's writer cannot serve (e.g. `*Input`, which return configuration): they throw. */
  unsupported: string[];
  /** Index a single nested block is read at (cdktf reads max-1 blocks as `attr[0]`). */
  index?: number;
  element?: string;
};
export type BindingSpec = { classes: Record<string, ClassSpec>; structs: Structs };

/** Getters take references through this symbol, so no Terraform attribute name can shadow it. */
const INTERPOLATE = Symbol('interpolate');
/** Something references can be taken from: an element, or a nested object of one. */
type Interpolating = { [INTERPOLATE](attr: string): () => string };

function tokenFor(kind: string, expression: () => string): unknown {
  if (kind === 'tolist') return listToken(() => `tolist(${expression()})`);
  return kind.endsWith('List') ? listToken(expression) : refToken(expression);
}

function defineGetters(proto: object, spec: ClassSpec, binding: BindingSpec): void {
  for (const [prop, [attr, kind]] of Object.entries(spec.getters)) {
    Object.defineProperty(proto, prop, {
      get(this: Interpolating) {
        return tokenFor(kind, this[INTERPOLATE](attr));
      },
    });
  }
  for (const [prop, ref] of Object.entries(spec.refs)) {
    Object.defineProperty(proto, prop, {
      get(this: Interpolating) {
        return nestedRef(this, ref.attr, binding, ref.cls, ref.wrapsSet, undefined);
      },
    });
  }
  for (const prop of spec.unsupported) {
    Object.defineProperty(proto, prop, {
      get() {
        throw new Error(`pilot's Terraform writer does not support the getter ${prop} (read scripts/tf-bindings.mjs)`);
      },
    });
  }
}

/** cdktf's ComplexObject / ComplexList: `attr.prop`, `attr[i].prop`, or `tolist(attr)[i].prop` for sets. */
function nestedRef(parent: Interpolating, attr: string, binding: BindingSpec, cls: string, wrapsSet: boolean, index: number | undefined): unknown {
  const spec = binding.classes[cls];
  if (!spec) throw new Error(`pilot's Terraform writer has no spec for ${cls}`);
  const whole = parent[INTERPOLATE](attr);
  if (spec.kind === 'list') {
    // As a whole value cdktf writes the list (through tolist() when it wraps a set).
    const list = wrapsSet ? () => `tolist(${whole()})` : whole;
    return {
      get: (i: number) => nestedRef(parent, attr, binding, spec.element!, wrapsSet, i),
      [RESOLVE]: list,
      toString: () => refToken(list),
    };
  }
  const at = index ?? spec.index;
  // cdktf's propertyAccess writes a set item as `tolist(attr).0.prop`.
  // As a whole value: `attr[i]` (cdktf's ComplexObject.computeFqn), `tolist(attr).i` for a set item.
  const self = wrapsSet ? () => `tolist(${whole()}).${at}` : at !== undefined ? parent[INTERPOLATE](`${attr}[${at}]`) : whole;
  const node = Object.create(gettersOf(spec, binding)) as Interpolating & { [RESOLVE]: () => string; toString: () => string };
  node[INTERPOLATE] = (prop: string) =>
    wrapsSet ? () => `tolist(${whole()}).${at}.${prop}` : parent[INTERPOLATE](at !== undefined ? `${attr}[${at}].${prop}` : `${attr}.${prop}`);
  node[RESOLVE] = self;
  node.toString = () => refToken(self);
  return node;
}

// One prototype holding a class's getters, made when the class is first used: defining a getter per
// Terraform attribute for every binding at start, and again on every nested reference, cost more than
// the rest of a small compile's emit.
const getterPrototypes = new WeakMap<ClassSpec, object>();
function gettersOf(spec: ClassSpec, binding: BindingSpec): object {
  let proto = getterPrototypes.get(spec);
  if (!proto) {
    proto = {};
    defineGetters(proto, spec, binding);
    getterPrototypes.set(spec, proto);
  }
  return proto;
}

type MetaConfig = { dependsOn?: { fqn: string }[]; count?: unknown; provider?: { fqn: string }; lifecycle?: Json; forEach?: unknown };

// Internals are #private: generated getters (one per Terraform attribute, e.g. `address`) must not shadow them.
export class TerraformResource extends TerraformElement {
  readonly terraformResourceType: string;
  readonly #spec: ClassSpec;
  readonly #binding: BindingSpec;
  readonly #config: Json & MetaConfig;
  constructor(spec: ClassSpec, binding: BindingSpec, stack: TerraformStack, id: string, config: Json = {}) {
    super(stack, id);
    this.terraformResourceType = spec.type!;
    this.#spec = spec;
    this.#binding = binding;
    this.#config = config;
  }
  get fqn(): string {
    return rawToken(() => this.#address());
  }
  #address(): string {
    const base = `${this.terraformResourceType}.${this.friendlyUniqueId}`;
    return this.#spec.kind === 'data' ? `data.${base}` : base;
  }
  [INTERPOLATE](attr: string): () => string {
    return () => `${this.#address()}.${attr}`;
  }
  #body(): Json {
    const c = this.#config;
    const attributes = convertAttrs(c, this.#spec.attrs!, this.#binding.structs);
    // Meta-arguments, snake_cased as cdktf does (only lifecycle has keys of its own).
    if (c.dependsOn) attributes.depends_on = c.dependsOn.map((d) => d.fqn);
    if (c.count !== undefined) attributes.count = c.count;
    if (c.provider) attributes.provider = c.provider.fqn;
    if (c.lifecycle) attributes.lifecycle = keysToSnakeCase(c.lifecycle);
    if (c.forEach !== undefined) attributes.for_each = c.forEach;
    return this.withOverrides(attributes);
  }
  toTerraform(): Json {
    return { [this.#section()]: { [this.terraformResourceType]: { [this.friendlyUniqueId]: this.#body() } } };
  }
  override placeInto(tf: Json): void {
    placeBody(tf, this.#section(), [this.terraformResourceType, this.friendlyUniqueId], this.#body());
  }
  #section(): string {
    return this.#spec.kind === 'data' ? 'data' : 'resource';
  }
}

export class TerraformProvider extends TerraformElement {
  readonly #spec: ClassSpec;
  readonly #binding: BindingSpec;
  readonly #config: Json & { alias?: string };
  constructor(spec: ClassSpec, binding: BindingSpec, stack: TerraformStack, id: string, config: Json = {}) {
    super(stack, id);
    this.#spec = spec;
    this.#binding = binding;
    this.#config = config;
  }
  get fqn(): string {
    return rawToken(() => (this.#config.alias ? `${this.#spec.type}.${this.#config.alias}` : this.#spec.type!));
  }
  toTerraform(): Json {
    const attributes = this.withOverrides(convertAttrs(this.#config, this.#spec.attrs!, this.#binding.structs));
    return { provider: { [this.#spec.type!]: [attributes] } };
  }
}

/** A class per spec entry, constructed as cdktf's generated classes are: `new Cls(scope, id, config)`. */
export function bindingClass(binding: BindingSpec, name: string): unknown {
  const spec = binding.classes[name];
  if (!spec) throw new Error(`pilot's Terraform writer has no spec for ${name}`);
  if (spec.kind === 'provider') {
    return class extends TerraformProvider {
      constructor(stack: TerraformStack, id: string, config?: Json) {
        super(spec, binding, stack, id, config);
      }
    };
  }
  if (spec.kind === 'resource' || spec.kind === 'data') {
    let withGetters = false;
    const cls = class extends TerraformResource {
      static readonly tfResourceType = spec.type;
      constructor(stack: TerraformStack, id: string, config?: Json) {
        // The getters go on the prototype when the first instance is made (see gettersOf).
        if (!withGetters) {
          defineGetters(cls.prototype, spec, binding);
          withGetters = true;
        }
        super(spec, binding, stack, id, config);
      }
    };
    return cls;
  }
  // Nested reference classes are reached through getters, never constructed by emitters.
  return class {
    constructor() {
      throw new Error(`${name} cannot be constructed by pilot's Terraform writer`);
    }
  };
}

// ---- Outputs, variables, locals ----

type OutputConfig = { value: unknown; description?: string; sensitive?: boolean; dependsOn?: { fqn: string }[] };
export class TerraformOutput extends TerraformElement {
  constructor(
    stack: TerraformStack,
    id: string,
    private readonly config: OutputConfig,
  ) {
    super(stack, id);
  }
  #body(): Json {
    const c = this.config;
    // In key order, and without the unset ones: stableStringify then writes it as it is.
    const body: Json = {};
    if (c.dependsOn) body.depends_on = c.dependsOn.map((d) => d.fqn);
    if (c.description !== undefined) body.description = c.description;
    if (c.sensitive !== undefined) body.sensitive = c.sensitive;
    body.value = c.value;
    return this.withOverrides(body);
  }
  toTerraform(): Json {
    return { output: { [this.friendlyUniqueId]: this.#body() } };
  }
  override placeInto(tf: Json): void {
    placeBody(tf, 'output', [this.friendlyUniqueId], this.#body());
  }
}

type VariableConfig = { type?: string; default?: unknown; description?: string; sensitive?: boolean; nullable?: boolean };
export class TerraformVariable extends TerraformElement {
  constructor(
    stack: TerraformStack,
    id: string,
    private readonly config: VariableConfig,
  ) {
    super(stack, id);
  }
  get value(): unknown {
    return refToken(() => `var.${this.friendlyUniqueId}`);
  }
  get stringValue(): string {
    return refToken(() => `var.${this.friendlyUniqueId}`);
  }
  get numberValue(): number {
    return refToken(() => `var.${this.friendlyUniqueId}`) as unknown as number;
  }
  get listValue(): string[] {
    return listToken(() => `var.${this.friendlyUniqueId}`);
  }
  toTerraform(): Json {
    const c = this.config;
    const body: Json = { type: c.type, default: c.default, description: c.description, sensitive: c.sensitive, nullable: c.nullable };
    return { variable: { [this.friendlyUniqueId]: this.withOverrides(body) } };
  }
}

export class TerraformLocal extends TerraformElement {
  constructor(
    stack: TerraformStack,
    id: string,
    private readonly value: unknown,
  ) {
    super(stack, id);
  }
  private readonly ref = () => `local.${this.friendlyUniqueId}`;
  get asString(): string {
    return refToken(this.ref);
  }
  get asNumber(): number {
    return refToken(this.ref) as unknown as number;
  }
  get expression(): unknown {
    return refToken(this.ref);
  }
  get asList(): string[] {
    return listToken(this.ref);
  }
  toTerraform(): Json {
    return { locals: { [this.friendlyUniqueId]: this.value } };
  }
}

// ---- terraform_data and Terraform functions ----

const DATA_RESOURCE: BindingSpec = {
  classes: {
    DataResource: {
      kind: 'resource',
      type: 'terraform_data',
      attrs: [
        ['input', 'input', ['map', 'v']],
        ['triggersReplace', 'triggers_replace', ['map', 'v']],
      ],
      getters: { id: ['id', 'String'] },
      refs: {},
      unsupported: ['input', 'output', 'triggersReplace'],
    },
  },
  structs: {},
};
/** cdktf's DataResource: Terraform's built-in `terraform_data`. */
export const DataResource = bindingClass(DATA_RESOURCE, 'DataResource');

const MARKER_ONLY = /^\$\{Pilot(?:Ref|List)\[\d+\]\}$/;
/** A function argument as an expression: a reference bare, a literal quoted. */
function argument(value: unknown): string {
  if (typeof value === 'string') return MARKER_ONLY.test(value) ? (resolveTokens(value) as string).slice(2, -1) : JSON.stringify(value);
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string' && /^\$\{PilotList\[\d+\]\}$/.test(value[0])) return (resolveTokens(value) as string).slice(2, -1);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(argument).join(', ')}]`;
  throw new Error(`pilot's Terraform writer cannot pass ${JSON.stringify(value)} to a Terraform function`);
}
/** cdktf's Fn: `Fn.basename(x)` is `${basename(x)}`, for any Terraform function name. */
export const Fn = new Proxy({} as Record<string, (...args: unknown[]) => string>, {
  get: (_target, name) => {
    if (typeof name !== 'string') return undefined;
    return (...args: unknown[]) => refToken(() => `${name}(${args.map(argument).join(', ')})`);
  },
});
