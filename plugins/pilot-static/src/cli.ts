// The program's entry: the runtime image bundles this file with esbuild into /usr/local/bin/pilot-static.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
