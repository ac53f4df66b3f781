// Every AWS resource of a model, in dependency order: network, registries, app infrastructure,
// server (with the runner's policy scoped to all of the above), database, app secrets, outputs.
import type { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository/index.js';
import type { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster/index.js';
import { allApps, type ModelApp } from '../../../compiler/model.ts';
import { usesAws } from '../clouds-used.ts';
import type { StackContext } from '../emit.ts';
import { addAwsProvider } from '../provider-aws.ts';
import { addDatabase, type DatabaseClient } from './database.ts';
import { addEcsApp, addEcsCluster, type EcsApp } from './ecs.ts';
import { addServerSecurityGroup } from './firewall.ts';
import { addRunnerPolicy } from './iam.ts';
import { addLambdaApp, type LambdaApp } from './lambda.ts';
import { addNetwork, type Network } from './network.ts';
import { addAwsOutputs } from './outputs.ts';
import { addEcrRepository } from './registry.ts';
import { addAppSecrets } from './secrets.ts';
import { addServer, type Server } from './server.ts';
import { addStaticSite, type StaticSite } from './static-site.ts';
import { addAppCertificates } from './tls.ts';

/** The rendered cloud-init document the server boots with. */
export type AwsOptions = { userData: string };

export function addAwsResources(ctx: StackContext, options: AwsOptions): void {
  const { model } = ctx;
  if (!usesAws(model)) return;
  const region = model.clouds.aws!.region;
  addAwsProvider(ctx.stack, region, model.name);

  const apps = allApps(model);
  const serverOnAws = model.server.cloud === 'aws' ? model.server : undefined;
  const dbOnAws = model.database?.cloud === 'aws' ? model.database : undefined;
  const needsNetwork = serverOnAws !== undefined || dbOnAws !== undefined || apps.some((a) => a.deploy.kind === 'ecs');
  const network: Network | undefined = needsNetwork ? addNetwork(ctx, model.clouds.aws!.availabilityZones) : undefined;

  const repositories: { app: ModelApp; repo: EcrRepository; forLambda: boolean }[] = [];
  const clusters = new Map<string, EcsCluster>();
  const ecsApps: EcsApp[] = [];
  const lambdaApps: LambdaApp[] = [];
  const sites: StaticSite[] = [];
  for (const app of apps) {
    if (app.registry?.kind === 'ecr') repositories.push({ app, repo: addEcrRepository(ctx, app, app.registry), forLambda: app.deploy.kind === 'lambda' });
    const deploy = app.deploy;
    if (deploy.kind === 'ecs') {
      let cluster = clusters.get(app.project);
      if (!cluster) clusters.set(app.project, (cluster = addEcsCluster(ctx, app.project)));
      ecsApps.push(addEcsApp(ctx, network!, cluster, app, deploy));
    } else if (deploy.kind === 'lambda') {
      lambdaApps.push(addLambdaApp(ctx, app));
    } else if (deploy.kind === 'cloudfront') {
      sites.push(addStaticSite(ctx, app, deploy));
    }
  }

  let server: Server | undefined;
  if (serverOnAws && network) {
    const group = addServerSecurityGroup(ctx, network, serverOnAws.allowFrom);
    server = addServer(ctx, serverOnAws, network, group, options.userData);
    addRunnerPolicy(ctx, server.role, { network, sites });
  }

  const clients: DatabaseClient[] = [
    ...(server ? [{ id: 'server', group: server.group, at: 'server' }] : []),
    ...ecsApps.map((e) => ({ id: e.app.id, group: e.tasks, at: e.app.configPath })),
  ];
  const database = dbOnAws && network ? addDatabase(ctx, dbOnAws, network, clients) : undefined;
  addAppSecrets(ctx, ecsApps, database);

  const certificates = addAppCertificates(ctx, apps);
  addAwsOutputs(ctx, { network, server, database, repositories, ecsApps, lambdaApps, sites, certificates });
}
