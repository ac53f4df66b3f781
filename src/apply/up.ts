// `pilot up PROJECT[/APP]`: what `waypoint up` sends for a remote job (internal/cli/up.go:38-44,
// internal/client/job.go:213-297): QueueJob with the app, workspace `default`, `target_runner {any}`
// and an `up` operation (release with the prune setting of release-prune.ts), then GetJobStream until
// `complete`. Terminal output is printed as it arrives. One job per app, one after the other.
import type { WaypointClient } from '../backends/waypoint/client/client.ts';
import { releasePrune } from '../backends/waypoint/release-prune.ts';
import type { Job, TerminalEvent } from '../backends/waypoint/client/types.ts';
import type { ModelDeploy } from '../compiler/model.ts';
import { ensureFunctionUrlInvoke, type LambdaPermissionClient } from './lambda-url.ts';

export type UpTarget = {
  /** `project/app` as the config names it, for what pilot prints. */
  label?: string;
  project: string;
  /** The app's Waypoint name (names.ts waypointAppName), which is also its Lambda function's name. */
  app: string;
  /** Decides how many deployments the release keeps (release-prune.ts). */
  kind: ModelDeploy['kind'];
  /** Set for Lambda apps: the region of the function. */
  lambdaRegion?: string;
};
export type UpResult = { target: UpTarget; ok: boolean; url?: string; error?: string };

export const upJob = (t: UpTarget): Job => ({
  application: { project: t.project, application: t.app },
  workspace: { workspace: 'default' },
  target_runner: { any: {} },
  up: { release: releasePrune(t.kind) },
});

/** The text of one terminal event, or undefined for events that carry none. */
export function terminalText(e: TerminalEvent): string | undefined {
  switch (e.event) {
    case 'line':
      return e.line.msg;
    case 'status':
      return e.status.msg;
    case 'step': {
      const out = e.step.output?.length ? e.step.output.toString('utf8').replace(/\n$/, '') : '';
      return [e.step.msg, out].filter(Boolean).join('\n') || undefined;
    }
    case 'raw':
      return e.raw.data?.toString('utf8').replace(/\n$/, '');
    default:
      return undefined;
  }
}

export type UpDeps = {
  client: WaypointClient;
  write: (line: string) => void;
  lambdaClient?: (region: string) => Promise<LambdaPermissionClient>;
};

export async function upApps(deps: UpDeps, targets: UpTarget[]): Promise<UpResult[]> {
  const results: UpResult[] = [];
  for (const t of targets) {
    const name = t.label ?? `${t.project}/${t.app}`;
    deps.write(`→ ${name}: queueing up`);
    try {
      const jobId = await deps.client.queueJob(upJob(t));
      const done = await deps.client.streamJob(jobId, (e) => {
        if (e.event === 'terminal') for (const ev of e.terminal.events ?? []) {
          const text = terminalText(ev);
          if (text) for (const line of text.split('\n')) deps.write(`  ${name} | ${line}`);
        } else if (e.event === 'state' && e.state.current) deps.write(`  ${name}: ${e.state.current.toLowerCase()}`);
      });
      if (done.error?.message || (done.error?.code ?? 0) !== 0) {
        results.push({ target: t, ok: false, error: done.error?.message || `job failed with code ${done.error?.code}` });
        deps.write(`✖ ${name}: ${done.error?.message ?? 'failed'}`);
        continue;
      }
      const up = done.result?.up ?? {};
      const url = up.release_url || up.app_url || up.deploy_url || undefined;
      if (t.lambdaRegion && deps.lambdaClient) {
        const how = await ensureFunctionUrlInvoke(await deps.lambdaClient(t.lambdaRegion), t.app);
        deps.write(`  ${name}: function URL invoke permission ${how}`);
      }
      results.push({ target: t, ok: true, url });
      deps.write(`✔ ${name}${url ? `: ${url}` : ''}`);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      results.push({ target: t, ok: false, error: message });
      deps.write(`✖ ${name}: ${message}`);
    }
  }
  return results;
}
