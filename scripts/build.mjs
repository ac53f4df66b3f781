// Bundles the CLI and the SDK into dist/ so `pilot` starts without a TypeScript toolchain.
// With --types (as `prepare` runs it, at npm ci and npm pack) it also writes the SDK's declaration
// files to dist/types, with their doc comments, for the editor and tsc of a project that uses pilot.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { precompileTemplatesPlugin } from './precompile-templates-plugin.mjs';
import { terraformWriterPlugin } from './terraform-writer-plugin.mjs';
import { fileURLToPath } from 'node:url';

// A path, not a URL's pathname: a checkout under a directory with a space would read %20.
const root = fileURLToPath(new URL('..', import.meta.url));

// zod's `z.locales` re-exports its 48 translations (~245 kB, half of zod in the bundle) and nothing in
// pilot reads them: zod itself configures English. Serve its locales index with English alone, so
// every start parses less. Messages are unchanged (the bad-config tests read them).
const zodEnglishOnlyPlugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: dirname(args.path) }));
  },
};
rmSync(`${root}dist`, { recursive: true, force: true });
const shared = {
  absWorkingDir: root,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Small pure-JS dependencies are bundled (fewer files to resolve and load at start); esbuild ships a
  // native binary and stays a package, as do the SDKs only apply loads.
  external: ['esbuild', '@grpc/*', 'ssh2', '@aws-sdk/*'],
  logLevel: 'warning',
  plugins: [terraformWriterPlugin, precompileTemplatesPlugin, zodEnglishOnlyPlugin],
};

// The SDK a config imports, and the worker that evaluates a config that may run code later
// (src/compiler/evaluate.ts finds it next to the SDK): ES modules.
await build({
  ...shared,
  entryPoints: { sdk: 'src/dsl/index.ts', 'evaluate-worker': 'src/compiler/evaluate-worker.ts' },
  splitting: true,
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  // Bundled CommonJS dependencies (handlebars) call require() for Node built-ins.
  banner: { js: "import { createRequire as __pilotCreateRequire } from 'node:module'; const require = __pilotCreateRequire(import.meta.url);" },
});

// The CLI: CommonJS scripts. dist/cli.cjs is main.ts (the command line, `--help`), small, required as
// usual. Everything it runs after that is dist/commands.cjs, which it loads through V8's code cache
// (src/compiler/code-cache.ts), since Node 20 has none for ES modules. Modules imported dynamically inside
// it stay lazy (esbuild runs their top level on first import). A dynamic import() of a package would
// fail in a script compiled from the cache (Node 20 drops its import callback), so packages are
// required, and the build checks it.
const codeCache = `${root}src/compiler/code-cache.ts`;
let commandsHash = '';
const commandsThroughCache = {
  name: 'commands-through-code-cache',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/index\.ts$/ }, (args) => (args.importer.endsWith(join('src', 'cli', 'main.ts')) ? { path: 'commands', namespace: 'commands-through-cache' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'commands-through-cache' }, () => ({
      // The cache's key: the hash of dist/commands.cjs as built (built first, below).
      contents: `const { requireCached } = require(${JSON.stringify(codeCache)});
module.exports = requireCached(require('node:path').join(__dirname, 'commands.cjs'), 'commands', ${JSON.stringify(commandsHash)}, process.argv[2]);`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};
for (const [name, entry, plugins] of [['commands', 'src/cli/commands/index.ts', []], ['cli', 'src/cli/main.ts', [commandsThroughCache]]]) {
  const result = await build({
    ...shared,
    entryPoints: { [name]: entry },
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    metafile: true,
    plugins: [...shared.plugins, ...plugins],
    define: { 'import.meta.url': '__pilotImportMetaUrl', 'import.meta.resolve': '__pilotImportMetaResolve' },
    banner: {
      js: "const __pilotImportMetaUrl = require('node:url').pathToFileURL(__filename).href, __pilotImportMetaResolve = (s) => require('node:url').pathToFileURL(require.resolve(s)).href;",
    },
  });
  const dynamic = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.kind === 'dynamic-import'));
  if (dynamic.length) throw new Error(`dist/${name}.cjs must not import() (${dynamic.map((i) => i.path).join(', ')}): require the package instead`);
  // esbuild escapes non-ASCII text in strings but not in comments and regular expressions. An ASCII
  // file becomes a one-byte string in V8: read and hashed twice as fast as a two-byte one at each start.
  const file = `${root}dist/${name}.cjs`;
  const ascii = readFileSync(file, 'utf8').replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(file, ascii);
  if (name === 'commands') commandsHash = createHash('sha256').update(ascii).digest('hex').slice(0, 16);
}

// The Waypoint client's .proto files, read at run time by @grpc/proto-loader (client/proto.ts).
cpSync(`${root}src/backends/waypoint/client/proto`, `${root}dist/proto`, { recursive: true });

if (process.argv.includes('--types')) {
  const { emitTypes } = await import('./emit-types.mjs');
  await emitTypes(`${root}dist/types`);
}
