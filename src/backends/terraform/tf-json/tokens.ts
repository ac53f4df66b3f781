// References between Terraform elements, as cdktf writes them. A getter such as `vpc.id` returns a
// marker string; resolving replaces each marker by its expression once every logical ID is final
// (IDs are pinned after construction). Inside an expression the user already opened with `${`, a
// reference is written bare, as cdktf does (`${element(split(":", aws_iam_role.x.arn), 4)}`).
// One linear pass per string: cdktf's resolver is quadratic in the references of one string.

type Expression = () => string;

const expressions: { expression: Expression; raw: boolean }[] = [];
const MARKER = /\$\{Pilot(?:Ref|List)\[(\d+)\]\}/g;
const LIST_MARKER = /^\$\{PilotList\[(\d+)\]\}$/;

/** A string standing for `expression`, written as `${expression}` (or bare inside an expression). */
export function refToken(expression: Expression, raw = false): string {
  expressions.push({ expression, raw });
  return `\${PilotRef[${expressions.length - 1}]}`;
}

/** A list attribute: a one-element array whose element stands for the whole list, as in cdktf. */
export function listToken(expression: Expression): string[] {
  expressions.push({ expression, raw: false });
  return [`\${PilotList[${expressions.length - 1}]}`];
}

/** A token that resolves to the bare expression: `depends_on` entries and provider references. */
export const rawToken = (expression: Expression): string => refToken(expression, true);

function resolveString(s: string): string {
  if (!s.includes('${Pilot')) return s;
  let out = '';
  let depth = 0;
  let last = 0;
  const scan = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '$' && text[i + 1] === '$') i++;
      else if (text[i] === '$' && text[i + 1] === '{') {
        depth++;
        i++;
      } else if (text[i] === '}' && depth > 0) depth--;
    }
  };
  for (const m of s.matchAll(MARKER)) {
    const literal = s.slice(last, m.index);
    scan(literal);
    out += literal;
    const { expression, raw } = expressions[Number(m[1])];
    out += raw || depth > 0 ? expression() : `\${${expression()}}`;
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

/** A nested reference object (cdktf's ComplexList/ComplexObject) written as a whole value. */
export const RESOLVE = Symbol('resolve');
type Resolvable = { [RESOLVE]: () => string };
const isResolvable = (v: object): v is Resolvable => RESOLVE in v;

/** Replaces every marker in a JSON-like value. */
export function resolveTokens(value: unknown): unknown {
  if (typeof value === 'string') return resolveString(value);
  if (Array.isArray(value)) {
    if (value.length === 1 && typeof value[0] === 'string') {
      const list = LIST_MARKER.exec(value[0]);
      if (list) return `\${${expressions[Number(list[1])].expression()}}`;
    }
    return value.map(resolveTokens);
  }
  if (value !== null && typeof value === 'object') {
    if (isResolvable(value)) return `\${${value[RESOLVE]()}}`;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = resolveTokens(v);
    return out;
  }
  return value;
}
