// A stand-in for the CloudFront API endpoint (there is no local CloudFront): records CreateInvalidation
// requests and answers them, and the GetInvalidation polls, with the XML shapes of the 2020-05-31 API.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordedInvalidation = { distributionId: string; callerReference: string; paths: string[] };

const XMLNS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';

export async function startFakeCloudFront(onInvalidation: (request: RecordedInvalidation) => Promise<void>) {
  const invalidations: RecordedInvalidation[] = [];
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const create = /^\/2020-05-31\/distribution\/([^/]+)\/invalidation$/.exec(req.url ?? '');
    const get = /^\/2020-05-31\/distribution\/([^/]+)\/invalidation\/([^/]+)$/.exec(req.url ?? '');
    if (req.method === 'POST' && create) {
      const recorded = {
        distributionId: create[1],
        callerReference: /<CallerReference>([^<]*)<\/CallerReference>/.exec(body)?.[1] ?? '',
        paths: [...body.matchAll(/<Path>([^<]*)<\/Path>/g)].map((m) => m[1]),
      };
      invalidations.push(recorded);
      await onInvalidation(recorded);
      const id = `I${invalidations.length}FAKE`;
      res.writeHead(201, { 'Content-Type': 'text/xml', Location: `https://cloudfront.amazonaws.com${req.url}/${id}` });
      res.end(invalidationXml(id, 'InProgress', recorded));
    } else if (req.method === 'GET' && get) {
      const recorded = invalidations[Number(get[2].slice(1, -4)) - 1];
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(invalidationXml(get[2], 'Completed', recorded));
    } else {
      res.writeHead(404, { 'Content-Type': 'text/xml' });
      res.end(`<?xml version="1.0"?><ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>NoSuchResource</Code><Message>${req.method} ${req.url}</Message></Error></ErrorResponse>`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    invalidations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function invalidationXml(id: string, status: string, recorded: RecordedInvalidation): string {
  const items = recorded.paths.map((path) => `<Path>${path}</Path>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Invalidation xmlns="${XMLNS}"><Id>${id}</Id><Status>${status}</Status><CreateTime>2024-05-01T12:00:00.000Z</CreateTime><InvalidationBatch><Paths><Quantity>${recorded.paths.length}</Quantity><Items>${items}</Items></Paths><CallerReference>${recorded.callerReference}</CallerReference></InvalidationBatch></Invalidation>`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
