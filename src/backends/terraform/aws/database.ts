// RDS PostgreSQL in the private subnets. The master password is generated and kept by RDS in
// Secrets Manager (manage_master_user_password), so it never enters the config, state or plan.
// Later applies (T-8):
// - a new `version` is a major upgrade, which RDS refuses without allow_major_version_upgrade;
// - changes are applied immediately rather than in the next maintenance window: otherwise RDS
//   keeps the old class or version until the window and every plan shows the change again. A class,
//   storage-type or version change restarts the database during `pilot apply`, which the plan reports;
// - the final snapshot is named after the time the instance was created (the timestamp is fixed in
//   state by ignore_changes): a constant name fails the second destroy with DBSnapshotAlreadyExists,
//   because the provider passes final_snapshot_identifier to DeleteDBInstance as it is. It is set even
//   when finalSnapshot is false, so turning finalSnapshot on later has a name to use;
// - rds.force_ssl = 1 (CIS, T-26; PostgreSQL 14's default parameter group has 0) in a parameter
//   group per major version: a major upgrade must name a group of the new family, so the new group
//   is created first (create_before_destroy) and the instance moves to it in the same modification;
// - engine_lifecycle_support: no RDS Extended Support fees (T-27); at the end of standard support
//   RDS upgrades the major version itself, so keep `version` current.
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance/index.js';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group/index.js';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group/index.js';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import type { ModelDatabase } from '../../../compiler/model.ts';
import { databaseName } from '../../../compiler/names.ts';
import type { StackContext } from '../emit.ts';
import { addDatabaseSecurityGroup } from './firewall.ts';
import type { Network } from './network.ts';

export type DatabaseClient = { id: string; group: SecurityGroup; at: string };

export function addDatabase(ctx: StackContext, db: ModelDatabase, network: Network, clients: DatabaseClient[]): DbInstance {
  const { stack, model, addresses } = ctx;
  const name = databaseName(model);
  const group = addDatabaseSecurityGroup(ctx, network, clients);
  const subnets = addresses.pin(
    new DbSubnetGroup(stack, 'db-subnets', { name, description: 'Pilot database: private subnets', subnetIds: network.privateSubnets.map((s) => s.id) }),
    'database',
    'database',
  );
  const parameters = addresses.pin(
    new DbParameterGroup(stack, 'db-parameters', {
      name: `${name}-postgres${db.version}`,
      family: `postgres${db.version}`,
      description: 'Pilot database: TLS required',
      parameter: [{ name: 'rds.force_ssl', value: '1', applyMethod: 'immediate' }],
      lifecycle: { createBeforeDestroy: true },
    }),
    'database',
    'database.version',
  );
  return addresses.pin(
    new DbInstance(stack, 'database', {
      identifier: name,
      engine: 'postgres',
      engineVersion: db.version,
      instanceClass: db.instanceClass,
      allocatedStorage: db.storageGb,
      storageType: 'gp3',
      storageEncrypted: true,
      dbName: db.name,
      username: db.username,
      manageMasterUserPassword: true,
      dbSubnetGroupName: subnets.name,
      parameterGroupName: parameters.name,
      vpcSecurityGroupIds: [group.id],
      publiclyAccessible: false,
      backupRetentionPeriod: db.backupRetentionDays,
      copyTagsToSnapshot: true,
      deletionProtection: db.deletionProtection,
      skipFinalSnapshot: !db.finalSnapshot,
      finalSnapshotIdentifier: `${name}-final-\${formatdate("YYYYMMDDhhmmss", timestamp())}`,
      allowMajorVersionUpgrade: true,
      applyImmediately: true,
      engineLifecycleSupport: 'open-source-rds-extended-support-disabled',
      lifecycle: { ignoreChanges: ['final_snapshot_identifier'] },
      // engine_version is the major version only: the provider treats the minor version RDS
      // picks (engine_version_actual) as matching, so auto minor upgrades are not drift.
      autoMinorVersionUpgrade: true,
    }),
    'database',
    'database',
  );
}
