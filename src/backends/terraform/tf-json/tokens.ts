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

/** A marker-free copy of `value`: each marker replaced by its expression. */
export function resolveTokens(value: unknown): unknown {
  const box = { value };
  resolveInPlace(box);
  return box.value;
}

/**
 * Replaces every marker inside the document `doc`, in place: copying a document of megabytes cost
 * more than resolving it. Resolving a string does not depend on where it sits, so a value the
 * emitters share between resources may be resolved where it is first met; a container is written to
 * only where something changes (a frozen constant holds no marker).
 */
export function resolveInPlace(doc: Record<string, unknown> | unknown[]): void {
  if (Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) {
      const v = resolvedOrSame(doc[i]);
      if (v !== doc[i]) doc[i] = v;
    }
    return;
  }
  for (const k in doc) {
    const v = resolvedOrSame(doc[k]);
    if (v !== doc[k]) doc[k] = v;
  }
}

/** What `v` resolves to where it is a marker or holds one; a container is resolved in place and returned. */
function resolvedOrSame(v: unknown): unknown {
  if (typeof v === 'string') return v.includes('${Pilot') ? resolveString(v) : v;
  if (v === null || typeof v !== 'object') return v;
  if (isResolvable(v)) return `\${${v[RESOLVE]()}}`;
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string') {
    const list = LIST_MARKER.exec(v[0]);
    if (list) return `\${${expressions[Number(list[1])].expression()}}`;
  }
  resolveInPlace(v as Record<string, unknown>);
  return v;
}
