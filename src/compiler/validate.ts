// unknown -> Config, or diagnostics. zod issues become coded Diagnostics with the config path and,
// where it can be found, the line in pilot.config.ts. Never throws zod errors outward.
import type { z } from 'zod/mini';
import { locOf } from '../dsl/loc.ts';
import { type Config, configSchema } from '../dsl/schema/config.ts';
import { CODES, type Diagnostic, type DiagnosticCode, error } from './diagnostics.ts';
import { findPathLine, lineText } from './source-lines.ts';
import { knownKeys, suggestKey } from './suggest.ts';

/** The config file as loaded: its path and text, for locating diagnostics. */
export type ConfigSource = { file: string; text: string };

type Issue = z.core.$ZodIssue;
type Path = Array<string | number>;

const toDotPath = (path: Path) => path.map(String).join('.');

/** "an array", "a string". */
const article = (word: string) => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;

const valueAt = (raw: unknown, path: Path): unknown =>
  path.reduce<unknown>((cur, seg) => (cur !== null && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[seg as PropertyKey] : undefined), raw);

/** A private key pasted where a public one belongs; never echoed back. */
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----|PuTTY-User-Key-File/;

/**
 * What a wrong type should have been: a schema's own "Expected …" message (secret('NAME')), else
 * zod's type name; a record is a plain object to the user.
 */
function expectedType(issue: Extract<Issue, { code: 'invalid_type' }>): string {
  if (/^Expected /.test(issue.message)) return issue.message.slice('Expected '.length);
  return article(issue.expected === 'record' ? 'object' : issue.expected === 'tuple' ? 'array' : issue.expected);
}

/** What one branch of a failed plain union wanted, e.g. "1", "false", "a string". */
function expectedOf(branch: Issue[]): string | undefined {
  const first = branch[0];
  // A branch that failed inside the value says nothing about what the value itself should be.
  if (!first || first.path.length) return undefined;
  if (first.code === 'invalid_value') return first.values.map((v) => JSON.stringify(v)).join(' or ');
  if (first.code === 'invalid_type') return expectedType(first);
  if (first.code === 'invalid_format') return first.message;
  return undefined;
}

/**
 * A union whose value is right at the top for exactly one branch (an object with that branch's keys)
 * and wrong only inside it: that branch's own problems, with full paths, say what to fix
 * (credentials.password must be secret('NAME')) better than "Expected …" about the whole value.
 * zod does this itself only for refinements, not for a wrong type or missing key inside.
 */
function closestBranch(issue: Issue): Issue[] | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const inside = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
  if (inside.length !== 1) return undefined;
  return inside[0].map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue);
}

const expandUnions = (issues: readonly Issue[]): Issue[] => issues.flatMap((i) => {
  const branch = closestBranch(i);
  return branch ? expandUnions(branch) : [i];
});

/** "1 or 2", "false or a string": every branch's expectation, or undefined if one is unknown. */
function unionExpected(issue: Extract<Issue, { code: 'invalid_union' }>): string | undefined {
  const each = issue.errors.map(expectedOf);
  if (!each.length || each.some((e) => e === undefined)) return undefined;
  const unique = [...new Set(each as string[])];
  return unique.length > 1 ? `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}` : unique[0];
}

/** Each discriminated union's owner field: its builders, or (without builders) its discriminator values. */
const VARIANTS: Record<string, { builders?: string; values?: string }> = {
  build: { builders: 'docker(), yarn()' },
  deploy: { builders: 'ecs(), cloudRun(), lambda(), cloudfront(), cloudCdn()' },
  server: { builders: 'aws.server({...}), gcp.server({...})' },
  registry: { builders: 'ecr(), artifactRegistry()' },
  state: { values: '"local", "s3" or "gcs"' },
};

/** A failed union picked by a discriminator (kind, cloud, backend): a builder is the fix. */
const isVariantMiss = (issue: Issue) => issue.code === 'invalid_union' && (issue as { note?: string }).note === 'No matching discriminator';

