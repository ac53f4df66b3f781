// The SSH and Waypoint clients throw their own error types (they know nothing of diagnostics); at
// the command's edge they become coded PilotErrors, so the user sees what failed and how to go on
// instead of "internal error … this is a bug". Pure: no I/O.
import { WaypointError } from '../backends/waypoint/client/client.ts';
import { SERVER_INFO_PATH, SERVER_UNIT } from '../backends/cloud-init/paths.ts';
import { CODES, error, PilotError } from '../compiler/diagnostics.ts';
import { SshError } from '../ssh/client.ts';

/** `e` as a PilotError when it is one of the known failure types; undefined for anything else (a bug). */
export function asPilotError(e: unknown): PilotError | undefined {
  if (e instanceof PilotError) return e;
  if (e instanceof SshError) {
    if (e.kind === 'host-key-changed') return new PilotError([error(CODES.HOST_KEY_CHANGED, e.message)]);
    const hint = e.kind === 'auth' || e.kind === 'no-key' ? 'Use the private key of server.sshKey: --ssh-key PATH, PILOT_SSH_KEY, or ssh-agent' : 'Check the server is running and reachable on its SSH port';
    return new PilotError([error(CODES.SSH_FAILED, e.message, { hint })]);
  }
  if (e instanceof WaypointError)
    return new PilotError([error(CODES.WAYPOINT_FAILED, e.message, { hint: `Check the Waypoint server on the Pilot server (systemctl status ${SERVER_UNIT}) and that ${SERVER_INFO_PATH} is the one its bootstrap wrote` })]);
  return undefined;
}

/** Appends what was done before the failure and that rerunning `command` resumes, to the first diagnostic's hint. */
export function withResume(e: PilotError, done: string[], resume: string): PilotError {
  const d = e.diagnostics[0];
  const text = `${done.length ? `Done before the failure: ${done.join(', ')}. ` : 'Nothing was changed. '}${resume}`;
  return new PilotError([{ ...d, hint: d.hint ? `${d.hint}. ${text}` : text }, ...e.diagnostics.slice(1)]);
}
