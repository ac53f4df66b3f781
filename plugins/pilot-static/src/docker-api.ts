// A small client for the Docker Engine API over its unix socket: only the calls a container build
// makes. Paths, bodies and status codes follow Docker's API reference (api/swagger.yaml of moby
// v20.10.24, the engine Debian 12 ships); test/plugins/_fake-docker.ts answers the same way.
import { request, type IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { demultiplex, type StreamName } from './docker-stream.ts';

/**
 * Debian 12's docker.io is 20.10.24, whose newest API is 1.41 (moby v20.10.24 api/common.go,
 * DefaultVersion); every later engine still serves it.
 */
export const DOCKER_API_VERSION = 'v1.41';
const DEFAULT_SOCKET = '/var/run/docker.sock';

export class DockerApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** DOCKER_HOST=unix:///path if set (the Docker CLI's variable), else Docker's default socket. */
export function dockerSocketPath(env: Record<string, string | undefined>): string {
  const host = env.DOCKER_HOST;
  if (!host) return DEFAULT_SOCKET;
  if (!host.startsWith('unix://') || host.length === 'unix://'.length) {
    throw new DockerApiError(0, `DOCKER_HOST=${host} is not supported: pilot-static reaches Docker only through a unix:// socket`);
  }
  return host.slice('unix://'.length);
}

export type ContainerSpec = Record<string, unknown>;

export type DockerClient = {
  /** POST /containers/create -> 201 {Id, Warnings}. */
  createContainer(spec: ContainerSpec): Promise<string>;
  /** PUT /containers/{id}/archive?path=: the tar is extracted into an existing directory. */
  putArchive(id: string, path: string, tar: Readable): Promise<void>;
  /** POST /containers/{id}/start -> 204. */
  startContainer(id: string): Promise<void>;
  /** Runs `cmd` with the container's user, environment and working directory; resolves with its exit code. */
  exec(id: string, cmd: string[], output: (stream: StreamName, chunk: Buffer) => void): Promise<number>;
  /** GET /containers/{id}/archive?path= -> a tar whose entries start with the path's base name. */
  getArchive(id: string, path: string): Promise<IncomingMessage>;
  /** DELETE /containers/{id}?force=1&v=1: kills it if running; a container already gone is fine. */
  removeContainer(id: string): Promise<void>;
};

export function dockerClient(socketPath: string): DockerClient {
  const call = (method: string, path: string, body?: unknown | Readable, contentType = 'application/json') =>
    send(socketPath, method, `/${DOCKER_API_VERSION}${path}`, body, contentType);
  const expect = async (response: IncomingMessage, ...ok: number[]) => {
    if (ok.includes(response.statusCode ?? 0)) return response;
    throw new DockerApiError(response.statusCode ?? 0, await errorMessage(response));
  };
  const id = (value: string) => encodeURIComponent(value);
  return {
    async createContainer(spec) {
      const response = await expect(await call('POST', '/containers/create', spec), 201);
      return (await readJson(response) as { Id: string }).Id;
    },
    async putArchive(container, path, tar) {
      (await expect(await call('PUT', `/containers/${id(container)}/archive?path=${encodeURIComponent(path)}`, tar, 'application/x-tar'), 200)).resume();
    },
    async startContainer(container) {
      (await expect(await call('POST', `/containers/${id(container)}/start`), 204, 304)).resume();
    },
    async exec(container, cmd, output) {
      const created = await expect(await call('POST', `/containers/${id(container)}/exec`, { AttachStdout: true, AttachStderr: true, Tty: false, Cmd: cmd }), 201);
      const execId = (await readJson(created) as { Id: string }).Id;
      // Without Tty the daemon hijacks the connection and writes stdout and stderr multiplexed
      // (api/server/router/container/exec.go: stdcopy.NewStdWriter), then closes it when the process ends.
      const stream = await expect(await call('POST', `/exec/${id(execId)}/start`, { Detach: false, Tty: false }), 200);
      await demultiplex(stream, output);
      return await exitCode(call, expect, execId);
    },
    async getArchive(container, path) {
      return expect(await call('GET', `/containers/${id(container)}/archive?path=${encodeURIComponent(path)}`), 200);
    },
    async removeContainer(container) {
      const response = await call('DELETE', `/containers/${id(container)}?force=1&v=1`);
      // 404: already gone; 409: AutoRemove is already removing it.
      await expect(response, 204, 404, 409);
      response.resume();
    },
  };
}

type Call = (method: string, path: string, body?: unknown) => Promise<IncomingMessage>;
type Expect = (response: IncomingMessage, ...ok: number[]) => Promise<IncomingMessage>;

/**
 * GET /exec/{id}/json. The daemon sets ExitCode before it closes the exec's streams (daemon/monitor.go,
 * ProcessEvent), so the first answer after the stream ends has it; the retry is only a safety net.
 */
async function exitCode(call: Call, expect: Expect, execId: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const info = await readJson(await expect(await call('GET', `/exec/${encodeURIComponent(execId)}/json`), 200)) as { Running: boolean; ExitCode: number | null };
    if (!info.Running && typeof info.ExitCode === 'number') return info.ExitCode;
    if (attempt === 50) throw new DockerApiError(0, `exec ${execId} still running after its output ended`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

function send(socketPath: string, method: string, path: string, body: unknown, contentType: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const streamed = isReadable(body);
    const payload = body === undefined || streamed ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { Host: 'docker' };
    if (streamed || payload) headers['Content-Type'] = contentType;
    if (payload) headers['Content-Length'] = String(payload.length);
    // One connection per call: an exec's stream takes its connection over until the process ends.
    const outgoing = request({ socketPath, method, path, headers, agent: false }, resolve);
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' || error.code === 'ECONNREFUSED' || error.code === 'EACCES'
        ? new DockerApiError(0, `cannot reach Docker at ${socketPath} (${error.code})`)
        : error);
    });
    if (streamed) {
      body.on('error', (error) => outgoing.destroy(error));
      body.pipe(outgoing);
    } else {
      outgoing.end(payload);
    }
  });
}

function isReadable(value: unknown): value is Readable {
  return typeof value === 'object' && value !== null && typeof (value as Readable).pipe === 'function';
}

async function readBody(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readJson(response: IncomingMessage): Promise<unknown> {
  return JSON.parse((await readBody(response)).toString('utf8'));
}

/** Errors are {"message": "..."} (ErrorResponse in the API reference). */
async function errorMessage(response: IncomingMessage): Promise<string> {
  const text = (await readBody(response)).toString('utf8');
  let message = text.trim();
  try {
    message = (JSON.parse(text) as { message?: string }).message ?? message;
  } catch {
    // Not JSON: keep the text.
  }
  return `Docker answered ${response.statusCode}: ${message || response.statusMessage}`;
}
