// Bundles the CLI and the SDK into dist/ so `pilot` starts without a TypeScript toolchain.
// Code splitting keeps each command (and esbuild, cdktf) out of `pilot --help`.
// With --types (as `prepare` runs it, at npm ci and npm pack) it also writes the SDK's declaration
// files to dist/types, with their doc comments, for the editor and tsc of a project that uses pilot.
import { build } from 'esbuild';
import { cpSync, rmSync } from 'node:fs';
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
await build({
  absWorkingDir: root,
  // evaluate-worker runs in a worker thread (src/compiler/evaluate.ts finds it next to the chunks).
  entryPoints: { cli: 'src/cli/main.ts', sdk: 'src/dsl/index.ts', 'evaluate-worker': 'src/compiler/evaluate-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Small pure-JS dependencies are bundled (fewer files to resolve and load at start); esbuild ships a
  // native binary and stays a package, as do the SDKs only apply loads.
  external: ['esbuild', '@grpc/*', 'ssh2', '@aws-sdk/*'],
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
  plugins: [terraformWriterPlugin, precompileTemplatesPlugin, zodEnglishOnlyPlugin],
  // Bundled CommonJS dependencies (handlebars) call require() for Node built-ins.
  banner: { js: "import { createRequire as __pilotCreateRequire } from 'node:module'; const require = __pilotCreateRequire(import.meta.url);" },
});

// The Waypoint client's .proto files, read at run time by @grpc/proto-loader (client/proto.ts).
cpSync(`${root}src/backends/waypoint/client/proto`, `${root}dist/proto`, { recursive: true });

if (process.argv.includes('--types')) {
  const { emitTypes } = await import('./emit-types.mjs');
  await emitTypes(`${root}dist/types`);
}
