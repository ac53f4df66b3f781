import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_INVALIDATION_PATHS, planSync, syncId, type LocalFile } from '../../plugins/pilot-static/src/sync-plan.ts';

const md5 = (char: string) => char.repeat(32);
const file = (key: string, hash = md5('a')): LocalFile => ({ key, md5: hash, size: 1 });

const plan = suite('planSync');

plan('uploads new and changed files, skips identical ones and deletes what the build no longer has', () => {
  const result = planSync(
    [file('index.html', md5('1')), file('robots.txt', md5('2')), file('assets/app.3f2a1b9c.js', md5('3'))],
    [{ key: 'robots.txt', md5: md5('2') }, { key: 'index.html', md5: md5('0') }, { key: 'assets/app.00aa11bb.js', md5: md5('4') }],
  );
  assert.equal(result.uploads.map((u) => u.key), ['assets/app.3f2a1b9c.js', 'index.html']);
  assert.equal(result.unchanged, ['robots.txt']);
  assert.equal(result.deletes, ['assets/app.00aa11bb.js']);
});

plan('re-uploads an object whose MD5 the store cannot report', () => {
  const result = planSync([file('big.bin', md5('1'))], [{ key: 'big.bin' }]);
  assert.equal(result.uploads.map((u) => ({ key: u.key, replaces: u.replaces })), [{ key: 'big.bin', replaces: 'unknown' }]);
});

plan('orders assets first, then pages, then nested index.html files, then the root index.html', () => {
  const result = planSync(
    ['index.html', 'b/index.html', 'about.html', 'z.css', 'a/index.html', 'a.js', 'a/page.htm'].map((key) => file(key)),
    [],
  );
  assert.equal(result.uploads.map((u) => u.key), ['a.js', 'z.css', 'a/page.htm', 'about.html', 'a/index.html', 'b/index.html', 'index.html']);
});

plan('attaches the header rules to every upload', () => {
  const [upload] = planSync([file('assets/index-BdX7k2.css')], []).uploads;
  assert.equal(upload.headers, { contentType: 'text/css; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' });
});

plan('invalidates replaced files and new pages but not new fingerprinted assets', () => {
  const result = planSync(
    [file('index.html', md5('1')), file('docs/index.html'), file('assets/new.3f2a1b9c.js'), file('logo.png', md5('2')), file('same.txt')],
    [{ key: 'index.html', md5: md5('0') }, { key: 'logo.png', md5: md5('9') }, { key: 'same.txt', md5: md5('a') }],
  );
  assert.equal(result.invalidationPaths, ['/', '/docs/', '/docs/index.html', '/index.html', '/logo.png']);
});

plan('collapses many invalidation paths into one wildcard', () => {
  const many = Array.from({ length: MAX_INVALIDATION_PATHS + 1 }, (_, i) => file(`page${i}.html`));
  assert.equal(planSync(many, []).invalidationPaths, ['/*']);
});

plan('needs no invalidation when nothing changed', () => {
  const result = planSync([file('index.html')], [{ key: 'index.html', md5: md5('a') }]);
  assert.equal(result, { uploads: [], unchanged: ['index.html'], deletes: [], invalidationPaths: [] });
});

plan.run();

const id = suite('syncId');

id('is the same for the same sync and differs when the replaced content differs', () => {
  const local = [file('index.html', md5('1'))];
  const first = syncId(planSync(local, [{ key: 'index.html', md5: md5('0') }]));
  assert.is(first, syncId(planSync(local, [{ key: 'index.html', md5: md5('0') }])));
  assert.is.not(first, syncId(planSync(local, [{ key: 'index.html', md5: md5('2') }])));
  assert.match(first, /^pilot-static-[0-9a-f]{32}$/);
});

id.run();
