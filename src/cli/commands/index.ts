// Everything main.ts runs after parsing the command line, each part loaded on first use. The shipped
// CLI builds this module into its own script, dist/commands.cjs, which main's script loads through
// V8's code cache (scripts/build.mjs, src/compiler/code-cache.ts): `pilot --help` never reads it, and a
// command loads only its own modules and packages.
export const output = () => import('../output.ts');
export const apply = () => import('./apply.ts');
export const compile = () => import('./compile.ts');
export const destroy = () => import('./destroy.ts');
export const history = () => import('./history.ts');
export const init = () => import('./init.ts');
export const outputs = () => import('./outputs.ts');
export const plan = () => import('./plan.ts');
export const unlock = () => import('./unlock.ts');
export const up = () => import('./up.ts');
