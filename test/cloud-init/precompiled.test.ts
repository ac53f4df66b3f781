// The shipped CLI renders the bootstrap script from a template precompiled at build time
// (scripts/precompile-templates-plugin.mjs); it must write exactly what the compiled template does.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { precompileTemplatesPlugin } from '../../scripts/precompile-templates-plugin.mjs';
import { bootstrapScript } from '../../src/backends/cloud-init/bootstrap-script.ts';
import { ROOT } from '../helpers/golden.ts';

const test = suite('precompiled templates');

async function shippedBootstrap(): Promise<{ bootstrapScript: typeof bootstrapScript; text: string }> {
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'node_modules/.cache/pilot-precompiled-'));
  try {
    const outfile = join(dir, 'bootstrap.mjs');
    await build({ absWorkingDir: ROOT, entryPoints: [join(ROOT, 'src/backends/cloud-init/bootstrap-script.ts')], outfile, bundle: true, format: 'esm', platform: 'node', packages: 'external', logLevel: 'error', plugins: [precompileTemplatesPlugin] });
    const { readFileSync } = await import('node:fs');
    return { ...(await import(pathToFileURL(outfile).href)), text: readFileSync(outfile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the precompiled bootstrap script is byte-equal to the compiled one, with and without GCP credentials', async () => {
  const shipped = await shippedBootstrap();
  assert.match(shipped.text, /handlebars\/runtime/);
  assert.not.match(shipped.text, /\.compile\(/);
  for (const mountGcpCredentials of [true, false]) assert.fixture(shipped.bootstrapScript({ mountGcpCredentials }), bootstrapScript({ mountGcpCredentials }));
});

test.run();
