#!/usr/bin/env node
// Bundles the program into one self-contained ESM file for the runtime image (no TypeScript toolchain
// or node_modules there). Usage: node bundle.mjs OUTFILE. The image build and test/plugins/bundle.test.ts
// both run this file, so what is tested is what ships.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const outfile = process.argv[2];
if (!outfile) {
  process.stderr.write('usage: node bundle.mjs OUTFILE\n');
  process.exit(2);
}
await build({
  entryPoints: [fileURLToPath(new URL('./src/cli.ts', import.meta.url))],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The SDKs' CommonJS code uses require, __filename and __dirname, which an ES module lacks.
  banner: {
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __pilotCreateRequire } from 'node:module';",
      "import { fileURLToPath as __pilotFileURLToPath } from 'node:url';",
      "import { dirname as __pilotDirname } from 'node:path';",
      'const require = __pilotCreateRequire(import.meta.url);',
      'const __filename = __pilotFileURLToPath(import.meta.url);',
      'const __dirname = __pilotDirname(__filename);',
    ].join('\n'),
  },
  legalComments: 'linked',
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
