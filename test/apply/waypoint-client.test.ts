// The Waypoint gRPC client against an in-process server built from the same .proto.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { connectWaypoint, type WaypointEndpoint } from '../../src/backends/waypoint/client/client.ts';
import { makeCert } from './helpers/certs.ts';
import { startFakeWaypoint } from './helpers/waypoint-server.ts';

const cert = makeCert();
const other = makeCert();

const endpoint = (port: number, token: string, c = cert): WaypointEndpoint => ({ address: `127.0.0.1:${port}`, token, certificatePem: c.certPem, certificateSha256: c.sha256 });

test('the pinned certificate is accepted and every call carries both metadata keys', async () => {
  const wp = await startFakeWaypoint(cert);
  const client = connectWaypoint(endpoint(wp.port, wp.token));
  try {
    const v = await client.versionInfo();
    assert.is(v.info?.version, 'v0.11.4');
    assert.is(await client.getProject('nope'), undefined);
    for (const c of wp.calls) {
      assert.is(c.authorization, wp.token, `${c.method} authorization`);
      assert.is(c.protocol, '1,1', `${c.method} client-api-protocol`);
    }
  } finally {
    client.close();
    await wp.stop();
  }
});

test('a server presenting another certificate is refused, even with a matching name', async () => {
  const wp = await startFakeWaypoint(other);
  const client = connectWaypoint(endpoint(wp.port, wp.token));
  try {
    await client.versionInfo().then(
      () => assert.unreachable('connected to a server with the wrong certificate'),
      (e: Error) => assert.match(e.message, /GetVersionInfo failed/),
    );
    assert.equal(wp.calls, [], 'no call reached the impostor');
  } finally {
    client.close();
    await wp.stop();
  }
});

test('a pinned certificate that does not name waypoint-server is refused', async () => {
  const evil = makeCert('evil.example', { localNames: false });
  const wp = await startFakeWaypoint(evil);
  const client = connectWaypoint(endpoint(wp.port, wp.token, evil));
  try {
    await client.versionInfo().then(
      () => assert.unreachable('connected although the certificate names only evil.example'),
      (e: Error) => assert.match(e.message, /GetVersionInfo failed/),
    );
    assert.equal(wp.calls, [], 'no call reached the server');
  } finally {
    client.close();
    await wp.stop();
  }
});

test('a fingerprint that does not match the PEM is refused before connecting', () => {
  assert.throws(() => connectWaypoint({ ...endpoint(1, 't'), certificateSha256: other.sha256 }), /does not match/);
});

test('a wrong token is refused by the server (the stand-in requires both keys)', async () => {
  const wp = await startFakeWaypoint(cert);
  const client = connectWaypoint(endpoint(wp.port, 'wrong'));
  try {
    await client.getProject('acme').then(() => assert.unreachable(), (e: Error) => assert.match(e.message, /authorization token/));
  } finally {
    client.close();
    await wp.stop();
  }
});

test('up: terminal lines stream as they come and complete carries the release URL', async () => {
  const wp = await startFakeWaypoint(cert, { script: () => ({ lines: ['one', 'two', 'three'], result: { release_url: 'https://x.test' } }) });
  const client = connectWaypoint(endpoint(wp.port, wp.token));
  try {
    await client.upsertProject({ name: 'acme', remote_enabled: true, data_source: { git: { url: 'u', ref: 'main', path: '' } }, data_source_poll: { enabled: false, interval: '' }, waypoint_hcl: Buffer.from('project = "acme"\n'), waypoint_hcl_format: 'HCL', variables: [] });
    const id = await client.queueJob({ application: { project: 'acme', application: 'web' }, workspace: { workspace: 'default' }, target_runner: { any: {} }, up: { release: { prune: true, prune_retain: -1, prune_retain_override: false } } });
    const seen: string[] = [];
    const done = await client.streamJob(id, (e) => {
      if (e.event === 'terminal') for (const t of e.terminal.events ?? []) if (t.event === 'line') seen.push(t.line.msg ?? '');
    });
    assert.equal(seen, ['one', 'two', 'three']);
    assert.is(done.result?.up?.release_url, 'https://x.test');
    assert.is(wp.jobs[0].operation, 'up');
  } finally {
    client.close();
    await wp.stop();
  }
});

test('an error event on the job stream rejects with the server\'s message', async () => {
  const wp = await startFakeWaypoint(cert, { script: () => ({ lines: ['starting'], streamError: 'runner lost: job reassigned too many times' }) });
  const client = connectWaypoint(endpoint(wp.port, wp.token));
  try {
    await client.upsertProject({ name: 'acme', remote_enabled: true, data_source: { git: { url: 'u', ref: 'main', path: '' } }, data_source_poll: { enabled: false, interval: '' }, waypoint_hcl: Buffer.from('project = "acme"\n'), waypoint_hcl_format: 'HCL', variables: [] });
    const id = await client.queueJob({ application: { project: 'acme', application: 'web' }, workspace: { workspace: 'default' }, target_runner: { any: {} }, destroy: { workspace: {} } });
    await client.streamJob(id, () => undefined).then(
      () => assert.unreachable('resolved although the stream failed'),
      (e: Error) => assert.match(e.message, /failed: runner lost: job reassigned too many times/),
    );
  } finally {
    client.close();
    await wp.stop();
  }
});

test('a call without client-api-protocol is refused by the stand-in, as by Waypoint', async () => {
  const wp = await startFakeWaypoint(cert);
  const { credentials, Metadata } = await import('@grpc/grpc-js');
  const { waypointService } = await import('../../src/backends/waypoint/client/proto.ts');
  const Service = waypointService();
  const raw = new Service(`127.0.0.1:${wp.port}`, credentials.createSsl(Buffer.from(cert.certPem)), { 'grpc.ssl_target_name_override': 'waypoint-server' }) as unknown as Record<string, Function> & { close(): void };
  try {
    const md = new Metadata();
    md.set('authorization', wp.token);
    const err = await new Promise<{ code: number; details: string } | null>((resolve) => raw.GetProject({ project: { project: 'acme' } }, md, (e: { code: number; details: string } | null) => resolve(e)));
    assert.ok(err, 'refused');
    assert.is(err.code, 3 /* INVALID_ARGUMENT */);
    assert.match(err.details, /client-api-protocol/);
  } finally {
    raw.close();
    await wp.stop();
  }
});

test.run();
