// Compiles a Handlebars template. The shipped CLI replaces this module with the templates
// precompiled at build time (scripts/precompile-templates-plugin.mjs) and Handlebars' small runtime.
import Handlebars from 'handlebars';

export type TemplateOptions = { noEscape?: boolean; strict?: boolean };
export type Template = (context: object) => string;

export const compileTemplate = (source: string, options: TemplateOptions): Template => Handlebars.create().compile(source, options);
