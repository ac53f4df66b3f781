// Where each `secret('NAME')` and the database's password go, per platform, decided once for the
// emitters and for `pilot apply` (which puts the values there). Pure: names and bindings only.
//
// - ECS: a Secrets Manager secret per NAME (Terraform declares it without a value; apply fills it),
//   referenced by ARN in aws-ecs's `secrets` map; ECS reads it at task start with the execution role
//   (builtin/aws/ecs/platform.go:1533-1540 in Waypoint v0.11.4 copies the map into the container's
//   `secrets`). The database password is RDS's managed secret, key `password`.
// - Lambda and Cloud Run: their v0.11.4 plugins have no secret field (aws-lambda platform.go:955,
//   cloudrun/platform.go:768), so a `sensitive` Waypoint variable, set by apply as a server-side
//   project variable, feeds `static_environment`.
import { type Binding, bindingsForProject, secretArnBinding } from './bindings.ts';
import { allApps, type Model, type ModelApp, type ModelProject } from './model.ts';
import { awsSecretName } from './names.ts';
import { byCodePoint } from './canonical.ts';

type DeployKind = ModelApp['deploy']['kind'];

/**
 * Deploy kinds that can reach the private database of each cloud: ECS tasks run in pilot's VPC,
 * Cloud Run reaches Cloud SQL's private IP through the Serverless VPC Access connector. Lambda
 * cannot: aws-lambda in v0.11.4 has no VPC configuration (plugin fields), so its functions run
 * outside the VPC (T-19). Static sites run no server code.
 */
const DATABASE_CLIENTS: Record<'aws' | 'gcp', readonly DeployKind[]> = { aws: ['ecs'], gcp: ['cloudRun'] };

/** Whether an app gets the database: on by default for the kinds above, off with `database: false`. */
export function databaseWanted(dbCloud: 'aws' | 'gcp' | undefined, kind: DeployKind, option: boolean | undefined): boolean {
  return dbCloud !== undefined && option !== false && DATABASE_CLIENTS[dbCloud].includes(kind);
}

/** Whether `app` gets the database's connection and password. */
export const appUsesDatabase = (_model: Model, app: ModelApp): boolean => app.database;


/**
 * The connection env an app that uses the database gets (libpq's variables, which psql, psycopg,
 * pgx, node-postgres and most drivers read with no code). PGPORT: neither RDS nor Cloud SQL is
 * given a port, so both listen on PostgreSQL's 5432. PGSSLMODE=require: RDS for PostgreSQL expects
 * TLS by default (RDS user guide, "Using SSL with a PostgreSQL DB instance") and pilot's Cloud SQL
 * has ssl_mode ENCRYPTED_ONLY; `require` makes libpq-based drivers encrypt without needing the
 * provider's CA bundle (node-postgres alone maps it to a verified connection:
 * lib/connection-parameters.js readSSLConfigFromEnvironment; the README says so).
 * An app's own env entry of the same name wins.
 */
export const DATABASE_ENV = { host: 'PGHOST', port: 'PGPORT', name: 'PGDATABASE', user: 'PGUSER', sslMode: 'PGSSLMODE', password: 'PGPASSWORD' } as const;
export const DATABASE_PORT = '5432';

/** A value `pilot apply` sets as a sensitive server-side project variable of one project. */
export type SecretSource = { kind: 'env'; /** The `secret('NAME')` name: read from this environment variable. */ name: string } | { kind: 'gcpDatabasePassword' };
export type SecretBinding = { name: string; description: string; source: SecretSource };

/** Waypoint variable carrying a secret's value into Lambda / Cloud Run `static_environment`. */
export const secretValueBinding = (secret: string): SecretBinding => ({
  name: `secret_${secret}`,
  description: `Value of secret('${secret}')`,
  source: { kind: 'env', name: secret },
});
/** The Cloud SQL user's password, for Cloud Run apps that use the database (the value apply passes as TF_VAR_gcp_db_password). */
export const GCP_DATABASE_PASSWORD: SecretBinding = { name: 'database_password', description: 'Password of the Cloud SQL user', source: { kind: 'gcpDatabasePassword' } };