/** zod does not report the input by default; a missing field is one whose key is absent. */
function isMissing(issue: Issue, raw: unknown): boolean {
  if (issue.code !== 'invalid_type') return false;
  let cur: unknown = raw;
  for (const seg of issue.path) {
    if (cur === null || typeof cur !== 'object') return true;
    cur = (cur as Record<PropertyKey, unknown>)[seg as PropertyKey];
  }
  return cur === undefined;
}


/** "1 item", "3 characters": a bound with its unit, singular when it is one. */
function countOf(bound: number | bigint, origin: string): string {
  const unit = origin === 'string' ? 'character' : origin === 'array' ? 'item' : '';
  return unit ? `${String(bound)} ${unit}${Number(bound) === 1 ? '' : 's'}` : String(bound);
}
function codeOf(issue: Issue, missing: boolean): DiagnosticCode {
  switch (issue.code) {
    case 'invalid_type':
      return missing ? CODES.MISSING_FIELD : CODES.INVALID_TYPE;
    case 'unrecognized_keys':
      return CODES.UNKNOWN_KEY;
    case 'invalid_value':
      return CODES.INVALID_VALUE;
    case 'too_big':
    case 'too_small':
      return CODES.OUT_OF_RANGE;
    case 'invalid_format':
    case 'invalid_key':
      return CODES.INVALID_FORMAT;
    case 'invalid_union':
      return CODES.INVALID_VARIANT;
    default:
      return CODES.INVALID_SCHEMA;
  }
}

