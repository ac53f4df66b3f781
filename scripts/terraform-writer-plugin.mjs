// esbuild plugin for the shipped CLI: `cdktf` and every `@cdktf/provider-*/lib/<resource>` module the
// emitters import are replaced by pilot's own Terraform JSON writer (src/backends/terraform/tf-json/),
// with each binding's attribute mapping read from the binding itself at build time. So `pilot`
// never loads cdktf or the provider bindings (tens of MB) at run time; test/terraform-writer-parity
// holds the output byte-equal to cdktf's.
import { createRequire } from 'node:module';
import { readBinding } from './tf-bindings.mjs';
import { fileURLToPath } from 'node:url';

// A path, not a URL's pathname: a checkout under a directory with a space would read %20.
const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(`${root}package.json`);
const elements = `${root}src/backends/terraform/tf-json/elements.ts`;

export const terraformWriterPlugin = {
  name: 'pilot-terraform-writer',
  setup(build) {
    build.onResolve({ filter: /^cdktf$/ }, () => ({ path: `${root}src/backends/terraform/tf-json/cdktf.ts` }));
    build.onResolve({ filter: /^@cdktf\/provider-(aws|google)\/lib\/[a-z0-9-]+(\/index\.js)?$/ }, (args) => ({
      path: require.resolve(args.path),
      namespace: 'pilot-binding',
    }));
    build.onLoad({ filter: /.*/, namespace: 'pilot-binding' }, (args) => {
      const binding = readBinding(args.path);
      // Attributes in Terraform-name order: the writer then makes each body in the order stableStringify
      // writes it, and nothing is copied to sort it.
      const byTfName = (attrs) => attrs.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
      for (const cls of Object.values(binding.classes)) if (cls.attrs) byTfName(cls.attrs);
      for (const attrs of Object.values(binding.structs)) byTfName(attrs);
      const names = Object.keys(binding.classes).filter((n) => ['resource', 'data', 'provider'].includes(binding.classes[n].kind));
      const contents = [
        `import { bindingClass } from ${JSON.stringify(elements)};`,
        // JSON.parse of a string literal: V8 parses JSON faster than the same object as JavaScript.
        `const binding = JSON.parse(${JSON.stringify(JSON.stringify(binding))});`,
        ...names.map((n) => `export const ${n} = bindingClass(binding, ${JSON.stringify(n)});`),
      ].join('\n');
      return { contents, loader: 'js', resolveDir: root };
    });
  },
};
