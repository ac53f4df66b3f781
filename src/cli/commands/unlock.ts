// `pilot unlock`: remove a stuck apply lock (after confirmation), or forget the server's pinned SSH
// host key when the server was replaced on purpose.
import { compileProject, confirm, openRecordStore } from '../../apply/context.ts';
import { CODES, error, PilotError } from '../../compiler/diagnostics.ts';

export type UnlockFlags = { config?: string; yes?: boolean; forgetHostKey?: boolean; json: boolean };

export async function runUnlock(flags: UnlockFlags): Promise<number> {
  const compiled = await compileProject(flags.config, 'unlock');
  const store = await openRecordStore(compiled.model, compiled.configDir);
  if (flags.forgetHostKey) {
    const current = await store.read();
    if (!current?.record.sshHostKey) throw new PilotError([error(CODES.NO_RECORD, 'the record pins no SSH host key')]);
    await confirm(`Forget the pinned host key ${current.record.sshHostKey.slice(0, 40)}…? The next apply pins whatever key the server presents.`, { yes: flags.yes, what: 'forget the host key' });
    const { sshHostKey: _, ...rest } = current.record;
    await store.write(rest, current.hash);
    process.stdout.write('✔ host key forgotten; the next pilot apply pins the server\'s key again\n');
    return 0;
  }
  const holder = await store.lockHolder();
  if (!holder) {
    process.stdout.write(flags.json ? `${JSON.stringify({ status: 'ok', removed: null })}\n` : `no lock is held in ${store.where}\n`);
    return 0;
  }
  const expired = Date.parse(holder.expiresAt) <= Date.now();
  await confirm(`Remove the lock held by ${holder.holder} on ${holder.host} (pid ${holder.pid}, ${holder.operation} since ${holder.startedAt}${expired ? ', expired' : ''})? Only do this if that run is not still going.`, { yes: flags.yes, what: 'remove the lock' });
  const removed = await store.forceUnlock();
  process.stdout.write(flags.json ? `${JSON.stringify({ status: 'ok', removed })}\n` : `✔ removed the lock held by ${holder.holder}\n`);
  return 0;
}
