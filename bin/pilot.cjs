#!/usr/bin/env node
// Runs the prebuilt CLI (dist/, made by `npm run build`, which npm install runs as `prepare`);
// falls back to the TypeScript sources through tsx in a checkout that was never built. CommonJS:
// an ES module entry point makes Node set up its ES module loader first (~10 ms of every command).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'dist', 'cli.cjs');
(async () => {
  let main;
  if (existsSync(built)) ({ main } = require(built));
  else {
    const { register } = await import('tsx/esm/api');
    register();
    ({ main } = await import('../src/cli/main.ts'));
  }
  process.exitCode = await main(process.argv);
})();
