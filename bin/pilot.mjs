#!/usr/bin/env node
// Runs the prebuilt CLI (dist/, made by `npm run build`, which npm install runs as `prepare`);
// falls back to the TypeScript sources through tsx in a checkout that was never built.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli.cjs', import.meta.url);
let main;
if (existsSync(built)) {
  ({ main } = createRequire(import.meta.url)(fileURLToPath(built)));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
