// Reads a rendered user-data.yaml back as data, for assertions on what the VM will get.
import { parse } from 'yaml';

export type ParsedFile = { path: string; owner?: string; permissions?: string; content: string };
export type ParsedDoc = Record<string, unknown> & { write_files: ParsedFile[]; runcmd: unknown[] };

export const parseDoc = (text: string): ParsedDoc => parse(text) as ParsedDoc;

export function fileAt(doc: ParsedDoc, path: string): ParsedFile {
  const found = doc.write_files.find((f) => f.path === path);
  if (!found) throw new Error(`write_files has no ${path}`);
  return found;
}
