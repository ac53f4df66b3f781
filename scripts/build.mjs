// Bundles the CLI and the SDK into dist/ so `pilot` starts without a TypeScript toolchain.
// Code splitting keeps each command (and esbuild, cdktf) out of `pilot --help`.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { precompileTemplatesPlugin } from './precompile-templates-plugin.mjs';
import { terraformWriterPlugin } from './terraform-writer-plugin.mjs';

const root = new URL('..', import.meta.url).pathname;
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
  plugins: [terraformWriterPlugin, precompileTemplatesPlugin],
  // Bundled CommonJS dependencies (handlebars) call require() for Node built-ins.
  banner: { js: "import { createRequire as __pilotCreateRequire } from 'node:module'; const require = __pilotCreateRequire(import.meta.url);" },
});
