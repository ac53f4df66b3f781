// A module loader hook that records every bare or file specifier resolved, for the test that
// `pilot --help` stays light. Writes one specifier per line to $PILOT_TRACE_FILE.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  if (process.env.PILOT_TRACE_FILE) appendFileSync(process.env.PILOT_TRACE_FILE, `${specifier}\n`);
  return next(specifier, context);
}
