// Bundles the CLI and the SDK into dist/ so `pilot` starts without a TypeScript toolchain.
// Code splitting keeps each command (and esbuild, cdktf) out of `pilot --help`.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { terraformWriterPlugin } from './terraform-writer-plugin.mjs';

const root = new URL('..', import.meta.url).pathname;
rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts', sdk: 'src/dsl/index.ts' },
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
  plugins: [terraformWriterPlugin],
});
