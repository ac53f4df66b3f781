// esbuild plugin for the shipped CLI: src/backends/cloud-init/template.ts becomes a lookup of the
// templates precompiled here, with Handlebars' runtime only, so a compile never runs the template
// compiler (tens of milliseconds and 200 kB of code to load). Templates live in modules listed in
// TEMPLATE_MODULES, each exporting NAME and NAME_OPTIONS; test/cloud-init/precompiled.test.ts holds
// the precompiled output equal to the compiled one.
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

// A path, not a URL's pathname: a checkout under a directory with a space would read %20.
const root = fileURLToPath(new URL('..', import.meta.url));
export const TEMPLATE_MODULES = ['src/backends/cloud-init/bootstrap-template.ts'];

async function templates() {
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  const dir = mkdtempSync(join(root, 'node_modules/.cache/pilot-templates-'));
  try {
    const out = [];
    for (const file of TEMPLATE_MODULES) {
      const outfile = join(dir, 'templates.mjs');
      await build({ absWorkingDir: root, entryPoints: [file], outfile, bundle: true, format: 'esm', platform: 'node', logLevel: 'error' });
      const mod = await import(`${pathToFileURL(outfile).href}?${out.length}`);
      for (const [name, source] of Object.entries(mod)) {
        if (name.endsWith('_OPTIONS') || typeof source !== 'string') continue;
        out.push({ source, options: mod[`${name}_OPTIONS`] ?? {} });
      }
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const precompileTemplatesPlugin = {
  name: 'pilot-precompile-templates',
  setup(b) {
    b.onLoad({ filter: /src\/backends\/cloud-init\/template\.ts$/ }, async () => {
      const entries = (await templates()).map(({ source, options }) => `[${JSON.stringify(`${JSON.stringify(options)}\n${source}`)}, ${Handlebars.precompile(source, options)}]`);
      const contents = `import Handlebars from 'handlebars/runtime';
const PRECOMPILED = new Map([${entries.join(',\n')}]);
export function compileTemplate(source, options) {
  const spec = PRECOMPILED.get(JSON.stringify(options) + '\\n' + source);
  if (!spec) throw new Error('pilot was built without this template precompiled (scripts/precompile-templates-plugin.mjs)');
  return Handlebars.create().template(spec);
}
`;
      return { contents, loader: 'js', resolveDir: root };
    });
  },
};
