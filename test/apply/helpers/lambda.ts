// A Lambda endpoint stand-in for the AWS SDK (AWS_ENDPOINT_URL_LAMBDA): AddPermission only
// (REST-JSON, POST /2015-03-31/functions/{name}/policy). Functions not in `existing` answer 404
// ResourceNotFoundException, a repeated StatementId 409 ResourceConflictException, as Lambda does.
import { createServer } from 'node:http';

export type FakeLambda = { url: string; existing: Set<string>; calls: { functionName: string; body: Record<string, unknown> }[]; stop(): Promise<void> };

export async function startFakeLambda(): Promise<FakeLambda> {
  const existing = new Set<string>();
  const statements = new Set<string>();
  const calls: FakeLambda['calls'] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      const m = /^\/2015-03-31\/functions\/([^/]+)\/policy$/.exec(req.url?.split('?')[0] ?? '');
      res.setHeader('content-type', 'application/json');
      const fail = (status: number, type: string, message: string) => {
        res.statusCode = status;
        res.setHeader('x-amzn-errortype', type);
        res.end(JSON.stringify({ Type: 'User', message }));
      };
      if (req.method !== 'POST' || !m) return fail(400, 'InvalidRequestContentException', `unexpected ${req.method} ${req.url}`);
      const functionName = decodeURIComponent(m[1]);
      const body = JSON.parse(text) as Record<string, unknown>;
      calls.push({ functionName, body });
      if (!existing.has(functionName)) return fail(404, 'ResourceNotFoundException', `Function not found: ${functionName}`);
      const key = `${functionName}/${body.StatementId}`;
      if (statements.has(key)) return fail(409, 'ResourceConflictException', 'The statement id provided already exists');
      statements.add(key);
      res.statusCode = 201;
      res.end(JSON.stringify({ Statement: JSON.stringify({ Sid: body.StatementId }) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, existing, calls, stop: () => new Promise((r) => server.close(() => r())) };
}
