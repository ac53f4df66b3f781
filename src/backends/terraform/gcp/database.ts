// Cloud SQL for PostgreSQL on a private IP only (private services access peering), with backups and
// deletion protection, and the Serverless VPC Access connector Cloud Run apps reach it through (only
// when an app uses the database: the connector runs at least two instances around the clock).
//
// Passwords: the admin user's password is a write-only argument (`password_wo`, Terraform >= 1.11)
// fed from an ephemeral variable that `pilot apply` sets from the environment. Terraform sends it to
// Cloud SQL and never stores it in state or plan files; the artifact holds no password at all.
// IAM database authentication is switched on as well, so service accounts can log in without one.
import { TerraformVariable } from 'cdktf';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address/index.js';
import type { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network/index.js';
import { ServiceNetworkingConnection } from '@cdktf/provider-google/lib/service-networking-connection/index.js';
import { SqlDatabase } from '@cdktf/provider-google/lib/sql-database/index.js';
import { SqlDatabaseInstance } from '@cdktf/provider-google/lib/sql-database-instance/index.js';
import { SqlUser } from '@cdktf/provider-google/lib/sql-user/index.js';
import { VpcAccessConnector } from '@cdktf/provider-google/lib/vpc-access-connector/index.js';
import { SHARED } from '../../../compiler/bindings.ts';
import { escapeTemplate } from '../../../compiler/canonical.ts';
import { needsVpcConnector } from '../../../compiler/database-access.ts';
import type { ModelDatabase } from '../../../compiler/model.ts';
import { databaseName, gcpSqlPeeringRangeName, vpcConnectorName } from '../../../compiler/names.ts';
import type { GcpContext } from './context.ts';
import { addOutput } from '../output.ts';

/** The /28 the connector's instances use; outside the server subnet and the peering range. */
export const VPC_CONNECTOR_CIDR = '10.8.0.0/28';
/** Cloud SQL's peering range, fixed so it can never be allocated over the ranges above. */
export const SQL_PEERING_RANGE = { address: '10.64.0.0', prefixLength: 16 } as const;
/** Name of the ephemeral input variable holding the admin password at apply time. */
export const DB_PASSWORD_VARIABLE = 'gcp_db_password';
/** Cloud SQL keeps point-in-time logs at most 7 days on the Enterprise edition. */
const MAX_LOG_DAYS = 7;
/** Automatic storage growth stops at this multiple of the configured size (it can never shrink back). */
export const DISK_AUTORESIZE_FACTOR = 4;

/**
 * CIS Google Cloud Platform Foundation Benchmark v2.0, section 6.2 (Cloud SQL for PostgreSQL):
 * 6.2.1 log_error_verbosity DEFAULT, 6.2.2 log_connections on, 6.2.3 log_disconnections on,
 * 6.2.4 log_statement ddl, 6.2.5 log_min_messages warning, 6.2.6 log_min_error_statement error,
 * 6.2.7 log_min_duration_statement -1 (statements with their values are not logged), and
 * 6.2.8 cloudsql.enable_pgaudit on. Flag names and values: https://cloud.google.com/sql/docs/postgres/flags.
 */
export const CIS_DATABASE_FLAGS = [
  { name: 'cloudsql.enable_pgaudit', value: 'on' },
  { name: 'log_connections', value: 'on' },
  { name: 'log_disconnections', value: 'on' },
  { name: 'log_error_verbosity', value: 'default' },
  { name: 'log_min_duration_statement', value: '-1' },
  { name: 'log_min_error_statement', value: 'error' },
  { name: 'log_min_messages', value: 'warning' },
  { name: 'log_statement', value: 'ddl' },
] as const;

export function addCloudSql(ctx: GcpContext, db: ModelDatabase, network: ComputeNetwork): void {
  const { model, addresses, stack } = ctx;
  const project = escapeTemplate(ctx.project);
  const region = escapeTemplate(ctx.region);

  const range = addresses.pin(
    new ComputeGlobalAddress(stack, 'gcp_sql_range', {
      name: gcpSqlPeeringRangeName(model),
      purpose: 'VPC_PEERING',
      addressType: 'INTERNAL',
      address: SQL_PEERING_RANGE.address,
      prefixLength: SQL_PEERING_RANGE.prefixLength,
      network: network.id,
      project,
    }),
    'pilot_sql_peering',
    'database',
  );
  const peering = addresses.pin(
    new ServiceNetworkingConnection(stack, 'gcp_sql_peering', {
      network: network.id,
      service: 'servicenetworking.googleapis.com',
      reservedPeeringRanges: [range.name],
      // After its API and the reserved range, explicitly (review T-9): a first apply in a new project
      // can still fail with "Error code 7" (terraform-provider-google#14720); re-running apply succeeds.
      dependsOn: [range, ...ctx.api('servicenetworking.googleapis.com')],
    }),
    'pilot',
    'database',
  );

  // The name is config-derived and stable: Cloud SQL blocks reusing a deleted instance's name for
  // about a week, so a rename would be the way to recreate one sooner.
  const instance = addresses.pin(
    new SqlDatabaseInstance(stack, 'gcp_sql', {
      name: databaseName(model),
      project,
      region,
      databaseVersion: `POSTGRES_${db.version}`,
      deletionProtection: db.deletionProtection,
      settings: {
        // db-custom-* tiers exist only on Enterprise; PostgreSQL 16+ would default to Enterprise Plus.
        edition: 'ENTERPRISE',
        tier: escapeTemplate(db.instanceClass),
        availabilityType: 'ZONAL',
        diskSize: db.storageGb,
        diskAutoresize: true,
        diskAutoresizeLimit: db.storageGb * DISK_AUTORESIZE_FACTOR,
        deletionProtectionEnabled: db.deletionProtection,
        ipConfiguration: { ipv4Enabled: false, privateNetwork: network.id, sslMode: 'ENCRYPTED_ONLY' },
        backupConfiguration: {
          enabled: true,
          pointInTimeRecoveryEnabled: true,
          transactionLogRetentionDays: Math.min(db.backupRetentionDays, MAX_LOG_DAYS),
          backupRetentionSettings: { retainedBackups: db.backupRetentionDays, retentionUnit: 'COUNT' },
        },
        databaseFlags: [{ name: 'cloudsql.iam_authentication', value: 'on' }, ...CIS_DATABASE_FLAGS],
      },
      dependsOn: [peering, ...ctx.api('sqladmin.googleapis.com')],
    }),
    'pilot',
    'database',
  );

  addresses.pin(new SqlDatabase(stack, 'gcp_sql_database', { name: escapeTemplate(db.name), instance: instance.name, project }), 'pilot', 'database.name');

  const password = new TerraformVariable(stack, DB_PASSWORD_VARIABLE, {
    type: 'string',
    sensitive: true,
    description: `Password of the Cloud SQL user ${db.username}; set by pilot apply, never stored in state`,
  });
  password.addOverride('ephemeral', true);
  addresses.pin(
    new SqlUser(stack, 'gcp_sql_user', {
      name: escapeTemplate(db.username),
      instance: instance.name,
      project,
      type: 'BUILT_IN',
      passwordWo: password.stringValue,
      // Bump to rotate: write-only values are not compared, only this version is.
      passwordWoVersion: 1,
    }),
    'pilot',
    'database.username',
  );

  if (needsVpcConnector(model)) {
    const connector = addresses.pin(
      new VpcAccessConnector(stack, 'gcp_vpc_connector', {
        name: vpcConnectorName(model),
        project,
        region,
        network: network.name,
        ipCidrRange: VPC_CONNECTOR_CIDR,
        minInstances: 2,
        maxInstances: 3,
        dependsOn: ctx.api('vpcaccess.googleapis.com'),
      }),
      'pilot',
      'database',
    );
    addOutput(stack, SHARED.gcpVpcConnector.name, connector.id, SHARED.gcpVpcConnector.description);
  }

  addOutput(stack, 'database_private_address', instance.privateIpAddress, 'Private IP of the Cloud SQL instance');
  addOutput(stack, 'database_user', escapeTemplate(db.username), 'Cloud SQL admin user (password: the gcp_db_password you supplied)');
  addOutput(stack, 'database_name', escapeTemplate(db.name), 'Database created in the instance');
  addOutput(stack, SHARED.gcpSqlConnectionName.name, instance.connectionName, SHARED.gcpSqlConnectionName.description);
}
