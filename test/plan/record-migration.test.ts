// Record migrations: an older record is migrated on read, step by step, then validated; a version
// with no step is corrupt (never silently reset). Version 1 is the first, so a 0 -> 1 step is injected.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CODES, PilotError } from '../../src/compiler/diagnostics.ts';
import { type Migrations, parseRecord, serializeRecord } from '../../src/state/record.ts';
import { record } from './_store-contract.ts';

/** A "version 0" record: the same data with appliedBy spelled applied_by and no schema defaults. */
const v0 = () => {
  const { appliedBy, ...rest } = record(7);
  return JSON.stringify({ ...rest, schemaVersion: 0, applied_by: appliedBy });
};
const renameAppliedBy: Migrations = {
  0: ({ applied_by, ...old }) => ({ ...old, appliedBy: applied_by }),
};
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { code: (e as PilotError).diagnostics[0].code, message: (e as PilotError).diagnostics[0].message };
  }
  return undefined;
};

test('a v0 record is migrated to v1 on read by the injected step, then validated', () => {
  const r = parseRecord(v0(), 'record.json', renameAppliedBy);
  assert.is(r.schemaVersion, 1);
  assert.is(r.serial, 7);
  assert.equal(r.appliedBy, { name: 'Ada', email: 'ada@shop.example' });
  assert.is(serializeRecord(r), serializeRecord(record(7)), 'the same record as one written at v1');
});

test('a version with no migration step is corrupt, not reset', () => {
  assert.equal(codeOf(() => parseRecord(v0(), 'record.json')), { code: CODES.RECORD_CORRUPT, message: 'The record at record.json is corrupt: no migration from schema version 0' });
});

test('a step whose output is not a valid v1 record is corrupt', () => {
  const broken: Migrations = { 0: (old) => old }; // leaves applied_by: not in the v1 schema
  assert.is(codeOf(() => parseRecord(v0(), 'record.json', broken))?.code, CODES.RECORD_CORRUPT);
});

test.run();
