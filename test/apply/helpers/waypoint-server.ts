// An in-process Waypoint stand-in: a grpc-js server built from pilot's own .proto, answering the
// calls pilot makes the way Waypoint v0.11.4 does where pilot depends on it: the token and
// `client-api-protocol` metadata are required (InvalidArgument / Unauthenticated otherwise), UpsertProject
// replaces the project, QueueJob requires application, workspace, target_runner and an operation
// (pkg/server/ptypes/job.go:61-75), and GetJobStream sends open, state, terminal and complete events.
import { type sendUnaryData, Server, type ServerUnaryCall, type ServerWritableStream, ServerCredentials, status } from '@grpc/grpc-js';
import { loadPackageDefinition, type GrpcObject, type ServiceClientConstructor } from '@grpc/grpc-js';
import { loadWaypointDefinition } from '../../../src/backends/waypoint/client/proto.ts';
import type { Project } from '../../../src/backends/waypoint/client/types.ts';
import type { TestCert } from './certs.ts';

/** `streamError`: after the lines, an `error` event (GetJobStreamResponse.Error) instead of `complete`. */
export type JobScript = { lines: string[]; error?: string; streamError?: string; result?: { release_url?: string; app_url?: string } };
export type AnyJob = Record<string, unknown> & { application?: { project?: string; application?: string }; workspace?: { workspace?: string }; target_runner?: { any?: object }; operation?: string };

export type FakeWaypoint = {
  port: number;
  token: string;
  projects: Map<string, Project>;
  destroyedProjects: string[];
  jobs: AnyJob[];
  /** Every call's method name, the two metadata values it carried, and when it came (Date.now()). */
  calls: { method: string; authorization?: string; protocol?: string; time: number }[];
  stop(): Promise<void>;
};

export async function startFakeWaypoint(cert: TestCert, opts: { token?: string; script?: (job: AnyJob) => JobScript; port?: number } = {}): Promise<FakeWaypoint> {
  const token = opts.token ?? 'TESTtoken58abc';
  const script: (job: AnyJob) => JobScript = opts.script ?? ((job) => ({ lines: [`Deploying ${job.application?.application}`], result: { release_url: `https://${job.application?.application}.example.test` } }));
  const ns = (loadPackageDefinition(loadWaypointDefinition()) as GrpcObject).hashicorp as GrpcObject;
  const service = ((ns.waypoint as GrpcObject).Waypoint as ServiceClientConstructor).service;
  const projects = new Map<string, Project>();
  const jobs: AnyJob[] = [];
  const calls: FakeWaypoint['calls'] = [];
  const destroyedProjects: string[] = [];

  const check = (method: string, call: { metadata: { get(k: string): unknown[] } }, authRequired = true): { code: number; details: string } | undefined => {
    const auth = call.metadata.get('authorization')[0] as string | undefined;
    const protocol = call.metadata.get('client-api-protocol')[0] as string | undefined;
    calls.push({ method, authorization: auth, protocol, time: Date.now() });
    if (!authRequired) return undefined;
    if (!protocol) return { code: status.INVALID_ARGUMENT, details: 'required header client-api-protocol is not set' };
    if (auth !== token) return { code: status.UNAUTHENTICATED, details: 'authorization token is not supplied' };
    return undefined;
  };
  const unary = <Req, Res>(method: string, fn: (req: Req) => Res | { code: number; details: string }, authRequired = true) =>
    (call: ServerUnaryCall<Req, Res>, cb: sendUnaryData<Res>) => {
      const bad = check(method, call, authRequired);
      if (bad) return cb(bad);
      const out = fn(call.request);
      if (out && typeof out === 'object' && 'code' in out && 'details' in out) return cb(out as { code: number; details: string });
      cb(null, out as Res);
    };

  const server = new Server();
  server.addService(service, {
    GetVersionInfo: unary('GetVersionInfo', () => ({ info: { api: { current: 1, minimum: 1 }, entrypoint: { current: 1, minimum: 1 }, version: 'v0.11.4' } }), false),
    UpsertProject: unary('UpsertProject', (req: { project: Project }) => {
      if (!/^[a-zA-Z0-9_-]*$/.test(req.project.name)) return { code: status.INVALID_ARGUMENT, details: 'invalid project name' };
      projects.set(req.project.name, req.project);
      return { project: req.project };
    }),
    GetProject: unary('GetProject', (req: { project: { project: string } }) => {
      const p = projects.get(req.project.project);
      return p ? { project: p } : { code: status.NOT_FOUND, details: 'project not found' };
    }),
    DestroyProject: unary('DestroyProject', (req: { project: { project: string } }) => {
      destroyedProjects.push(req.project.project);
      projects.delete(req.project.project);
      return {};
    }),
    QueueJob: unary('QueueJob', (req: { job: AnyJob }) => {
      const j = req.job;
      if (!j.application?.application || !j.workspace?.workspace || !j.target_runner?.any || !j.operation || j.id)
        return { code: status.INVALID_ARGUMENT, details: 'job: application, workspace, target_runner and an operation are required' };
      if (!projects.has(j.application.project ?? '')) return { code: status.NOT_FOUND, details: 'project not found' };
      jobs.push({ ...j, queuedAt: Date.now() });
      return { job_id: `job-${jobs.length}` };
    }),
    GetJobStream: (call: ServerWritableStream<{ job_id: string }, unknown>) => {
      const bad = check('GetJobStream', call);
      if (bad) return call.destroy(Object.assign(new Error(bad.details), bad));
      const job = jobs[Number(call.request.job_id.replace('job-', '')) - 1];
      if (!job) return call.destroy(Object.assign(new Error('job not found'), { code: status.NOT_FOUND, details: 'job not found' }));
      const s = script(job);
      call.write({ open: {} });
      call.write({ state: { previous: 'QUEUED', current: 'RUNNING' } });
      // One terminal message per line, a little apart, so a test can see lines arrive as they come.
      let i = 0;
      const next = () => {
        if (i < s.lines.length) {
          call.write({ terminal: { events: [{ line: { msg: s.lines[i++] } }], buffered: false } });
          setTimeout(next, 5);
          return;
        }
        if (s.streamError) {
          call.write({ error: { error: { code: status.INTERNAL, message: s.streamError } } });
          return call.end();
        }
        job.completedAt = Date.now();
        call.write({ state: { previous: 'RUNNING', current: s.error ? 'ERROR' : 'SUCCESS' } });
        call.write({ complete: s.error ? { error: { code: 2, message: s.error } } : { result: { up: s.result ?? {} } } });
        call.end();
      };
      next();
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${opts.port ?? 0}`, ServerCredentials.createSsl(null, [{ cert_chain: Buffer.from(cert.certPem), private_key: Buffer.from(cert.keyPem) }], false), (e, p) => (e ? reject(e) : resolve(p))),
  );
  return {
    port, token, projects, jobs, calls, destroyedProjects,
    stop: () => new Promise((r) => server.tryShutdown(() => r())),
  };
}
