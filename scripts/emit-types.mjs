// The SDK's declaration files (with their doc comments) for the editor and tsc of a project that
// uses pilot: written by build.mjs --types into dist/types, and by a test into a temporary directory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Emits src/dsl's declarations into outDir; throws the type errors if there are any. */
export async function emitTypes(outDir) {
  const { default: ts } = await import('typescript');
  const options = {
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: join(root, 'src/dsl'),
    outDir,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    types: ['node'],
  };
  const program = ts.createProgram([join(root, 'src/dsl/index.ts')], options);
  const errors = ts.getPreEmitDiagnostics(program);
  if (errors.length) throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
  // The sources import './x.ts'; a user's tsc without allowImportingTsExtensions wants './x.js'.
  program.emit(undefined, (file, text) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text.replace(/((?:from |import\()['"]\.{1,2}\/[^'"]*)\.ts(['"])/g, '$1.js$2'));
  });
}
