// Runs s3rver in a plain node process: under tsx, koa's dependency `generator-function` (a dual
// CJS/ESM package) is loaded as a namespace object and s3rver's constructor throws.
// argv: <directory> <bucket>. Prints {"port":N} once listening, then one JSON line per created object.
// Does nothing when imported (e.g. by a test runner given a broad pattern).
import { fileURLToPath } from 'node:url';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { default: S3rver } = await import('s3rver');
  const [directory, bucket] = process.argv.slice(2);
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  server.on('event', (event) => {
    for (const record of event.Records) process.stdout.write(`${JSON.stringify({ event: record.eventName, key: record.s3.object.key })}\n`);
  });
  const { port } = await server.run();
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
}
