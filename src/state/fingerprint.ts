// Secrets appear in records and plans only as fingerprints: HMAC-SHA256 keyed by a random salt kept
// in the record, so a fingerprint says "changed or not" without being a dictionary-attackable hash.
import { createHmac, randomBytes } from 'node:crypto';

export const newSalt = (): string => randomBytes(16).toString('hex');

/** `hmac-sha256:` + the first 16 hex digits: enough to compare, short enough to show. */
export const fingerprint = (salt: string, value: string): string => `hmac-sha256:${createHmac('sha256', salt).update(value).digest('hex').slice(0, 16)}`;
