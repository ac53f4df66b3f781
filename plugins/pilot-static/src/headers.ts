// HTTP headers each uploaded file gets: its content type, and a cache policy that lets browsers and
// the CDN keep fingerprinted assets forever while everything else is revalidated on every request.
import { contentType } from 'mime-types';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';

export type ObjectHeaders = { contentType: string; cacheControl: string };

const HEX_HASH = /^[0-9a-f]{8,64}$/;
const MIXED_HASH = /^[A-Za-z0-9_]{6,16}$/;

/**
 * A file is fingerprinted when its base name carries a content hash. The name is split on `.` and `-`;
 * the first token (the name) and the last one (the extension) are never the hash. Any other token is a
 * hash when it is either
 * - 8 to 64 lowercase hex characters with at least one digit and one letter (webpack, CRA, Parcel,
 *   Angular: `main.3f2a1b9c.js`, `2.a1b2c3d4.chunk.js`), or
 * - 6 to 16 characters of `[A-Za-z0-9_]` with an uppercase letter, a lowercase letter and a digit
 *   (Vite/Rollup base64 hashes: `index-BdX7k2.css`).
 * Dates (`report-20240101.pdf`), versions (`jquery-3.7.1.min.js`) and sizes (`logo-1024x768.png`) are
 * not hashes. A miss only costs a revalidation; a false hit would pin stale content, so the rule is strict.
 */
export function isFingerprinted(key: string): boolean {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const tokens = name.split(/[.-]/);
  return tokens.slice(1, -1).some(isHashToken);
}

function isHashToken(token: string): boolean {
  if (HEX_HASH.test(token)) return /[0-9]/.test(token) && /[a-f]/.test(token);
  return MIXED_HASH.test(token) && /[A-Z]/.test(token) && /[a-z]/.test(token) && /[0-9]/.test(token);
}

export function isHtml(key: string): boolean {
  return /\.html?$/i.test(key);
}

/** Headers for the object stored under `key` (a bucket key, `/`-separated). */
export function headersFor(key: string): ObjectHeaders {
  const name = key.slice(key.lastIndexOf('/') + 1);
  // mime-types treats a bare name as an extension ("html" -> text/html); a file without a dot has no type.
  const type = name.includes('.') ? contentType(name) : false;
  return {
    contentType: type === false ? 'application/octet-stream' : type,
    // HTML names the current assets, so it must always be revalidated even if it looks hashed.
    cacheControl: !isHtml(key) && isFingerprinted(key) ? IMMUTABLE : NO_CACHE,
  };
}
