// An app's environment as each platform plugin takes it: plain values in `static_environment`;
// secrets as Secrets Manager references in aws-ecs's `secrets` map, or as sensitive variables in
// `static_environment` for aws-lambda and google-cloud-run (no secret field in v0.11.4); plus the
// database's connection for apps that use it. Never a secret's value: only variable references.
import { type Binding, SHARED, secretArnBinding } from '../../compiler/bindings.ts';
import type { Model, ModelApp } from '../../compiler/model.ts';
import { appUsesDatabase, DATABASE_ENV, DATABASE_PORT, GCP_DATABASE_PASSWORD, secretValueBinding } from '../../compiler/secrets.ts';
import { type Attr, expr, type Value } from './hcl.ts';

const v = (b: { name: string }) => expr(`var.${b.name}`);

/**
 * RDS's managed secret is JSON ({"username","password"}); ECS picks one key with
 * `<arn>:<json-key>:<version-stage>:<version-id>`, empty stage and id meaning AWSCURRENT (ECS
 * developer guide, "Retrieve Secrets Manager secrets through environment variables"). ECS reads it at
 * task start only, so after RDS's managed rotation (every 7 days by default) running tasks keep the
 * old password until they are replaced (README, "The database in the apps").
 */
const rdsPasswordRef = (arn: Binding) => expr(`"\${var.${arn.name}}:password::"`);

type Env = { plain: Record<string, Value>; secrets: Record<string, Value> };

function databaseEnv(model: Model, app: ModelApp): Env {
  const db = model.database;
  if (!db || !appUsesDatabase(model, app)) return { plain: {}, secrets: {} };
  const host = db.cloud === 'aws' ? v(SHARED.awsDatabaseEndpoint) : v(SHARED.gcpDatabaseAddress);
  const plain: Record<string, Value> = {
    [DATABASE_ENV.host]: host,
    [DATABASE_ENV.port]: DATABASE_PORT,
    [DATABASE_ENV.name]: db.name,
    [DATABASE_ENV.user]: db.username,
    [DATABASE_ENV.sslMode]: 'require',
  };
  if (app.deploy.kind === 'ecs') return { plain, secrets: { [DATABASE_ENV.password]: rdsPasswordRef(SHARED.awsDatabaseSecretArn) } };
  return { plain: { ...plain, [DATABASE_ENV.password]: v(GCP_DATABASE_PASSWORD) }, secrets: {} };
}

/** The app's own env: plain values, and secrets by the platform's path. */
function ownEnv(app: ModelApp): Env {
  const env: Env = { plain: {}, secrets: {} };
  for (const e of app.env) {
    if ('value' in e) env.plain[e.name] = e.value;
    else if (app.deploy.kind === 'ecs') env.secrets[e.name] = v(secretArnBinding(e.secret));
    else env.plain[e.name] = v(secretValueBinding(e.secret));
  }
  return env;
}

// Code-point order, as the model sorts env names: the same bytes whatever the machine's locale.
const sorted = (r: Record<string, Value>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** `static_environment` and (aws-ecs only) `secrets` attributes; an app's own env entry wins over the database's of the same name. */
export function environmentAttrs(model: Model, app: ModelApp): Attr[] {
  const own = ownEnv(app);
  const mine = new Set([...Object.keys(own.plain), ...Object.keys(own.secrets)]);
  const db = databaseEnv(model, app);
  const drop = (r: Record<string, Value>) => Object.fromEntries(Object.entries(r).filter(([k]) => !mine.has(k)));
  const plain = sorted({ ...drop(db.plain), ...own.plain });
  const secrets = sorted({ ...drop(db.secrets), ...own.secrets });
  return [
    ...(Object.keys(plain).length ? ([['static_environment', plain]] as Attr[]) : []),
    ...(Object.keys(secrets).length ? ([['secrets', secrets]] as Attr[]) : []),
  ];
}
