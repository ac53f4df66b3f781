#!/usr/bin/env node
// Development entry: runs the TypeScript sources through tsx. The runtime image does not use this file;
// it bundles src/credential-helper-cli.ts with esbuild into /usr/local/bin/docker-credential-pilot-gcp.
const { register } = await import('tsx/esm/api');
register();
await import('../src/credential-helper-cli.ts');
