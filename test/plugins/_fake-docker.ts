// An in-process stand-in for the Docker Engine API on a unix socket, for pilot-static's container
// builds. It answers the calls docker-api.ts makes with the shapes of Docker's API reference (moby
// v20.10.24 api/swagger.yaml): create 201 {Id, Warnings}; archive PUT 200 / GET 200 application/x-tar
// named after the path's base name; start 204; exec create 201 {Id}; exec start hijacks the connection
// (HTTP/1.1 200, Content-Type application/vnd.docker.raw-stream, no length) and writes 8-byte-header
// frames until the process ends (api/server/router/container/exec.go); exec inspect {Running, ExitCode};
// delete 204; errors {"message"}. Each container is a temp directory standing for its filesystem;
// execs really run there (yarn from the repository's node_modules/.bin) with only the container's Env.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const API = '/v1.41';

type Container = { id: string; root: string; spec: Spec; running: boolean };
type Spec = { Image: string; User?: string; WorkingDir?: string; Env?: string[]; HostConfig?: Record<string, unknown> };
type Exec = { id: string; container: Container; cmd: string[]; running: boolean; exitCode: number | null };

export type FakeDocker = {
  /** DOCKER_HOST for the client. */
  host: string;
  creates: Spec[];
  /** Raw tar bodies of PUT /containers/{id}/archive, with their path. */
  uploads: Array<{ path: string; tar: Buffer }>;
  execs: string[][];
  removed: string[];
  /** Containers not removed yet. */
  live(): string[];
  close(): Promise<void>;
};

export type FakeDockerOptions = { images: string[]; failStart?: boolean };

export async function startFakeDocker(options: FakeDockerOptions): Promise<FakeDocker> {
  const dir = await mkdtemp(join(tmpdir(), 'pilot-fake-docker-'));
  const socketPath = join(dir, 'docker.sock');
  const containers = new Map<string, Container>();
  const execs = new Map<string, Exec>();
  const fake: FakeDocker = {
    host: `unix://${socketPath}`,
    creates: [], uploads: [], execs: [], removed: [],
    live: () => [...containers.keys()],
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await rm(dir, { recursive: true, force: true });
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://docker');
    if (!url.pathname.startsWith(`${API}/`)) return reply(res, 400, { message: `fake Docker: expected the ${API} prefix, got ${url.pathname}` });
    const path = url.pathname.slice(API.length);
    const body = await readBody(req);
    let match: RegExpMatchArray | null;
    if (req.method === 'POST' && path === '/containers/create') {
      const spec = JSON.parse(body.toString()) as Spec;
      fake.creates.push(spec);
      if (!options.images.includes(spec.Image)) return reply(res, 404, { message: `No such image: ${spec.Image}` });
      const id = randomBytes(32).toString('hex');
      const root = join(dir, id);
      // The image's home, and the working directory Docker creates at create time (SetupWorkingDirectory).
      await mkdir(join(root, 'home/node'), { recursive: true });
      if (spec.WorkingDir) await mkdir(join(root, spec.WorkingDir), { recursive: true });
      containers.set(id, { id, root, spec, running: false });
      return reply(res, 201, { Id: id, Warnings: [] });
    }
    if ((match = path.match(/^\/containers\/([^/]+)\/(archive|start|exec)$/))) {
      const container = containers.get(match[1]);
      if (!container) return reply(res, 404, { message: `No such container: ${match[1]}` });
      const target = url.searchParams.get('path') ?? '';
      if (req.method === 'PUT' && match[2] === 'archive') {
        if (!existsSync(join(container.root, target))) return reply(res, 404, { message: `Could not find the file ${target} in container ${container.id}` });
        fake.uploads.push({ path: target, tar: body });
        await runTar(['-x', '-C', join(container.root, target)], body);
        return reply(res, 200);
      }
      if (req.method === 'GET' && match[2] === 'archive') {
        const full = join(container.root, target);
        if (!existsSync(full)) return reply(res, 404, { message: `Could not find the file ${target} in container ${container.id}` });
        const stat = Buffer.from(JSON.stringify({ name: basename(target), size: 4096, mode: 2147484141, mtime: new Date().toISOString(), linkTarget: '' })).toString('base64');
        res.writeHead(200, { 'Content-Type': 'application/x-tar', 'X-Docker-Container-Path-Stat': stat });
        const tar = spawn('tar', ['-c', '-C', dirname(full), basename(full)], { stdio: ['ignore', 'pipe', 'inherit'] });
        tar.stdout.pipe(res);
        return;
      }
      if (req.method === 'POST' && match[2] === 'start') {
        if (options.failStart) return reply(res, 500, { message: 'fake Docker: start refused' });
        container.running = true;
        return reply(res, 204);
      }
      if (req.method === 'POST' && match[2] === 'exec') {
        if (!container.running) return reply(res, 409, { message: `Container ${container.id} is not running` });
        const cmd = (JSON.parse(body.toString()) as { Cmd: string[] }).Cmd;
        fake.execs.push(cmd);
        const id = randomBytes(32).toString('hex');
        execs.set(id, { id, container, cmd, running: false, exitCode: null });
        return reply(res, 201, { Id: id });
      }
    }
    if ((match = path.match(/^\/exec\/([^/]+)\/(start|json)$/))) {
      const exec = execs.get(match[1]);
      if (!exec) return reply(res, 404, { message: `No such exec instance: ${match[1]}` });
      if (req.method === 'GET' && match[2] === 'json') {
        return reply(res, 200, { ID: exec.id, ContainerID: exec.container.id, Running: exec.running, ExitCode: exec.exitCode, OpenStdout: true, OpenStderr: true });
      }
      if (req.method === 'POST' && match[2] === 'start') return hijackExec(req, exec);
    }
    if (req.method === 'DELETE' && (match = path.match(/^\/containers\/([^/]+)$/))) {
      const container = containers.get(match[1]);
      if (!container) return reply(res, 404, { message: `No such container: ${match[1]}` });
      containers.delete(container.id);
      fake.removed.push(container.id);
      await rm(container.root, { recursive: true, force: true });
      return reply(res, 204);
    }
    return reply(res, 404, { message: 'page not found' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => reply(res, 500, { message: error.message }));
  });
  await new Promise<void>((ready) => server.listen(socketPath, ready));
  return fake;
}

