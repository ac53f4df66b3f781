// IAM policy documents as typed values. Every action is named in full (no wildcards), and a
// statement on Resource "*" may hold only actions AWS cannot scope to a resource ARN.
export type Statement = {
  Sid: string;
  Effect: 'Allow' | 'Deny';
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
  'elasticloadbalancing:DescribeTags',
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetHealth',
  'ecs:DeregisterTaskDefinition',
  'ecs:DescribeTaskDefinition',
  'ecs:ListTasks',
  'ecs:RegisterTaskDefinition',
]);

export function policyDocument(statements: Statement[]): string {
  for (const s of statements) {
    if (s.Effect === 'Deny') continue;
    if (s.Action.some((a) => a.includes('*'))) throw new Error(`policy statement ${s.Sid} names a wildcard action`);
    if (s.Resource.includes('*') && s.Action.some((a) => !UNSCOPED_ACTIONS.has(a))) throw new Error(`policy statement ${s.Sid} puts a scopable action on "*"`);
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * IAM quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): a
 * customer managed policy holds at most 6,144 characters, whitespace not counted, and a role has
 * at most 10 managed policies attached by default (20 after a quota increase).
 */
export const MANAGED_POLICY_MAX_CHARS = 6144;
export const MANAGED_POLICIES_PER_ROLE = 10;

const documentSize = (statements: Statement[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }).length;

/**
 * Packs statements, in order, into documents that fit MANAGED_POLICY_MAX_CHARS. Sizes come from
 * `measured` (the statements with every Terraform value replaced by its longest possible
 * resolved form); the same cuts are applied to `emitted` (the statements with Terraform
 * expressions), which must have the same shape. A statement too large on its own is split by
 * Resource into statements with numbered Sids.
 */
export function packStatements(measured: Statement[], emitted: Statement[]): { measured: Statement[][]; emitted: Statement[][] } {
  const pieces: { m: Statement; e: Statement }[] = [];
  measured.forEach((m, i) => {
    const e = emitted[i];
    if (documentSize([m]) <= MANAGED_POLICY_MAX_CHARS) return pieces.push({ m, e });
    let start = 0;
    let part = 1;
    while (start < m.Resource.length) {
      let end = start + 1;
      while (end < m.Resource.length && documentSize([{ ...m, Sid: `${m.Sid}${part}`, Resource: m.Resource.slice(start, end + 1) }]) <= MANAGED_POLICY_MAX_CHARS) end++;
      pieces.push({ m: { ...m, Sid: `${m.Sid}${part}`, Resource: m.Resource.slice(start, end) }, e: { ...e, Sid: `${e.Sid}${part}`, Resource: e.Resource.slice(start, end) } });
      start = end;
      part++;
    }
  });
  const out = { measured: [] as Statement[][], emitted: [] as Statement[][] };
  for (const { m, e } of pieces) {
    const last = out.measured.length - 1;
    if (last >= 0 && documentSize([...out.measured[last], m]) <= MANAGED_POLICY_MAX_CHARS) {
      out.measured[last].push(m);
      out.emitted[last].push(e);
    } else {
      out.measured.push([m]);
      out.emitted.push([e]);
    }
  }
  return out;
}

/** The size IAM counts for a document of these statements. */
export const policySize = documentSize;
