/** Emits src/dsl's declaration files, with their doc comments, into outDir. */
export function emitTypes(outDir: string): Promise<void>;
