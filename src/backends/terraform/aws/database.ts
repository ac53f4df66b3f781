// RDS PostgreSQL in the private subnets. The master password is generated and kept by RDS in
// Secrets Manager (manage_master_user_password), so it never enters the config, state or plan.
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance/index.js';
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
      vpcSecurityGroupIds: [group.id],
      publiclyAccessible: false,
      backupRetentionPeriod: db.backupRetentionDays,
      copyTagsToSnapshot: true,
      deletionProtection: db.deletionProtection,
      skipFinalSnapshot: !db.finalSnapshot,
      finalSnapshotIdentifier: db.finalSnapshot ? `${name}-final` : undefined,
      // engine_version is the major version only: the provider treats the minor version RDS
      // picks (engine_version_actual) as matching, so auto minor upgrades are not drift.
      autoMinorVersionUpgrade: true,
    }),
    'database',
    'database',
  );
}
