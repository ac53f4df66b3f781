// Every artifact is serialised by stableStringify: its bytes must be those of the definition it
// replaced, JSON.stringify of a key-sorted copy, for every kind of value an emitter can hand it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stableStringify } from '../../src/compiler/canonical.ts';

const test = suite('canonical JSON');

/** The definition: copy with keys sorted (dropping undefined), then JSON.stringify with 2 spaces. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
const reference = (value: unknown) => `${JSON.stringify(sortKeys(value), null, 2)}\n`;

// A small deterministic generator of values, in order and out of order, with what JSON.stringify
// treats specially (toJSON, boxed strings, holes) (no Math.random: a failure must reproduce).
function* values(seed: number): Generator<unknown> {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const keys = ['b', 'a', 'Z', '10', '9', '0', '01', '-1', '1.5', '4294967294', '4294967295', '', '//', 'é', '😀', 'a b', '"q"', 'key\n'];
  const leaf = (): unknown => {
    const r = next();
    if (r < 0.15) return `s${Math.floor(next() * 100)}\u2028"\\\n${'${x}'}`;
    if (r < 0.3) return Math.floor(next() * 1e6) / 100 - 50;
    if (r < 0.4) return next() < 0.5;
    if (r < 0.5) return null;
    if (r < 0.6) return undefined;
    if (r < 0.65) return [NaN, Infinity, -0][Math.floor(next() * 3)];
    if (r < 0.7) return () => 1;
    if (r < 0.75) return Symbol('s');
    if (r < 0.8) return [new Date(0), Object.assign(Object.create(null), { z: 1, a: 2 }), { toJSON: () => 'x', b: 1 }, new String('ab'), [3, undefined, , 4]][Math.floor(next() * 5)];
    return `plain ${Math.floor(next() * 10)}`;
  };
  const gen = (depth: number): unknown => {
    const r = next();
    if (depth > 4 || r < 0.35) return leaf();
    if (r < 0.6) return Array.from({ length: Math.floor(next() * 4) }, () => gen(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 6); i > 0; i--) o[keys[Math.floor(next() * keys.length)]] = gen(depth + 1);
    return o;
  };
  for (;;) yield gen(0);
}

test('byte-equal to JSON.stringify of the key-sorted copy, for 2,000 generated values', () => {
  let n = 0;
  for (const value of values(42)) {
    assert.is(stableStringify(value), reference(value), `value #${n}`);
    if (++n === 2000) break;
  }
});

test('integer-like keys come first in numeric order, as in any JavaScript object', () => {
  assert.is(stableStringify({ b: 1, 10: 2, a: 3, 9: 4, '09': 5 }), '{\n  "9": 4,\n  "10": 2,\n  "09": 5,\n  "a": 3,\n  "b": 1\n}\n');
});

test('empty containers, undefined and top-level scalars', () => {
  assert.is(stableStringify({ a: {}, b: [], c: undefined, d: [undefined] }), '{\n  "a": {},\n  "b": [],\n  "d": [\n    null\n  ]\n}\n');
  assert.is(stableStringify('x'), '"x"\n');
  assert.is(stableStringify({ only: undefined }), '{}\n');
});

test.run();
