// AWS checks the schema cannot express: the availability-zone override, and whether the runner's
// permissions fit the managed policies IAM lets one role have. Pure.
import { MANAGED_POLICIES_PER_ROLE, MANAGED_POLICY_MAX_CHARS } from '../backends/terraform/aws/policy.ts';
import { runnerPolicies, worstCaseRefs } from '../backends/terraform/aws/runner-statements.ts';
import type { Config } from '../dsl/schema/config.ts';
import { CODES, error, type Diagnostic } from './diagnostics.ts';
import { allApps, type Model } from './model.ts';

/** clouds.aws.availabilityZones: two different zones of clouds.aws.region (zone names are the region plus a letter, or a Local Zone suffix). */
export function checkAwsZones(config: Config): Diagnostic[] {
  const aws = config.clouds.aws;
  if (!aws?.availabilityZones) return [];
  const out: Diagnostic[] = [];
  aws.availabilityZones.forEach((zone, i) => {
    if (!new RegExp(`^${aws.region.replace(/[-]/g, '\\-')}[a-z]$`).test(zone)) {
      out.push(error(CODES.AVAILABILITY_ZONE_INVALID, `"${zone}" is not an availability zone of ${aws.region}`, { path: `clouds.aws.availabilityZones.${i}`, hint: `Use zones such as ${aws.region}a and ${aws.region}b, or remove availabilityZones to use the first two available zones` }));
    }
  });
  if (aws.availabilityZones[0] === aws.availabilityZones[1]) {
    out.push(error(CODES.AVAILABILITY_ZONE_INVALID, 'The two availability zones are the same; RDS and load balancers need two different zones', { path: 'clouds.aws.availabilityZones.1', hint: 'Name two different zones of the region' }));
  }
  return out;
}

/** The runner's statements as IAM counts them, packed into managed policies: they must fit the role's quota. */
export function checkRunnerPolicySize(model: Model): Diagnostic[] {
  if (model.server.cloud !== 'aws') return [];
  const { measured } = runnerPolicies(model, worstCaseRefs(model));
  if (measured.length <= MANAGED_POLICIES_PER_ROLE) return [];
  const perApp = allApps(model).filter((a) => ['ecs', 'lambda', 'cloudfront'].includes(a.deploy.kind));
  return [
    error(
      CODES.RUNNER_POLICY_TOO_LARGE,
      `The runner's permissions for ${perApp.length} ECS, Lambda and CloudFront apps need ${measured.length} IAM managed policies of ${MANAGED_POLICY_MAX_CHARS} characters, but a role can have ${MANAGED_POLICIES_PER_ROLE}`,
      {
        // The last app listed is one that does not fit.
        path: `${perApp[perApp.length - 1].configPath}.deploy`,
        hint: "CloudFront gives each distribution a random ID, so each static site adds one ARN to the runner's policy: split the sites across two Pilots (two names)",
      },
    ),
  ];
}
