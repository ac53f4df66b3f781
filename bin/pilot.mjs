#!/usr/bin/env node
// Runs the prebuilt CLI (dist/, made by `npm run build`, which npm install runs as `prepare`);
// falls back to the TypeScript sources through tsx in a checkout that was never built.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.mjs', import.meta.url);
let main;
if (existsSync(built)) {
  ({ main } = await import(built.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
