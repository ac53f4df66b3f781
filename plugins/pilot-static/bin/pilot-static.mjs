#!/usr/bin/env node
// Development entry: runs the TypeScript sources through tsx. The runtime image does not use this file;
// it bundles src/cli.ts with esbuild into a single /usr/local/bin/pilot-static (runtime-image/Dockerfile).
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli.ts');
