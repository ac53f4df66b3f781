// Which argument changes make Terraform replace (destroy + create) a resource, for every resource
// type pilot emits. `terraform providers schema -json` does not carry ForceNew, so this table is
// kept by hand: AWS entries from hashicorp/terraform-provider-aws (internal/service/<svc>/<type>.go,
// `ForceNew: true` / `RequiresReplace()`), and checked by test/plan/force-new-aws.test.ts, which asks
// the pinned provider 5.100.0 itself, offline (plan -refresh=false against a state whose every
// argument differs, reading `replace_paths`; the entries for the ACM certificate, DB parameter group,
// default security group, DLM policy, flow log, managed IAM policy and network interface were read
// from it) — that check corrected identifier (RDS renames in place),
// the ECR lifecycle policy (updated in place), staging, security_groups, ipv6_native and instance_tenancy; Google entries from hashicorp/terraform-provider-google
// (google/services/<svc>/resource_<type>.go at e03b7622a2, `ForceNew: true`), restricted to the
// arguments pilot sets. A path "a.b" is argument `b` inside block `a`; "a" alone is the whole block.

export type ForceNewEntry = {
  /** Arguments whose change forces replacement. */
  forceNew: string[];
  /** Where it was read. */
  source: string;
};

const aws = (svc: string, file: string, forceNew: string[]): ForceNewEntry => ({ forceNew, source: `terraform-provider-aws internal/service/${svc}/${file}.go` });
const google = (svc: string, file: string, forceNew: string[]): ForceNewEntry => ({ forceNew, source: `terraform-provider-google google/services/${svc}/resource_${file}.go` });
/** The generic IAM member resources (tpgiamresource IamMemberBaseSchema): every argument is ForceNew. */
const iamMember = (parent: string[]): ForceNewEntry => ({ forceNew: ['condition', 'member', 'role', ...parent], source: 'terraform-provider-google google/tpgiamresource/resource_iam_member.go' });

