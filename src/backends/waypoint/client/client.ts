// pilot's Waypoint client: gRPC on 9701 (the JSON gateway under /v1 answers 404 in v0.11.4, see the
// README's Waypoint notes). TLS is pinned: the server's own certificate is the only root, the name
// checked is `waypoint-server` (the address pilot dials is a public IP, which is not among the SANs),
// and the certificate's SHA-256 must equal the fingerprint read from /etc/pilot/server.json. Every
// call carries `authorization: <raw token>` (pkg/server/auth.go:66-75: base58 as is, no "Bearer")
// and `client-api-protocol: 1,1` (pkg/server/grpc_version.go:104-130; Api 1/1, Entrypoint 1/1 in
// pkg/protocolversion/current.go:16-21).
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { type Client, credentials, type ClientReadableStream, Metadata, type ServiceError } from '@grpc/grpc-js';
import { waypointService } from './proto.ts';
import type { Empty, Job, JobStreamEvent, Project } from './types.ts';

export type WaypointEndpoint = {
  /** host:port of the gRPC listener. */
  address: string;
  token: string;
  certificatePem: string;
  /** Colon-separated upper-case hex, as `openssl x509 -fingerprint -sha256` prints it. */
  certificateSha256: string;
};

/** The certificate's own name: pilot's bootstrap script creates it with this CN and SAN. */
export const SERVER_NAME = 'waypoint-server';
export const API_PROTOCOL = '1,1';

export class WaypointError extends Error {
  override name = 'WaypointError';
  constructor(message: string, readonly code?: number) {
    super(message);
  }
}

const normalizeFingerprint = (f: string) => f.replace(/[^0-9a-fA-F]/g, '').toUpperCase();

/** Throws unless the PEM is one certificate whose SHA-256 is `fingerprint`. */
export function checkPinnedCertificate(pem: string, fingerprint: string): void {
  const cert = new X509Certificate(pem);
  if (normalizeFingerprint(cert.fingerprint256) !== normalizeFingerprint(fingerprint))
    throw new WaypointError('the Waypoint certificate in /etc/pilot/server.json does not match its recorded SHA-256 fingerprint');
}

type Unary<Req, Res> = (req: Req, md: Metadata, o: { deadline: number }, cb: (err: ServiceError | null, res: Res) => void) => void;
type Raw = Client & Record<string, unknown>;

export type WaypointClient = {
  versionInfo(): Promise<{ info?: { api?: { current?: number; minimum?: number }; version?: string } }>;
  upsertProject(project: Project): Promise<void>;
  getProject(name: string): Promise<Project | undefined>;
  destroyProject(name: string): Promise<void>;
  queueJob(job: Job): Promise<string>;
  /** Streams a job's events to `onEvent` until `complete`; resolves with that event. */
  streamJob(jobId: string, onEvent: (e: JobStreamEvent) => void): Promise<Extract<JobStreamEvent, { event: 'complete' }>['complete']>;
  close(): void;
};

export function connectWaypoint(ep: WaypointEndpoint, opts: { deadlineMs?: number } = {}): WaypointClient {
  checkPinnedCertificate(ep.certificatePem, ep.certificateSha256);
  const want = normalizeFingerprint(ep.certificateSha256);
  const creds = credentials.createSsl(Buffer.from(ep.certificatePem), null, null, {
    // Replaces Node's name check, so it is called here: grpc-js passes the target name override
    // (waypoint-server) as `host` (channel-credentials.js, ssl_target_name_override). Then the pin.
    checkServerIdentity: (host, cert) =>
      tls.checkServerIdentity(host, cert) ??
      (normalizeFingerprint(cert.fingerprint256 ?? '') === want ? undefined : new Error('the Waypoint server presented a certificate other than the pinned one')),
  });
  const Service = waypointService();
  const raw = new Service(ep.address, creds, { 'grpc.ssl_target_name_override': SERVER_NAME, 'grpc.default_authority': SERVER_NAME }) as unknown as Raw;
  const deadlineMs = opts.deadlineMs ?? 60_000;

  const md = () => {
    const m = new Metadata();
    m.set('authorization', ep.token);
    m.set('client-api-protocol', API_PROTOCOL);
    return m;
  };
  const wrap = (e: ServiceError, method: string) => new WaypointError(`Waypoint ${method} failed: ${e.details || e.message}`, e.code);
  function unary<Req, Res>(method: string, req: Req): Promise<Res> {
    const call = (raw[method] as Unary<Req, Res>).bind(raw);
    return new Promise((resolve, reject) => {
      call(req, md(), { deadline: Date.now() + deadlineMs }, (err, res) => (err ? reject(wrap(err, method)) : resolve(res)));
    });
  }

  return {
    versionInfo: () => unary('GetVersionInfo', {}),
    async upsertProject(project) {
      await unary('UpsertProject', { project });
    },
    async getProject(name) {
      try {
        const res = await unary<unknown, { project?: Project }>('GetProject', { project: { project: name } });
        return res.project;
      } catch (e) {
        if (e instanceof WaypointError && e.code === 5 /* NOT_FOUND */) return undefined;
        throw e;
      }
    },
    async destroyProject(name) {
      await unary<unknown, Empty>('DestroyProject', { project: { project: name } });
    },
    async queueJob(job) {
      const res = await unary<unknown, { job_id: string }>('QueueJob', { job, expires_in: '' });
      return res.job_id;
    },
    streamJob(jobId, onEvent) {
      return new Promise((resolve, reject) => {
        const stream = (raw.GetJobStream as (req: unknown, md: Metadata) => ClientReadableStream<JobStreamEvent>).call(raw, { job_id: jobId }, md());
        let done = false;
        stream.on('data', (e: JobStreamEvent) => {
          onEvent(e);
          // The stream's own failure (internal/client/job.go: an `error` event ends the job with its
          // status, like a failed `complete`): the server's message is the user's only clue.
          if (e.event === 'error') {
            done = true;
            reject(new WaypointError(`the job stream of ${jobId} failed: ${e.error.error?.message || `code ${e.error.error?.code ?? 'unknown'}`}`, e.error.error?.code));
            stream.cancel();
            return;
          }
          if (e.event === 'complete') {
            done = true;
            resolve(e.complete);
            stream.cancel();
          }
        });
        stream.on('error', (e: ServiceError) => {
          if (!done) reject(wrap(e, 'GetJobStream'));
        });
        stream.on('end', () => {
          if (!done) reject(new WaypointError(`the job stream of ${jobId} ended before the job completed`));
        });
      });
    },
    close: () => raw.close(),
  };
}
