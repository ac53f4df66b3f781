import type { Plugin } from 'esbuild';
/** esbuild plugin mapping cdktf and the provider bindings to pilot's Terraform JSON writer. */
export declare const terraformWriterPlugin: Plugin;
