// Records every module pilot loads, to $PILOT_TRACE_FILE (one per line): ES modules through a loader
// hook, and CommonJS requires (the shipped CLI is CommonJS: dist/cli.cjs, dist/commands.cjs) through
// Node's resolver.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

register('./trace-loader.mjs', import.meta.url);
const Module = createRequire(import.meta.url)('node:module');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function traced(...args) {
  const resolved = resolveFilename.apply(this, args);
  if (process.env.PILOT_TRACE_FILE) appendFileSync(process.env.PILOT_TRACE_FILE, `${resolved}\n`);
  return resolved;
};
