// Values that exist only after Terraform has run. The waypoint emitter declares each as a `variable`
// and the Terraform emitter declares an `output` of the same name; `pilot apply` binds one to the
// other as the project's server-side variables. This module is the single list both sides read.
import { usesGcpDatabase } from './database-access.ts';
// Secret values are not here: they are sensitive variables apply sets itself (secrets.ts).
import type { Model, ModelApp, ModelProject } from './model.ts';
import { byCodePoint } from './canonical.ts';

export type BindingType = 'string' | 'list(string)';
export type Binding = { name: string; type: BindingType; description: string };

/** Bindings shared by every app of one kind. */
export const SHARED = {
  awsAppSubnetIds: { name: 'aws_app_subnet_ids', type: 'list(string)', description: 'Subnets ECS tasks run in' },
  gcpVpcConnector: { name: 'gcp_vpc_connector', type: 'string', description: 'Serverless VPC Access connector Cloud Run uses to reach the database' },
  gcpSqlConnectionName: { name: 'gcp_sql_connection_name', type: 'string', description: 'Cloud SQL connection name (project:region:instance)' },
  awsDatabaseEndpoint: { name: 'database_endpoint', type: 'string', description: 'Hostname of the database (private network only)' },
  awsDatabaseSecretArn: { name: 'database_secret_arn', type: 'string', description: 'Secrets Manager secret holding the database master password' },
  gcpDatabaseAddress: { name: 'database_private_address', type: 'string', description: 'Private IP of the Cloud SQL instance' },
} as const satisfies Record<string, Binding>;

/**
 * ARN of the Secrets Manager secret holding secret('NAME') for ECS apps. Secret names are
 * UPPER_SNAKE_CASE and app IDs lowercase, so this can never equal an app's output name.
 */
export const secretArnBinding = (secret: string): Binding => ({ name: `secret_${secret}_arn`, type: 'string', description: `ARN of the Secrets Manager secret holding secret('${secret}')` });

const ecsSecretArns = (app: ModelApp): Binding[] => [...new Set(app.env.flatMap((e) => ('secret' in e ? [e.secret] : [])))].sort().map(secretArnBinding);

/** Bindings owned by one app. */
export const appBinding = {
  securityGroupId: (app: ModelApp): Binding => ({ name: `${app.id}_security_group_id`, type: 'string', description: `Security group of ${app.project}/${app.name}'s tasks` }),
  executionRoleName: (app: ModelApp): Binding => ({ name: `${app.id}_execution_role_name`, type: 'string', description: `ECS task execution role of ${app.project}/${app.name}` }),
  certificateArn: (app: ModelApp): Binding => ({ name: `${app.id}_certificate_arn`, type: 'string', description: `ACM certificate of ${app.project}/${app.name}'s HTTPS load balancer` }),
  lambdaRoleArn: (app: ModelApp): Binding => ({ name: `${app.id}_role_arn`, type: 'string', description: `Execution role ARN of the ${app.project}/${app.name} function` }),
  siteBucket: (app: ModelApp): Binding => ({ name: `${app.id}_bucket`, type: 'string', description: `Bucket holding ${app.project}/${app.name}'s files` }),
  distributionId: (app: ModelApp): Binding => ({ name: `${app.id}_distribution_id`, type: 'string', description: `CloudFront distribution of ${app.project}/${app.name}` }),
  urlMap: (app: ModelApp): Binding => ({ name: `${app.id}_url_map`, type: 'string', description: `URL map serving ${app.project}/${app.name} through Cloud CDN` }),
  /** Shared by the Cloud Run apps of one project: named after the project, so it is declared once. */
  runServiceAccount: (app: ModelApp): Binding => ({
    name: `gcp_${app.project.replace(/-/g, '_')}_run_service_account`,
    type: 'string',
    description: `Service account the Cloud Run apps of project ${app.project} run as`,
  }),
};

/** What one app needs bound, in a fixed order. */
export function bindingsForApp(model: Model, app: ModelApp): Binding[] {
  switch (app.deploy.kind) {
    case 'ecs':
      return [
        SHARED.awsAppSubnetIds,
        appBinding.securityGroupId(app),
        appBinding.executionRoleName(app),
        ...(app.deploy.domain ? [appBinding.certificateArn(app)] : []),
        ...ecsSecretArns(app),
        ...(app.database ? [SHARED.awsDatabaseEndpoint, SHARED.awsDatabaseSecretArn] : []),
      ];
    case 'lambda':
      return [appBinding.lambdaRoleArn(app)];
    case 'cloudRun':
      return [appBinding.runServiceAccount(app), ...(usesGcpDatabase(model, app) ? [SHARED.gcpVpcConnector, SHARED.gcpSqlConnectionName, SHARED.gcpDatabaseAddress] : [])];
    case 'cloudfront':
      return [appBinding.siteBucket(app), appBinding.distributionId(app)];
    case 'cloudCdn':
      return [appBinding.siteBucket(app), appBinding.urlMap(app)];
    default: {
      const never: never = app.deploy;
      throw new Error(`unknown deploy kind ${JSON.stringify(never)}`);
    }
  }
}

/** The variables one project's waypoint.hcl declares: unique by name, sorted. */
export function bindingsForProject(model: Model, project: ModelProject): Binding[] {
  const byName = new Map<string, Binding>();
  for (const app of project.apps) for (const b of bindingsForApp(model, app)) byName.set(b.name, b);
  return [...byName.values()].sort((a, b) => byCodePoint(a.name, b.name));
}

/** Every binding of the model: the Terraform emitter must output each of these. */
export function allBindings(model: Model): Binding[] {
  const byName = new Map<string, Binding>();
  for (const p of model.projects) for (const b of bindingsForProject(model, p)) byName.set(b.name, b);
  return [...byName.values()].sort((a, b) => byCodePoint(a.name, b.name));
}