/** Runs the exec's command in the container's directory and streams it as Docker does on a hijacked connection. */
function hijackExec(req: IncomingMessage, exec: Exec): void {
  const socket = req.socket;
  socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\nApi-Version: 1.41\r\n\r\n');
  const { root, spec } = exec.container;
  const env: Record<string, string> = { PATH: `${join(ROOT, 'node_modules/.bin')}:${dirname(process.execPath)}:/usr/bin:/bin` };
  for (const entry of spec.Env ?? []) {
    const [name, ...value] = entry.split('=');
    env[name] = name === 'HOME' ? join(root, value.join('=')) : value.join('=');
  }
  exec.running = true;
  const child = spawn(exec.cmd[0], exec.cmd.slice(1), { cwd: join(root, spec.WorkingDir ?? '/'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => socket.write(frame(1, chunk)));
  child.stderr.on('data', (chunk: Buffer) => socket.write(frame(2, chunk)));
  child.on('error', (error) => socket.write(frame(2, Buffer.from(`${error.message}\n`))));
  child.on('close', (code) => {
    // As the daemon does: the exit code is set before the streams close (daemon/monitor.go).
    exec.exitCode = code ?? 137;
    exec.running = false;
    socket.end();
  });
}

function frame(type: 1 | 2, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) return void res.writeHead(status).end();
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function runTar(args: string[], input: Buffer): Promise<void> {
  return new Promise((done, fail) => {
    const tar = spawn('tar', args, { stdio: ['pipe', 'inherit', 'inherit'] });
    tar.on('error', fail);
    tar.on('close', (code) => (code === 0 ? done() : fail(new Error(`tar ${args.join(' ')} exited with ${code}`))));
    tar.stdin.end(input);
  });
}
