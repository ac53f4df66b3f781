import type { Plugin } from 'esbuild';
/** esbuild plugin replacing src/backends/cloud-init/template.ts with precompiled templates. */
export declare const precompileTemplatesPlugin: Plugin;
export declare const TEMPLATE_MODULES: string[];
