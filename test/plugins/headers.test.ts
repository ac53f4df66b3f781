import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { headersFor, IMMUTABLE, isFingerprinted, NO_CACHE } from '../../plugins/pilot-static/src/headers.ts';

const fingerprint = suite('isFingerprinted');

fingerprint('recognises webpack, CRA, Parcel and Angular hex hashes', () => {
  for (const key of ['static/js/main.3f2a1b9c.js', '2.a1b2c3d4.chunk.js', 'main.1a2b3c4d5e6f7a8b.js', 'assets/app.3f2a1b9c.js.map', 'logo.5d5d9eef.svg']) {
    assert.ok(isFingerprinted(key), key);
  }
});

fingerprint('recognises Vite and Rollup base64 hashes', () => {
  for (const key of ['assets/index-BdX7k2.css', 'assets/index-D4kHJ2c_.js', 'assets/vendor-Cx9LmQ2a.js']) assert.ok(isFingerprinted(key), key);
});

fingerprint('does not mistake names, versions, dates and sizes for hashes', () => {
  for (const key of ['index.html', 'robots.txt', 'favicon.ico', 'jquery-3.7.1.min.js', 'report-20240101.pdf', 'logo-1024x768.png',
    'chunk-vendors.js', 'app-v2.js', 'deadbeef.js', 'assets/facade.decade.js', 'manifest.webmanifest', 'main.abcdefgh.js']) {
    assert.not.ok(isFingerprinted(key), key);
  }
});

fingerprint('looks only at the file name, not at directories', () => {
  assert.not.ok(isFingerprinted('3f2a1b9c/app.js'));
  assert.not.ok(isFingerprinted('build.3f2a1b9c/app.js'));
});

fingerprint.run();

const headers = suite('headersFor');

headers('caches fingerprinted assets for a year as immutable', () => {
  assert.equal(headersFor('assets/main.3f2a1b9c.js'), { contentType: 'text/javascript; charset=utf-8', cacheControl: IMMUTABLE });
  assert.equal(headersFor('assets/index-BdX7k2.css'), { contentType: 'text/css; charset=utf-8', cacheControl: IMMUTABLE });
  assert.is(IMMUTABLE, 'public, max-age=31536000, immutable');
});

headers('makes HTML revalidate even when its name looks hashed', () => {
  assert.equal(headersFor('index.html'), { contentType: 'text/html; charset=utf-8', cacheControl: NO_CACHE });
  assert.is(headersFor('offline.3f2a1b9c.html').cacheControl, 'no-cache');
});

headers('makes other unhashed files revalidate', () => {
  assert.equal(headersFor('robots.txt'), { contentType: 'text/plain; charset=utf-8', cacheControl: 'no-cache' });
  assert.equal(headersFor('favicon.ico'), { contentType: 'image/vnd.microsoft.icon', cacheControl: 'no-cache' });
});

headers('gives files without a known type application/octet-stream', () => {
  assert.is(headersFor('LICENSE').contentType, 'application/octet-stream');
  assert.is(headersFor('docs/html').contentType, 'application/octet-stream');
  assert.is(headersFor('data.unknownext').contentType, 'application/octet-stream');
});

headers.run();
