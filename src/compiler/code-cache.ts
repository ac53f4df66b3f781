// Loads a CommonJS script through V8's code cache: dist/commands.cjs (everything the CLI runs after
// parsing the command line) and esbuild's JS API. Compiling them at every start, and the functions a
// command then compiles lazily, was a large part of a small compile's time; Node 20 caches no ES
// module and has no compile cache of its own (module.enableCompileCache is Node 22).
// The cache is the user's own (XDG_CACHE_HOME or ~/.cache, then pilot/), one file per script and
// command, named for the Node version and the script's content (`key`: V8 checks a cache against its
// own version and flags but, of the source, only its length, and runs a cache made for another script
// of that length: src/snapshot/code-serializer.cc, SerializedCodeData::SourceHash; pinned in
// test/cli.test.ts). Any failure to read or write it only costs the compile it saves.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import vm from 'node:vm';

/** The user's cache directory for pilot; undefined when there is no absolute one (never the project). */
function cacheDir(): string | undefined {
  // A relative XDG_CACHE_HOME is to be ignored (XDG Base Directory specification).
  const xdg = process.env.XDG_CACHE_HOME && isAbsolute(process.env.XDG_CACHE_HOME) ? process.env.XDG_CACHE_HOME : undefined;
  let home = '';
  try {
    home = homedir();
  } catch {
    home = '';
  }
  const base = xdg || (process.platform === 'win32' ? process.env.LOCALAPPDATA : undefined) || (home && join(home, '.cache'));
  return base && isAbsolute(base) ? join(base, 'pilot') : undefined;
}

/** Only a directory of this user's: another's could hand this process compiled code. */
function ownDir(dir: string): boolean {
  try {
    const st = statSync(dir);
    return st.isDirectory() && (typeof process.getuid !== 'function' || st.uid === process.getuid());
  } catch {
    return false;
  }
}

/**
 * Runs the CommonJS script `file` as Node would require it, compiled with the cache `name` keeps for
 * `command`; `key` names the script's content (a hash, or a version), so that a cache is never used
 * for another script. The cache is written at exit when there was none or V8 rejected it: made then,
 * it holds the functions the command compiled too.
 */
export function requireCached(file: string, name: string, key: string, command: string | undefined): unknown {
  const source = readFileSync(file, 'utf8');
  const stamp = `${name}-v8-${process.version}-${process.arch}-${key}-`;
  const dir = cacheDir();
  const cacheFile = dir && join(dir, `${stamp}${/^[a-z][a-z-]{0,19}$/.test(command ?? '') ? command : 'other'}.bin`);
  let cachedData: Buffer | undefined;
  if (dir && cacheFile && ownDir(dir)) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  // Node's own CommonJS wrapper, so line numbers in stacks are the file's.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  const saveCache = () => {
    if (!dir || !cacheFile || (cachedData && !script.cachedDataRejected)) return;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (!ownDir(dir)) return;
      // Caches of this script's other builds, or of other Node versions, are dead weight.
      for (const other of readdirSync(dir)) if (other.startsWith(`${name}-v8-`) && !other.startsWith(stamp)) rmSync(join(dir, other), { force: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
      renameSync(tmp, cacheFile);
    } catch {
      // A read-only home or a full disk: the next run compiles again.
    }
  };
  process.once('exit', saveCache);
  return module.exports;
}
