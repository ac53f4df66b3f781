// Outputs: what a person needs (addresses, URLs, the database secret's ARN, never its value) and
// one output per AWS binding, named exactly as the waypoint.hcl variable it is bound to.
import { addOutput } from '../output.ts';
import type { DbInstance } from '@cdktf/provider-aws/lib/db-instance/index.js';
import type { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository/index.js';
import { appBinding, SHARED, type Binding } from '../../../compiler/bindings.ts';
import { CODES, error } from '../../../compiler/diagnostics.ts';
import type { ModelApp } from '../../../compiler/model.ts';
import type { StackContext } from '../emit.ts';
import type { EcsApp } from './ecs.ts';
import type { LambdaApp } from './lambda.ts';
import type { Network } from './network.ts';
import type { Server } from './server.ts';
import { siteUrl, type StaticSite } from './static-site.ts';
import type { AppCertificate } from './tls.ts';

export type AwsOutputs = {
  network?: Network;
  server?: Server;
  database?: DbInstance;
  repositories: { app: ModelApp; repo: EcrRepository }[];
  ecsApps: EcsApp[];
  lambdaApps: LambdaApp[];
  sites: StaticSite[];
  certificates: AppCertificate[];
};

export function addAwsOutputs(ctx: StackContext, o: AwsOutputs): void {
  const seen = new Map<string, string>();
  const output = (name: string, value: unknown, description: string, at: string) => {
    const owner = seen.get(name);
    if (owner !== undefined) {
      ctx.addresses.diagnostics.push(error(CODES.DUPLICATE_NAME, `Terraform output ${name} is produced by both ${owner} and ${at}`, { path: at, hint: 'Rename one of the apps' }));
      return;
    }
    seen.set(name, at);
    addOutput(ctx.stack, name, value, description);
  };
  const bound = (b: Binding, value: unknown, at: string) => output(b.name, value, b.description, at);

  if (o.server) {
    output('server_address', o.server.eip.publicIp, 'Public IP address of the Pilot server', 'server');
    output('waypoint_url', `https://${o.server.eip.publicIp}:9702`, 'Waypoint UI and HTTP API', 'server');
    // ignore_changes keeps the server on the image it was created with; a plan compares these two
    // to say that a replacement (terraform apply -replace=aws_instance.server) would get a newer one.
    output('server_ami', o.server.instance.ami, 'AMI the Pilot server runs', 'server.ami');
    output('server_ami_latest', o.server.latestAmi, 'AMI a replaced Pilot server would boot (the current image behind server.ami)', 'server.ami');
  }
  if (o.database) {
    // Also bindings of the ECS apps that use the database (PGHOST, PGPASSWORD's secret).
    bound(SHARED.awsDatabaseEndpoint, o.database.address, 'database');
    output('database_port', o.database.port, 'Port of the database', 'database');
    bound(SHARED.awsDatabaseSecretArn, o.database.masterUserSecret.get(0).secretArn, 'database');
  }
  if (o.ecsApps.length > 0 && o.network) {
    bound(SHARED.awsAppSubnetIds, o.network.publicSubnets.map((s) => s.id), 'server');
  }
  for (const { app, repo } of o.repositories) output(`${app.id}_registry_url`, repo.repositoryUrl, `Image repository of ${app.project}/${app.name}`, app.configPath);
  for (const e of o.ecsApps) {
    bound(appBinding.securityGroupId(e.app), e.tasks.id, e.app.configPath);
    bound(appBinding.executionRoleName(e.app), e.executionRole.name, e.app.configPath);
  }
  for (const c of o.certificates) {
    bound(appBinding.certificateArn(c.app), c.certificate.arn, `${c.app.configPath}.deploy.domain`);
    output(`${c.app.id}_certificate_validation`, c.certificate.domainValidationOptions, `DNS records (CNAME) to add for ${c.domain} before ACM issues its certificate`, `${c.app.configPath}.deploy.domain`);
  }
  for (const l of o.lambdaApps) bound(appBinding.lambdaRoleArn(l.app), l.role.arn, l.app.configPath);
  for (const s of o.sites) {
    bound(appBinding.siteBucket(s.app), s.bucket.bucket, s.app.configPath);
    bound(appBinding.distributionId(s.app), s.distribution.id, s.app.configPath);
    output(`${s.app.id}_site_url`, siteUrl(s), `URL of the ${s.app.project}/${s.app.name} site`, s.app.configPath);
  }
}
