// Which apps reach the database, decided in one place: the Terraform emitter creates the Serverless VPC
// Access connector only for them, the waypoint emitter wires them to it, and semantic checks refuse
// the ones the connector cannot serve.
import { CODES, type Diagnostic, error } from './diagnostics.ts';
import { allApps, type Model, type ModelApp } from './model.ts';

/** Today every Cloud Run app of a config whose database is on GCP is given the database. */
export const usesGcpDatabase = (model: Model, app: ModelApp): boolean => app.deploy.kind === 'cloudRun' && model.database?.cloud === 'gcp';

/** The connector costs money while it exists (at least two instances), so only when an app uses it. */
export const needsVpcConnector = (model: Model): boolean => allApps(model).some((app) => usesGcpDatabase(model, app));

/** Region of the Cloud SQL instance and of its connector (pilot provisions one GCP region). */
export const gcpDatabaseRegion = (model: Model): string | undefined => (model.database?.cloud === 'gcp' ? model.clouds.gcp?.region : undefined);

/**
 * A Serverless VPC Access connector is regional and serves only services in its own region
 * (https://cloud.google.com/vpc/docs/configure-serverless-vpc-access; review T-16).
 * Pilot refuses rather than adding a connector per region: each costs about $13/month and every query
 * would cross regions (latency and inter-region egress) to the one regional Cloud SQL instance.
 */
export function connectorRegionErrors(model: Model): Diagnostic[] {
  const region = gcpDatabaseRegion(model);
  if (!region) return [];
  return allApps(model)
    .filter((app) => usesGcpDatabase(model, app) && app.deploy.region !== region)
    .map((app) =>
      error(CODES.CONNECTOR_REGION_MISMATCH, `${app.project}/${app.name} runs in ${app.deploy.region}, but the database and its VPC connector are in ${region}; Cloud Run can only use a connector in its own region`, {
        path: `${app.configPath}.deploy.region`,
        hint: `Deploy it in ${region}: remove deploy.region or set it to '${region}'`,
      }),
    );
}
