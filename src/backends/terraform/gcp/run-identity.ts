// The identity Cloud Run apps run as: one service account per pilot project, with only what its apps
// use, instead of the Compute Engine default account (often a project Editor; review T-21). The
// runner may act as these accounts and no other, which Waypoint needs to deploy a revision that runs
// as one (builtin/google/cloudrun/platform.go:148-180 tests iam.serviceAccounts.actAs on it).
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member/index.js';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account/index.js';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member/index.js';
import { appBinding } from '../../../compiler/bindings.ts';
import { escapeTemplate } from '../../../compiler/canonical.ts';
import { usesGcpDatabase } from '../../../compiler/database-access.ts';
import { gcpRunServiceAccountId } from '../../../compiler/names.ts';
import { logicalId } from '../ids.ts';
import type { GcpContext } from './context.ts';
import { addOutput } from '../output.ts';
import { serviceAccountMember } from './runner-identity.ts';

/** Connecting to Cloud SQL (https://cloud.google.com/sql/docs/postgres/roles-and-permissions). */
const CLOUD_SQL_CLIENT = 'roles/cloudsql.client';

export function addCloudRunIdentities(ctx: GcpContext, runner: ServiceAccount): void {
  const project = escapeTemplate(ctx.project);
  for (const p of ctx.model.projects) {
    const apps = p.apps.filter((a) => a.deploy.kind === 'cloudRun');
    if (apps.length === 0) continue;
    const id = logicalId(p.name, 'run');
    const configPath = `projects.${p.name}`;
    const sa = ctx.addresses.pin(
      new ServiceAccount(ctx.stack, `gcp_run_${p.name}`, {
        accountId: gcpRunServiceAccountId(ctx.model, p.name),
        displayName: `Cloud Run apps of ${ctx.model.name}/${p.name}`,
        description: 'Runtime identity of the Cloud Run services pilot deploys for this project; has no keys',
        project,
        dependsOn: ctx.api('iam.googleapis.com'),
      }),
      id,
      configPath,
    );
    ctx.addresses.pin(
      new ServiceAccountIamMember(ctx.stack, `gcp_run_${p.name}_act_as`, {
        serviceAccountId: sa.name,
        role: 'roles/iam.serviceAccountUser',
        member: serviceAccountMember(runner),
      }),
      logicalId(p.name, 'run_act_as'),
      configPath,
    );
    // Cloud SQL client has no per-instance grant; the instance stays private-IP only (database.ts).
    if (apps.some((a) => usesGcpDatabase(ctx.model, a))) {
      ctx.addresses.pin(
        new ProjectIamMember(ctx.stack, `gcp_run_${p.name}_sql`, {
          project,
          role: CLOUD_SQL_CLIENT,
          member: `serviceAccount:${sa.email}`,
          dependsOn: ctx.api('cloudresourcemanager.googleapis.com'),
        }),
        logicalId(p.name, 'run_sql'),
        configPath,
      );
    }
    const binding = appBinding.runServiceAccount(apps[0]);
    addOutput(ctx.stack, binding.name, sa.email, binding.description);
  }
}
