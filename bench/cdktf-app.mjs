// Writes a cdktf app (plain JS, deep binding imports) that builds exactly the resources of a
// Terraform JSON file pilot emitted, through the same typed provider classes, for `cdktf synth`:
// the comparison issue 12 asks for. Attribute names are mapped back with the binding tables the
// shipped writer uses (scripts/tf-bindings.mjs); references stay as the strings pilot wrote.
import { createRequire } from 'node:module';
import { readBinding } from '../scripts/tf-bindings.mjs';
import { fileURLToPath } from 'node:url';

// A path, not a URL's pathname: a checkout under a directory with a space would read %20.
const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(`${root}package.json`);

/** `aws_s3_bucket` -> `@cdktf/provider-aws/lib/s3-bucket`, data sources under `data-…`. */
function moduleOf(type, isData) {
  const provider = type.startsWith('google_') ? 'google' : 'aws';
  const rest = provider === 'aws' ? type.slice(4) : type.slice(7);
  const name = (isData ? `data-${provider}-${rest}` : rest).replace(/_/g, '-');
  return `@cdktf/provider-${provider}/lib/${name}/index.js`;
}

function reverse(value, conv, structs) {
  if (value === undefined || value === null || conv === 'v') return value;
  if (conv[0] === 'null') return reverse(value, conv[1], structs);
  if (conv[0] === 'list') return Array.isArray(value) ? value.map((x) => reverse(x, conv[1], structs)) : value;
  if (conv[0] === 'map') return value;
  if (typeof value !== 'object') return value;
  const one = Array.isArray(value) ? value[0] : value;
  return reverseAttrs(one, structs[conv[1]], structs);
}
function reverseAttrs(body, attrs, structs) {
  const out = {};
  for (const [key, tf, conv] of attrs) if (body[tf] !== undefined) out[key] = reverse(body[tf], conv, structs);
  return out;
}

/** JavaScript source of the app for `tf` (pilot's main.tf.json, parsed). */
export function cdktfAppSource(tf) {
  const lines = [
    `const { App, TerraformStack, TerraformOutput, TerraformLocal, TerraformVariable } = require('cdktf');`,
    `const app = new App();`,
    `const stack = new TerraformStack(app, 'pilot');`,
  ];
  const imported = new Map();
  /** The binding class for a resource type, or for a provider when `type` is undefined. */
  const classOf = (mod, type) => {
    if (!imported.has(mod)) {
      const binding = readBinding(require.resolve(mod));
      const [name, spec] = Object.entries(binding.classes).find(([, s]) => (type ? s.type === type && s.kind !== 'provider' : s.kind === 'provider'));
      const v = `C${imported.size}`;
      lines.push(`const { ${name}: ${v} } = require(${JSON.stringify(mod)});`);
      imported.set(mod, { v, spec, binding });
    }
    return imported.get(mod);
  };
  let n = 0;
  const add = (cls, body, extra) => {
    const { v, spec, binding } = cls;
    const config = reverseAttrs(body, spec.attrs, binding.structs);
    const id = `r${n++}`;
    lines.push(`const ${id} = new ${v}(stack, ${JSON.stringify(id)}, ${JSON.stringify(config)});`);
    for (const meta of ['depends_on', 'lifecycle', 'count', 'provider']) if (body[meta] !== undefined) lines.push(`${id}.addOverride(${JSON.stringify(meta)}, ${JSON.stringify(body[meta])});`);
    if (extra) lines.push(`${id}.overrideLogicalId(${JSON.stringify(extra)});`);
  };
  for (const [name, blocks] of Object.entries(tf.provider ?? {})) for (const body of blocks) add(classOf(`@cdktf/provider-${name}/lib/provider/index.js`), body);
  for (const section of ['resource', 'data'])
    for (const [type, byId] of Object.entries(tf[section] ?? {})) for (const [id, body] of Object.entries(byId)) add(classOf(moduleOf(type, section === 'data'), type), body, id);
  for (const [id, body] of Object.entries(tf.output ?? {})) lines.push(`new TerraformOutput(stack, ${JSON.stringify(`o_${id}`)}, ${JSON.stringify(body)}).overrideLogicalId(${JSON.stringify(id)});`);
  for (const [id, value] of Object.entries(tf.locals ?? {})) lines.push(`new TerraformLocal(stack, ${JSON.stringify(id)}, ${JSON.stringify(value)});`);
  for (const [id, body] of Object.entries(tf.variable ?? {})) lines.push(`new TerraformVariable(stack, ${JSON.stringify(id)}, ${JSON.stringify(body)});`);
  if (tf.terraform) lines.push(`stack.addOverride('terraform', ${JSON.stringify(tf.terraform)});`);
  lines.push('app.synth();');
  return `${lines.join('\n')}\n`;
}
