import { build } from 'esbuild';
import { terraformWriterPlugin } from './terraform-writer-plugin.mjs';
import { precompileTemplatesPlugin } from './precompile-templates-plugin.mjs';
await build({ absWorkingDir: '/work/main', entryPoints: { h: '/tmp/h/entry.ts' }, outdir: '/tmp/h/out', bundle: true, format: 'cjs', platform: 'node', target: 'node20', external: ['esbuild', '@grpc/*', 'ssh2', '@aws-sdk/*'], outExtension: { '.js': '.cjs' }, plugins: [terraformWriterPlugin, precompileTemplatesPlugin], define: { 'import.meta.url': '__u' }, banner: { js: "const __u = require('node:url').pathToFileURL('/work/main/dist/commands.cjs').href;" }, logLevel: 'error' });