export const FORCE_NEW: Record<string, ForceNewEntry> = {
  // Terraform's built-in resource: a change of triggers_replace replaces it; input updates in place
  // (Terraform docs, "The terraform_data Managed Resource Type").
  terraform_data: { forceNew: ['triggers_replace'], source: 'Terraform built-in terraform_data (developer.hashicorp.com/terraform/language/resources/terraform-data)' },
  aws_acm_certificate: aws('acm', 'certificate', ['domain_name', 'subject_alternative_names', 'validation_method']),
  aws_db_parameter_group: aws('rds', 'parameter_group', ['description', 'family', 'name']),
  aws_default_security_group: aws('ec2', 'vpc_default_security_group', ['vpc_id']),
  aws_dlm_lifecycle_policy: aws('dlm', 'lifecycle_policy', ['policy_details.schedule.copy_tags']),
  aws_flow_log: aws('ec2', 'vpc_flow_log', ['iam_role_arn', 'log_destination', 'log_destination_type', 'max_aggregation_interval', 'traffic_type', 'vpc_id']),
  aws_iam_policy: aws('iam', 'policy', ['description', 'name', 'path']),
  aws_network_interface: aws('ec2', 'vpc_network_interface', ['subnet_id']),
  aws_cloudfront_distribution: aws('cloudfront', 'distribution', ['staging']),
  aws_cloudfront_origin_access_control: aws('cloudfront', 'origin_access_control', []),
  aws_cloudwatch_log_group: aws('logs', 'group', ['log_group_class', 'name', 'name_prefix']),
  aws_db_instance: aws('rds', 'instance', ['availability_zone', 'character_set_name', 'custom_iam_instance_profile', 'db_name', 'engine', 'kms_key_id', 'nchar_character_set_name', 'replicate_source_db', 'restore_to_point_in_time', 's3_import', 'snapshot_identifier', 'storage_encrypted', 'timezone', 'username']),
  aws_db_subnet_group: aws('rds', 'subnet_group', ['name', 'name_prefix']),
  aws_ecr_lifecycle_policy: aws('ecr', 'lifecycle_policy', ['repository']),
  aws_ecr_repository: aws('ecr', 'repository', ['encryption_configuration', 'name']),
  aws_ecs_cluster: aws('ecs', 'cluster', ['name']),
  aws_eip: aws('ec2', 'vpc_eip', ['address', 'customer_owned_ipv4_pool', 'domain', 'ipam_pool_id', 'network_border_group', 'public_ipv4_pool']),
  aws_iam_instance_profile: aws('iam', 'instance_profile', ['name', 'name_prefix', 'path']),
  aws_iam_role: aws('iam', 'role', ['name', 'name_prefix', 'path']),
  aws_iam_role_policy: aws('iam', 'role_policy', ['name', 'name_prefix', 'role']),
  aws_iam_role_policy_attachment: aws('iam', 'role_policy_attachment', ['policy_arn', 'role']),
  // user_data is ForceNew only with user_data_replace_on_change = true: see userDataReplaces().
  aws_instance: aws('ec2', 'ec2_instance', ['ami', 'associate_public_ip_address', 'availability_zone', 'cpu_options', 'ebs_block_device', 'ephemeral_block_device', 'host_id', 'ipv6_address_count', 'ipv6_addresses', 'key_name', 'launch_template', 'network_interface', 'placement_group', 'private_ip', 'root_block_device.encrypted', 'root_block_device.kms_key_id', 'security_groups', 'subnet_id']),
  aws_internet_gateway: aws('ec2', 'vpc_internet_gateway', []),
  aws_key_pair: aws('ec2', 'ec2_key_pair', ['key_name', 'key_name_prefix', 'public_key']),
  aws_route: aws('ec2', 'vpc_route', ['destination_cidr_block', 'destination_ipv6_cidr_block', 'destination_prefix_list_id', 'route_table_id']),
  aws_route_table: aws('ec2', 'vpc_route_table', ['vpc_id']),
  aws_route_table_association: aws('ec2', 'vpc_route_table_association', ['gateway_id', 'subnet_id']),
  aws_s3_bucket: aws('s3', 'bucket', ['bucket', 'bucket_prefix', 'object_lock_enabled']),
  aws_s3_bucket_ownership_controls: aws('s3', 'bucket_ownership_controls', ['bucket']),
  aws_s3_bucket_policy: aws('s3', 'bucket_policy', ['bucket']),
  aws_s3_bucket_public_access_block: aws('s3', 'bucket_public_access_block', ['bucket']),
  aws_s3_bucket_server_side_encryption_configuration: aws('s3', 'bucket_server_side_encryption_configuration', ['bucket', 'expected_bucket_owner']),
  aws_secretsmanager_secret: aws('secretsmanager', 'secret', ['name', 'name_prefix']),
  aws_security_group: aws('ec2', 'vpc_security_group', ['description', 'name', 'name_prefix', 'vpc_id']),
  aws_subnet: aws('ec2', 'vpc_subnet', ['availability_zone', 'availability_zone_id', 'cidr_block', 'ipv6_native', 'outpost_arn', 'vpc_id']),
  aws_vpc: aws('ec2', 'vpc_', ['cidr_block', 'instance_tenancy', 'ipv4_ipam_pool_id', 'ipv4_netmask_length']),
  aws_vpc_security_group_egress_rule: aws('ec2', 'vpc_security_group_egress_rule', ['security_group_id']),
  aws_vpc_security_group_ingress_rule: aws('ec2', 'vpc_security_group_ingress_rule', ['security_group_id']),

  google_artifact_registry_repository: google('artifactregistry', 'artifact_registry_repository', ['format', 'kms_key_name', 'location', 'mode', 'project', 'repository_id']),
  google_artifact_registry_repository_iam_member: iamMember(['location', 'project', 'repository']),
  google_compute_address: google('compute', 'compute_address', ['address', 'address_type', 'description', 'ip_version', 'name', 'network', 'network_tier', 'prefix_length', 'project', 'purpose', 'region', 'subnetwork']),
  google_compute_backend_bucket: google('compute', 'compute_backend_bucket', ['name', 'project']),
  google_compute_backend_bucket_signed_url_key: google('compute', 'compute_backend_bucket_signed_url_key', ['backend_bucket', 'key_value', 'name', 'project']),
  google_compute_disk_resource_policy_attachment: google('compute', 'compute_disk_resource_policy_attachment', ['disk', 'name', 'project', 'zone']),
  google_compute_firewall: google('compute', 'compute_firewall', ['direction', 'name', 'project']),
  google_compute_global_address: google('compute', 'compute_global_address', ['address', 'address_type', 'description', 'ip_version', 'name', 'network', 'prefix_length', 'project', 'purpose']),
  google_compute_global_forwarding_rule: google('compute', 'compute_global_forwarding_rule', ['description', 'ip_address', 'ip_protocol', 'ip_version', 'name', 'network', 'network_tier', 'port_range', 'project', 'source_ip_ranges', 'subnetwork']),
  // machine_type and metadata update in place (machine_type needs allow_stopping_for_update);
  // metadata_startup_script would be ForceNew, which is why pilot uses metadata.startup-script.
  google_compute_instance: google('compute', 'compute_instance', ['boot_disk', 'hostname', 'metadata_startup_script', 'name', 'project', 'scratch_disk', 'zone']),
  google_compute_managed_ssl_certificate: google('compute', 'compute_managed_ssl_certificate', ['description', 'managed', 'name', 'project', 'type']),
  google_compute_network: google('compute', 'compute_network', ['auto_create_subnetworks', 'description', 'internal_ipv6_range', 'name', 'project']),
  google_compute_resource_policy: google('compute', 'compute_resource_policy', ['project', 'region']),
  google_compute_subnetwork: google('compute', 'compute_subnetwork', ['description', 'name', 'network', 'project', 'region']),
  google_compute_target_http_proxy: google('compute', 'compute_target_http_proxy', ['description', 'name', 'project', 'proxy_bind']),
  google_compute_target_https_proxy: google('compute', 'compute_target_https_proxy', ['description', 'name', 'project', 'proxy_bind']),
  google_compute_url_map: google('compute', 'compute_url_map', ['name', 'project']),
  google_iam_workload_identity_pool: google('iambeta', 'iam_workload_identity_pool', ['project', 'workload_identity_pool_id']),
  google_iam_workload_identity_pool_provider: google('iambeta', 'iam_workload_identity_pool_provider', ['project', 'workload_identity_pool_id', 'workload_identity_pool_provider_id']),
  google_project_iam_custom_role: google('resourcemanager', 'google_project_iam_custom_role', ['project', 'role_id']),
  google_project_iam_member: iamMember(['project']),
  google_project_service: google('resourcemanager', 'google_project_service', ['project', 'service']),
  google_service_account: google('resourcemanager', 'google_service_account', ['account_id', 'project']),
  google_service_account_iam_member: iamMember(['service_account_id']),
  google_service_networking_connection: google('servicenetworking', 'service_networking_connection', ['network', 'service']),
  google_sql_database: google('sql', 'sql_database', ['instance', 'name', 'project']),
  // database_version upgrades in place (a major version upgrade, not a new instance).
  google_sql_database_instance: google('sql', 'sql_database_instance', ['encryption_key_name', 'name', 'project', 'region']),
  google_sql_user: google('sql', 'sql_user', ['host', 'instance', 'name', 'project', 'type']),
  google_storage_bucket: google('storage', 'storage_bucket', ['enable_object_retention', 'location', 'name', 'project']),
  google_storage_bucket_iam_member: iamMember(['bucket']),
  google_vpc_access_connector: google('vpcaccess', 'vpc_access_connector', ['ip_cidr_range', 'max_throughput', 'min_throughput', 'name', 'network', 'project', 'region', 'subnet']),
};

/** aws_instance: a user_data change replaces the instance only with user_data_replace_on_change = true. */
export const userDataReplaces = (type: string, body: Record<string, unknown>): boolean => type === 'aws_instance' && body.user_data_replace_on_change === true;

/** The changed paths (of `changedPaths`) that force replacement of a `type`; undefined = type unknown. */
export function forcingPaths(type: string, changedPaths: string[], body: Record<string, unknown>): string[] | undefined {
  const entry = FORCE_NEW[type];
  if (!entry) return undefined;
  const forced = changedPaths.filter((p) => entry.forceNew.some((f) => p === f || p.startsWith(`${f}.`)));
  if (userDataReplaces(type, body) && changedPaths.some((p) => p === 'user_data' || p === 'user_data_base64')) forced.push('user_data');
  return [...new Set(forced)].sort();
}
