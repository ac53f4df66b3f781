// IAM policy documents as typed values. Every action is named in full (no wildcards), and a
// statement on Resource "*" may hold only actions AWS cannot scope to a resource ARN.
export type Statement = {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
};

/**
 * Actions that AWS authorises only on Resource "*" (see the Service Authorization Reference):
 * read-only discovery calls, the ECR login token, and task-definition registration.
 */
export const UNSCOPED_ACTIONS: ReadonlySet<string> = new Set([
  'ecr:GetAuthorizationToken',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSubnets',
  'ec2:DescribeVpcs',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeRules',
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetHealth',
  'ecs:DeregisterTaskDefinition',
  'ecs:DescribeTaskDefinition',
  'ecs:ListTasks',
  'ecs:RegisterTaskDefinition',
]);

export function policyDocument(statements: Statement[]): string {
  for (const s of statements) {
    if (s.Action.some((a) => a.includes('*'))) throw new Error(`policy statement ${s.Sid} names a wildcard action`);
    if (s.Resource.includes('*') && s.Action.some((a) => !UNSCOPED_ACTIONS.has(a))) throw new Error(`policy statement ${s.Sid} puts a scopable action on "*"`);
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
