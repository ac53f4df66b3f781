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

/** The size IAM counts for a document of these statements (the JSON has no whitespace to discount). */
export const policySize = (statements: Statement[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }).length;

/**
 * Packs statements, in order, into documents that fit MANAGED_POLICY_MAX_CHARS. Sizes come from
 * `measured` (the statements with every Terraform value replaced by its longest possible
 * resolved form); the same cuts are applied to `emitted` (the statements with Terraform
 * expressions), which must have the same shape. A statement that does not fit in what is left of
 * a document is split by Resource: the first part fills the document, the rest (numbered Sids)
 * start the next one.
 */
export function packStatements(measured: Statement[], emitted: Statement[]): { measured: Statement[][]; emitted: Statement[][] } {
  const out = { measured: [[]] as Statement[][], emitted: [[]] as Statement[][] };
  const fits = (doc: Statement[], s: Statement) => policySize([...doc, s]) <= MANAGED_POLICY_MAX_CHARS;
  measured.forEach((m, i) => {
    const e = emitted[i];
    let start = 0;
    let part = 0;
    while (start < m.Resource.length) {
      const doc = out.measured[out.measured.length - 1];
      // A statement kept whole keeps its Sid; the parts of a split one are numbered.
      const piece = (end: number, s: Statement) => ({ ...s, Sid: part === 0 && end === m.Resource.length ? s.Sid : `${s.Sid}${part + 1}`, Resource: s.Resource.slice(start, end) });
      let end = start;
      while (end < m.Resource.length && fits(doc, piece(end + 1, m))) end++;
      if (end === start) {
        if (doc.length === 0) throw new Error(`policy statement ${m.Sid} has a resource too long for any policy`);
        out.measured.push([]);
        out.emitted.push([]);
        continue;
      }
      doc.push(piece(end, m));
      out.emitted[out.emitted.length - 1].push(piece(end, e));
      start = end;
      part++;
    }
  });
  return out.measured[0].length === 0 ? { measured: [], emitted: [] } : out;
}
