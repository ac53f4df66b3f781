// For commands that run after an apply (up, destroy): the server from the record, reached over SSH
// with the host key the record pins, its server.json read, and a pinned Waypoint client.
import { connectWaypoint, type WaypointClient } from '../backends/waypoint/client/client.ts';
import { GRPC_PORT } from '../backends/cloud-init/paths.ts';
import { CODES, error, PilotError } from '../compiler/diagnostics.ts';
import type { PilotRecord } from '../state/index.ts';
import type { SshAuth } from '../ssh/client.ts';
import { serverOverrides } from './context.ts';
import { asPilotError } from './failures.ts';
import { readServerInfo, waitForServer } from './server.ts';

export const serverAddressOf = (record: PilotRecord): string | undefined => {
  const v = record.terraformOutputs.server_address?.value;
  return typeof v === 'string' && v ? v : undefined;
};

export async function connectFromRecord(record: PilotRecord, auth: SshAuth, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<WaypointClient> {
  const host = serverAddressOf(record);
  if (!host) throw new PilotError([error(CODES.NO_RECORD, 'the record has no server address', { hint: 'Run pilot apply first' })]);
  const o = serverOverrides(env);
  const session = await waitForServer({ host, sshPort: o.sshPort, username: o.sshUser, auth, pinnedHostKey: record.sshHostKey, remoteRoot: o.remoteRoot }, { timeoutMs, intervalMs: 2000 });
  try {
    const info = await readServerInfo(session, o.remoteRoot);
    return connectWaypoint({ address: `${host}:${o.waypointPort ?? GRPC_PORT}`, token: info.token, certificatePem: info.certificatePem, certificateSha256: info.certificateSha256 });
  } catch (e) {
    // A certificate that does not match its fingerprint is the server's state, not a bug in pilot.
    throw asPilotError(e) ?? e;
  } finally {
    session.close();
  }
}