function hintOf(issue: Issue, path: Path, missing: boolean, raw: unknown): string | undefined {
  const field = String(path[path.length - 1] ?? 'the field');
  switch (issue.code) {
    case 'invalid_type':
      if (/secret\(/.test(expectedType(issue))) return `${missing ? `Add ${field}: secret('NAME')` : `Change ${field} to secret('NAME')`}; pilot reads the value from the environment variable NAME when pilot apply runs, so it never goes in the config`;
      return missing ? `Add ${field} (${expectedType(issue)})` : `Change ${field} to ${expectedType(issue)}`;
    case 'unrecognized_keys': {
      const key = issue.keys[0];
      const parent = issue.path as Path;
      const close = issue.keys.length === 1 ? suggestKey(configSchema, raw, parent, key) : undefined;
      if (close) return `Did you mean "${close}"?`;
      const known = knownKeys(configSchema, raw, parent);
      return `Remove ${issue.keys.map((k) => `"${k}"`).join(', ')}${known.length ? `; allowed here: ${known.join(', ')}` : ''}`;
    }
    case 'invalid_value':
      return `Use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_big':
      return `Use at most ${countOf(issue.maximum, issue.origin)}`;
    case 'too_small':
      return `Use at least ${countOf(issue.minimum, issue.origin)}`;
    case 'invalid_format':
      return issue.message;
    case 'invalid_key':
      return `Rename "${field}": ${issue.issues[0]?.message ?? 'invalid name'}`;
    case 'custom':
      return (issue.params as { hint?: string } | undefined)?.hint;
    case 'invalid_union': {
      const custom = issue.message !== 'Invalid input' && /^Expected /.test(issue.message) ? issue.message.slice('Expected '.length) : undefined;
      const expected = isVariantMiss(issue) ? undefined : (custom ?? unionExpected(issue));
      if (expected) return `Change ${field} to ${expected}`;
      if (!isVariantMiss(issue)) return `Change ${field} to one of the documented values (see its doc comment in the editor)`;
      // zod reports a variant miss at the discriminator (deploy.kind); the builders are the owner's (deploy).
      const owner = String(path[path.length - 2] ?? field);
      const variants = VARIANTS[owner];
      if (!variants) return `Change ${field} to one of the documented values (see its doc comment in the editor)`;
      return variants.builders ? `Use one of the builders: ${variants.builders}` : `Set ${field} to ${variants.values}`;
    }
    default:
      return undefined;
  }
}

function messageOf(issue: Issue, missing: boolean, path: Path, raw: unknown): string {
  if (issue.code === 'invalid_union') {
    if (isVariantMiss(issue)) {
      const disc = String((issue as { discriminator?: string }).discriminator ?? path[path.length - 1]);
      const owner = path.length > 1 ? `${String(path[path.length - 2])} ` : '';
      const value = valueAt(raw, path);
      if (value === undefined) return `Missing ${owner}${disc}`;
      return `Unknown ${owner}${disc} ${typeof value === 'string' ? `"${value}"` : `(${typeof value})`}`;
    }
    if (issue.message !== 'Invalid input') return issue.message;
    const expected = unionExpected(issue);
    if (expected) return `Expected ${expected}`;
  }
  if (issue.code === 'invalid_key') return `Invalid name "${String(issue.path[issue.path.length - 1])}": ${issue.issues[0]?.message ?? 'not allowed'}`;
  if (issue.code === 'invalid_type' && missing) return `Missing required field (expected ${expectedType(issue)})`;
  if (issue.code === 'invalid_type' && issue.expected === 'record') return issue.message.replace('expected record', 'expected an object');
  return issue.message;
}

/** The most specific builder call site on `path` in `data`, if any. */
function builderLoc(data: unknown, path: Path) {
  let cur: unknown = data;
  let loc = locOf(cur);
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') break;
    cur = (cur as Record<string | number, unknown>)[seg];
    loc = locOf(cur) ?? loc;
  }
  return loc;
}

/** Attaches file/line/column and the source line to a diagnostic with a path. */
export function locate(d: Diagnostic, rawPath: Path, data: unknown, source: ConfigSource): Diagnostic {
  const byKey = findPathLine(source.text, rawPath);
  const byBuilder = builderLoc(data, rawPath);
  const pick = byKey?.complete ? byKey : byBuilder && byBuilder.file === source.file ? byBuilder : byKey;
  if (!pick) return { ...d, loc: { file: source.file } };
  return { ...d, loc: { file: source.file, line: pick.line, column: pick.column }, lineText: lineText(source.text, pick.line) };
}

/** Splits a dot path back into segments, for diagnostics made from a Model's configPath. */
export const splitPath = (path: string): Path => path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** Names the mistake without repeating the key: no message, hint or source line shows it. */
function privateKey(path: Path, raw: unknown, source: ConfigSource): Diagnostic {
  const d = error(CODES.PRIVATE_KEY, `${toDotPath(path)} is a private key; pilot needs the public key`, {
    path: toDotPath(path),
    hint: 'Use the one-line public key (the .pub file, e.g. "ssh-ed25519 AAAA... you@host"); if this private key was ever committed or shared, replace it',
  });
  const { lineText: _secret, ...located } = locate(d, path, raw, source);
  return located;
}

export type ValidateResult = { config?: Config; diagnostics: Diagnostic[] };

export function validateConfig(raw: unknown, source: ConfigSource): ValidateResult {
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return { config: parsed.data, diagnostics: [] };
  const diagnostics = expandUnions(parsed.error.issues).map((issue) => {
    // An unknown key is reported at the key itself, so its line can be found.
    const path: Path = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path.map((p) => p as string | number), issue.keys[0]] : (issue.path as Path);
    const missing = isMissing(issue, raw);
    const value = valueAt(raw, path);
    const secretField = path.includes('credentials');
    if (typeof value === 'string' && PRIVATE_KEY.test(value) && !secretField) return privateKey(path, raw, source);
    const d = error(codeOf(issue, missing), messageOf(issue, missing, path, raw), { path: toDotPath(path) || '(root)', hint: hintOf(issue, path, missing, raw) });
    const located = locate(d, path, raw, source);
    // A password or key written into the config in place of secret(): do not print it again.
    if (secretField && typeof value === 'string') {
      const { lineText: _secret, ...rest } = located;
      return rest;
    }
    return located;
  });
  return { diagnostics };
}
