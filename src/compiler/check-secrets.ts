// Semantic checks of where secrets and the database can go: the database only reaches apps that
// can open a connection to its private network, and git credentials must match the URL's scheme.
import type { Config } from '../dsl/schema/config.ts';
import { CODES, type Diagnostic, error } from './diagnostics.ts';
import { databaseWanted } from './secrets.ts';

const CLOUD_OF_DEPLOY = { ecs: 'aws', lambda: 'aws', cloudfront: 'aws', cloudRun: 'gcp', cloudCdn: 'gcp' } as const;
const isSshUrl = (url: string) => url.startsWith('ssh://') || url.startsWith('git@');

function checkDatabaseUse(config: Config, at: string, app: Config['projects'][string]['apps'][string]): Diagnostic[] {
  const db = config.database;
  const kind = app.deploy.kind;
  // aws-lambda in Waypoint v0.11.4 has no VPC field, so a function cannot reach the private RDS (T-19).
  if (kind === 'lambda' && db?.on === 'aws' && app.database !== false) {
    return [
      error(CODES.LAMBDA_DATABASE_NO_VPC, 'Lambda functions deployed by Waypoint run outside the VPC, so they cannot reach the private RDS database', {
        path: `${at}.deploy`,
        hint: 'Add database: false to the app if it does not use the database, or deploy it with ecs()',
      }),
    ];
  }
  if (app.database === true && !databaseWanted(db?.on, kind, true)) {
    const why = !db ? 'the config has no database' : CLOUD_OF_DEPLOY[kind] !== db.on ? `the database is on ${db.on.toUpperCase()} and ${kind}() runs on ${CLOUD_OF_DEPLOY[kind].toUpperCase()}` : `${kind}() apps cannot reach it`;
    return [error(CODES.DATABASE_UNREACHABLE, `database: true, but ${why}`, { path: `${at}.database`, hint: 'Remove database: true; only ecs() apps (database on AWS) and cloudRun() apps (database on GCP) can reach the database' })];
  }
  return [];
}

function checkCredentials(name: string, repo: Config['projects'][string]['repository']): Diagnostic[] {
  const at = `projects.${name}.repository`;
  const ssh = isSshUrl(repo.url);
  const key = repo.credentials !== undefined && 'sshKey' in repo.credentials;
  // Without credentials Waypoint clones with no auth (internal/datasource/git.go), and the runner has no ssh-agent (W-7).
  if (ssh && !key) {
    return [error(CODES.SSH_URL_WITHOUT_KEY, `${repo.url} is an SSH URL, so the runner needs a private key to clone it`, { path: `${at}.${repo.credentials ? 'credentials' : 'url'}`, hint: "Add credentials: { sshKey: secret('DEPLOY_KEY') }, or use the https:// URL with credentials: { username, password: secret('GIT_TOKEN') }" })];
  }
  if (!ssh && key) {
    return [error(CODES.SSH_KEY_WITHOUT_SSH_URL, `An SSH key cannot authenticate ${repo.url}`, { path: `${at}.credentials`, hint: "Use an ssh:// or git@ URL with sshKey, or credentials: { username, password: secret('GIT_TOKEN') } for https://" })];
  }
  return [];
}

export function checkSecretsAndDatabase(config: Config): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [projectName, project] of Object.entries(config.projects)) {
    out.push(...checkCredentials(projectName, project.repository));
    for (const [appName, app] of Object.entries(project.apps)) out.push(...checkDatabaseUse(config, `projects.${projectName}.apps.${appName}`, app));
  }
  return out;
}
