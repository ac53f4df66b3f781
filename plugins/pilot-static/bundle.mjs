#!/usr/bin/env node
// Bundles each program into one self-contained ESM file for the runtime image (no TypeScript toolchain
// or node_modules there). Usage: node bundle.mjs OUTDIR, which writes OUTDIR/<program> for every entry
// of PROGRAMS. The image build and the tests (test/plugins/deploy-cloudfront.test.ts,
// test/plugins/credential-helper-process.test.ts) both run this file, so what is tested is what ships.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Installed name -> entry source. */
const PROGRAMS = {
  'pilot-static': './src/cli.ts',
  'docker-credential-pilot-gcp': './src/credential-helper-cli.ts',
};

const outdir = process.argv[2];
if (!outdir) {
  process.stderr.write('usage: node bundle.mjs OUTDIR\n');
  process.exit(2);
}
await Promise.all(Object.entries(PROGRAMS).map(async ([name, entry]) => {
  const outfile = join(outdir, name);
  await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
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
}));
