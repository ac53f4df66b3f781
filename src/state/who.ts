// Who is applying, for the record and the lock: the CI actor when in CI, else the git author.
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import type { PilotRecord } from './record.ts';

export function whoAmI(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): PilotRecord['appliedBy'] {
  const git = (key: string) => {
    const r = spawnSync('git', ['config', key], { cwd, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() || undefined : undefined;
  };
  const ci = env.GITHUB_ACTIONS === 'true' ? `github-actions ${env.GITHUB_ACTOR ?? ''} (${env.GITHUB_REPOSITORY ?? ''} run ${env.GITHUB_RUN_ID ?? '?'})`.replace(/\s+/g, ' ') : env.GITLAB_CI ? `gitlab-ci ${env.GITLAB_USER_LOGIN ?? ''} (job ${env.CI_JOB_ID ?? '?'})` : env.CI ? 'ci' : undefined;
  return { name: env.GIT_AUTHOR_NAME ?? git('user.name'), email: env.GIT_AUTHOR_EMAIL ?? git('user.email'), ci, host: hostname() };
}
