// Reads one prebuilt cdktf provider binding module (e.g. @cdktf/provider-aws/lib/instance/index.js)
// at build time and returns what pilot's cdktf-free runtime needs to emit the same Terraform JSON:
// per class, its Terraform type, how each config key maps to a Terraform attribute (and nested
// blocks), and which attribute each getter references. The bindings are generated code of one
// uniform shape (cdktf's provider generator), so these patterns are exact; anything unrecognised is
// an error at build time, never a silent drop. A parity test compares the result with real cdktf.
import { readFileSync } from 'node:fs';

/** @typedef {'v' | ['list', Conv] | ['map', Conv] | ['struct', string] | ['null', Conv]} Conv */

const KIND_OF_BASE = { TerraformResource: 'resource', TerraformDataSource: 'data', TerraformProvider: 'provider', ComplexObject: 'object', ComplexList: 'list' };

/** Splits the module into its top-level class bodies and struct functions. */
function topLevel(source) {
  const classes = [];
  const classRe = /^class (\w+) extends cdktf\.(\w+) \{$/gm;
  let m;
  while ((m = classRe.exec(source))) {
    const end = source.indexOf('\n}\n', m.index);
    classes.push({ name: m[1], base: m[2], body: source.slice(m.index, end) });
  }
  const structs = {};
  const fnRe = /^function (\w+)ToTerraform\(struct\) \{$/gm;
  while ((m = fnRe.exec(source))) {
    const end = source.indexOf('\n}\n', m.index);
    structs[m[1]] = source.slice(m.index, end);
  }
  return { classes, structs };
}

/** Parses a converter expression such as `cdktf.listMapper(fooToTerraform, true)`. */
function parseConv(expr, file) {
  expr = expr.trim();
  if (/^cdktf\.(string|number|boolean|any)ToTerraform$/.test(expr)) return 'v';
  let m = /^cdktf\.listMapper\((.+), (true|false)\)$/.exec(expr);
  if (m) return ['list', parseConv(m[1], file)];
  m = /^cdktf\.hashMapper\((.+)\)$/.exec(expr);
  if (m) return ['map', parseConv(m[1], file)];
  m = /^(\w+)ToTerraform$/.exec(expr);
  if (m) return ['struct', m[1]];
  throw new Error(`${file}: unknown converter ${expr}`);
}

/** `tf_name: CONV(ARG),` lines of a `return { ... }` -> [[argSuffix, tfName, conv]]. */
function parseReturnMap(body, argRe, file) {
  const out = [];
  // Attributes-as-blocks write a missing value as null: `x: struct.x === undefined ? null : CONV(struct.x)`.
  const lineRe = /^\s+(\w+): (\S+ === undefined \? null : )?(.+)\((\w+(?:\.\w+)*)\),?$/gm;
  const start = body.indexOf('return {');
  const end = body.indexOf('\n        };', start);
  const block = body.slice(start, end);
  let m;
  while ((m = lineRe.exec(block))) {
    const [, tfName, orNull, convExpr, arg] = m;
    const a = argRe.exec(arg);
    if (!a) throw new Error(`${file}: unexpected argument ${arg} for ${tfName}`);
    const conv = parseConv(convExpr, file);
    out.push([a[1], tfName, orNull ? ['null', conv] : conv]);
  }
  return out;
}

/**
 * Every getter of a class, classified. Getters the runtime cannot serve (the `*Input` getters that
 * return configuration, unknown shapes) are listed so the runtime can throw instead of returning
 * undefined.
 */
function parseGetters(body, file, className) {
  const fields = {};
  let m;
  // Fields holding nested references: this._x = new Cls(this, "tf_name"[, wrapsSet]);
  for (m of body.matchAll(/this\._(\w+) = new (\w+)\(this, "(\w+)"(?:, (true|false))?\);/g)) fields[m[1]] = { cls: m[2], attr: m[3], wrapsSet: m[4] === 'true' };
  const simple = {};
  const refs = {};
  const unsupported = [];
  for (m of body.matchAll(/^    get (\w+)\(\) \{\n\s+(.+)\n/gm)) {
    const [, name, line] = m;
    if (name === 'internalValue') continue;
    let g;
    if ((g = /^return this\.get(\w+)Attribute\('([^']+)'\);$/.exec(line))) simple[name] = [g[2], g[1]];
    else if ((g = /^return (?:cdktf\.Token\.asNumberList\()?cdktf\.Fn\.tolist\(this\.get\w*ListAttribute\('([^']+)'\)\)\)?;$/.exec(line))) simple[name] = [g[1], 'tolist'];
    else if ((g = /^return this\._(\w+);$/.exec(line)) && fields[g[1]]) refs[name] = fields[g[1]];
    else unsupported.push(name);
  }
  const index = /super\(terraformResource, terraformAttribute, false, (\d+)\);/.exec(body);
  return { simple, refs, unsupported, ...(index ? { index: Number(index[1]) } : {}) };
}

/** Everything pilot's runtime needs from one binding module. */
export function readBinding(file) {
  const source = readFileSync(file, 'utf8');
  const { classes, structs } = topLevel(source);
  const out = { classes: {}, structs: {} };
  for (const [name, body] of Object.entries(structs)) {
    out.structs[name] = parseReturnMap(body, /^struct\.(\w+)$/, file);
  }
  for (const c of classes) {
    const kind = KIND_OF_BASE[c.base];
    if (!kind) continue;
    const { simple, refs, unsupported, index } = parseGetters(c.body, file, c.name);
    const spec = { kind, getters: simple, refs, unsupported, ...(index !== undefined ? { index } : {}) };
    if (kind === 'resource' || kind === 'data' || kind === 'provider') {
      const type = /terraformResourceType: '(\w+)'/.exec(c.body)?.[1];
      if (!type) throw new Error(`${file}: no terraformResourceType in ${c.name}`);
      // Private field -> config key (the generator renames a few, e.g. _getPasswordData = config.fetchPasswordData).
      const fieldToKey = {};
      for (const m of c.body.matchAll(/this\._(\w+)(\.internalValue)? = config\.(\w+);/g)) fieldToKey[m[1]] = m[3];
      const attrs = parseReturnMap(c.body.slice(c.body.indexOf('synthesizeAttributes() {')), /^this\._(\w+)(?:\.internalValue)?$/, file).map(([field, tf, conv]) => {
        const key = fieldToKey[field];
        if (!key) throw new Error(`${file}: ${c.name}.${tf} has no config key`);
        return [key, tf, conv];
      });
      Object.assign(spec, { type, attrs });
    }
    if (kind === 'list') {
      const m = /get\(index\) \{\n\s+return new (\w+)\(this\.terraformResource, this\.terraformAttribute, index, this\.wrapsSet\);/.exec(c.body);
      if (m) spec.element = m[1];
    }
    out.classes[c.name] = spec;
  }
  return out;
}
