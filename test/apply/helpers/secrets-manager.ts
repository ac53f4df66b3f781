// A Secrets Manager endpoint stand-in for the AWS SDK (AWS_ENDPOINT_URL_SECRETS_MANAGER): records
// each PutSecretValue (JSON 1.1 protocol, X-Amz-Target secretsmanager.PutSecretValue).
import { createServer } from 'node:http';

export type FakeSecretsManager = { url: string; puts: { SecretId: string; SecretString: string }[]; stop(): Promise<void> };

export async function startFakeSecretsManager(): Promise<FakeSecretsManager> {
  const puts: FakeSecretsManager['puts'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target !== 'secretsmanager.PutSecretValue') {
        res.statusCode = 400;
        return res.end(JSON.stringify({ __type: 'InvalidRequestException', message: `unexpected ${target}` }));
      }
      const input = JSON.parse(body) as { SecretId: string; SecretString: string };
      puts.push({ SecretId: input.SecretId, SecretString: input.SecretString });
      res.end(JSON.stringify({ ARN: input.SecretId, Name: 'x', VersionId: `v${puts.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, puts, stop: () => new Promise((r) => server.close(() => r())) };
}
