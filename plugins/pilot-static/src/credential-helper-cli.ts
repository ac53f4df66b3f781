// Entry of docker-credential-pilot-gcp: the runtime image bundles this file with esbuild into
// /usr/local/bin/docker-credential-pilot-gcp, which Docker's config runs for Google registries.
import { text } from 'node:stream/consumers';
import { runCredentialAction } from './docker-credential.ts';
import { googleAccessToken } from './google-access-token.ts';

// `list` gets "unused" on stdin and a bad action none that matters; `get` needs the server URL.
const stdin = process.argv[2] === 'get' ? await text(process.stdin) : '';
const result = await runCredentialAction(process.argv.slice(2), stdin, googleAccessToken);
process.stdout.write(result.stdout);
process.exitCode = result.exitCode;
