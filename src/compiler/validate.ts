// unknown -> Config, or diagnostics. zod issues become coded Diagnostics with the config path and,
// where it can be found, the line in pilot.config.ts. Never throws zod errors outward.
import { z } from 'zod';
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

/** What one branch of a failed plain union wanted, e.g. "1", "false", "a string". */
function expectedOf(branch: Issue[]): string | undefined {
  const first = branch[0];
  if (!first) return undefined;
  if (first.code === 'invalid_value') return first.values.map((v) => JSON.stringify(v)).join(' or ');
  if (first.code === 'invalid_type') return article(first.expected);
  if (first.code === 'invalid_format') return first.message;
  return undefined;
}

/** "1 or 2", "false or a string": every branch's expectation, or undefined if one is unknown. */
function unionExpected(issue: Extract<Issue, { code: 'invalid_union' }>): string | undefined {
  const each = issue.errors.map(expectedOf);
  if (!each.length || each.some((e) => e === undefined)) return undefined;
  const unique = [...new Set(each as string[])];
  return unique.length > 1 ? `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}` : unique[0];
}

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
      return missing ? `Add ${field} (${article(issue.expected)})` : `Change ${field} to ${article(issue.expected)}`;
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
      return `Use one of the builders (e.g. ${field === 'build' ? 'docker(), yarn()' : field === 'deploy' ? 'ecs(), cloudRun(), lambda(), cloudfront(), cloudCdn()' : field === 'server' ? 'aws.server({...}), gcp.server({...})' : 'the documented variants'}) or set its kind`;
    }
    default:
      return undefined;
  }
}

function messageOf(issue: Issue, missing: boolean): string {
  if (issue.code === 'invalid_union') {
    const note = (issue as { note?: string }).note;
    if (note === 'No matching discriminator') {
      const disc = (issue as { discriminator?: string }).discriminator;
      return `Unknown variant${disc ? ` (checked "${disc}")` : ''}`;
    }
    if (issue.message !== 'Invalid input') return issue.message;
    const expected = unionExpected(issue);
    if (expected) return `Expected ${expected}`;
  }
  if (issue.code === 'invalid_key') return `Invalid name "${String(issue.path[issue.path.length - 1])}": ${issue.issues[0]?.message ?? 'not allowed'}`;
  if (issue.code === 'invalid_type' && missing) return `Missing required field (expected ${issue.expected})`;
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
  const diagnostics = parsed.error.issues.map((issue) => {
    // An unknown key is reported at the key itself, so its line can be found.
    const path: Path = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path.map((p) => p as string | number), issue.keys[0]] : (issue.path as Path);
    const missing = isMissing(issue, raw);
    const value = valueAt(raw, path);
    if (typeof value === 'string' && PRIVATE_KEY.test(value)) return privateKey(path, raw, source);
    const d = error(codeOf(issue, missing), messageOf(issue, missing), { path: toDotPath(path) || '(root)', hint: hintOf(issue, path, missing, raw) });
    return locate(d, path, raw, source);
  });
  return { diagnostics };
}
