// Bundles the CLI and the SDK into dist/ so `pilot` starts without a TypeScript toolchain.
// Code splitting keeps each command (and esbuild, cdktf) out of `pilot --help`.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

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
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
});