const secretNames = (app: ModelApp) => app.env.flatMap((e) => ('secret' in e ? [e.secret] : []));
const byName = <T extends { name: string }>(xs: T[]): T[] => [...new Map(xs.map((x) => [x.name, x])).values()].sort((a, b) => byCodePoint(a.name, b.name));

/** The sensitive variables one app's stanza reads (Lambda and Cloud Run only). */
export function secretBindingsForApp(model: Model, app: ModelApp): SecretBinding[] {
  if (app.deploy.kind !== 'lambda' && app.deploy.kind !== 'cloudRun') return [];
  const out = secretNames(app).map(secretValueBinding);
  if (app.deploy.kind === 'cloudRun' && appUsesDatabase(model, app)) out.push(GCP_DATABASE_PASSWORD);
  return byName(out);
}

/** The sensitive variables one project's waypoint.hcl declares, unique by name, sorted: apply sets each. */
export function secretBindings(model: Model, project: ModelProject): SecretBinding[] {
  return byName(project.apps.flatMap((a) => secretBindingsForApp(model, a)));
}

/**
 * Every variable one project's waypoint.hcl declares, sorted by name: a Terraform output of the same
 * name, or a sensitive secret value. Apply must set exactly these (W-10: an unset or undeclared
 * variable fails every job of the project); the waypoint emitter declares exactly these.
 */
export type ProjectVariable = { kind: 'output'; name: string; binding: Binding } | { kind: 'secret'; name: string; binding: SecretBinding };
export function projectVariables(model: Model, project: ModelProject): ProjectVariable[] {
  const out: ProjectVariable[] = [
    ...bindingsForProject(model, project).map((binding): ProjectVariable => ({ kind: 'output', name: binding.name, binding })),
    ...secretBindings(model, project).map((binding): ProjectVariable => ({ kind: 'secret', name: binding.name, binding })),
  ];
  return out.sort((a, b) => byCodePoint(a.name, b.name));
}

/** One Secrets Manager secret: Terraform creates it empty, apply writes the value of `secret` into it. */
export type AwsSecret = {
  /** The `secret('NAME')` name (and environment variable apply reads). */
  secret: string;
  /** Name in Secrets Manager (unique per Pilot). */
  secretsManagerName: string;
  region: string;
  /** Terraform output (and Waypoint variable) holding its ARN. */
  arnOutput: Binding;
  /** Config paths of the ECS apps that read it. */
  apps: string[];
};

/** Every Secrets Manager secret of the model, sorted by secret name. */
export function awsSecrets(model: Model): AwsSecret[] {
  const out = new Map<string, AwsSecret>();
  for (const app of allApps(model)) {
    if (app.deploy.kind !== 'ecs') continue;
    for (const secret of secretNames(app)) {
      const entry = out.get(secret) ?? { secret, secretsManagerName: awsSecretName(model, secret), region: app.deploy.region, arnOutput: secretArnBinding(secret), apps: [] };
      if (!entry.apps.includes(app.configPath)) entry.apps.push(app.configPath);
      out.set(secret, entry);
    }
  }
  return [...out.values()].sort((a, b) => byCodePoint(a.secret, b.secret));
}

/** The Secrets Manager secrets one ECS app reads, sorted. */
export const awsSecretsOfApp = (model: Model, app: ModelApp): AwsSecret[] => awsSecrets(model).filter((s) => s.apps.includes(app.configPath));

/** Every `secret()` the config references and where: apply must find each in its environment before pushing anything. */
export function secretsUsed(model: Model): { name: string; usedBy: string[] }[] {
  const out = new Map<string, string[]>();
  const add = (name: string, at: string) => out.set(name, [...(out.get(name) ?? []), at]);
  for (const project of model.projects) {
    const c = project.repository.credentials;
    if (c) add(c.kind === 'ssh' ? c.sshKeySecret : c.passwordSecret, `projects.${project.name}.repository.credentials`);
    for (const app of project.apps) for (const s of secretNames(app)) add(s, `${app.configPath}.env`);
  }
  return [...out.entries()].sort(([a], [b]) => byCodePoint(a, b)).map(([name, usedBy]) => ({ name, usedBy: [...new Set(usedBy)] }));
}
