// A small in-process stand-in for Cloud Storage's JSON API, following its documented object get,
// insert (media upload) and delete with `ifGenerationMatch` (0 = must not exist; 412 on mismatch),
// generations in `x-goog-generation` and the object resource's `generation` field, and list with
// `prefix` (cloud.google.com/storage/docs/json_api/v1/objects).
import { createServer, type Server } from 'node:http';

export async function startGcsStandIn(bucket: string): Promise<{ endpoint: string; objects: Map<string, { data: string; generation: number }>; authHeaders: string[]; close: () => Promise<void> }> {
  const objects = new Map<string, { data: string; generation: number }>();
  const authHeaders: string[] = [];
  let next = 1_700_000_000_000;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    authHeaders.push(String(req.headers.authorization ?? ''));
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const send = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(json === undefined ? '' : JSON.stringify(json));
      };
      const match = url.searchParams.get('ifGenerationMatch');
      const precondition = (name: string) => {
        if (match === null) return true;
        const cur = objects.get(name);
        return match === '0' ? !cur : cur?.generation === Number(match);
      };
      const fail412 = () => send(412, { error: { code: 412, message: 'At least one of the pre-conditions you specified did not hold.' } });
      if (req.method === 'POST' && url.pathname === `/upload/storage/v1/b/${bucket}/o` && url.searchParams.get('uploadType') === 'media') {
        const name = url.searchParams.get('name') ?? '';
        if (!precondition(name)) return fail412();
        const generation = next++;
        objects.set(name, { data: body, generation });
        return send(200, { kind: 'storage#object', bucket, name, generation: String(generation) });
      }
      const prefix = `/storage/v1/b/${bucket}/o`;
      if (req.method === 'GET' && url.pathname === prefix) {
        const p = url.searchParams.get('prefix') ?? '';
        return send(200, { kind: 'storage#objects', items: [...objects.keys()].filter((k) => k.startsWith(p)).sort().map((name) => ({ name, generation: String(objects.get(name)!.generation) })) });
      }
      if (url.pathname.startsWith(`${prefix}/`)) {
        const name = decodeURIComponent(url.pathname.slice(prefix.length + 1));
        const cur = objects.get(name);
        if (req.method === 'GET') {
          if (!cur) return send(404, { error: { code: 404, message: 'No such object' } });
          if (url.searchParams.get('alt') !== 'media') return send(200, { name, generation: String(cur.generation) });
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-goog-generation': String(cur.generation) });
          return res.end(cur.data);
        }
        if (req.method === 'DELETE') {
          if (!cur) return send(404, { error: { code: 404, message: 'No such object' } });
          if (!precondition(name)) return fail412();
          objects.delete(name);
          return send(204);
        }
      }
      send(400, { error: { code: 400, message: `stand-in does not implement ${req.method} ${url.pathname}` } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return { endpoint: `http://127.0.0.1:${port}`, objects, authHeaders, close: () => new Promise((r) => server.close(() => r())) };
}
