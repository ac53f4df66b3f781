// Model -> the text of cloud-init/user-data.yaml. Pure; the Terraform emitters embed the result as
// EC2 user_data and GCE `user-data` metadata (escaping `${`/`%{` themselves, as for any string).
import { stringify, type DocumentOptions, type SchemaOptions, type ToStringOptions } from 'yaml';
import type { Model } from '../../compiler/model.ts';
import { buildCloudConfig } from './document.ts';

/**
 * Every serialisation choice in one place, so a `yaml` upgrade shows up as one snapshot diff.
 * YAML 1.1 because cloud-init reads with PyYAML: strings such as "yes", "on" or "0644" get quoted.
 * lineWidth 0: long lines never fold. Multi-line strings (scripts, units) become literal blocks.
 */
export const YAML_OPTIONS: DocumentOptions & SchemaOptions & ToStringOptions = {
  version: '1.1',
  indent: 2,
  indentSeq: true,
  lineWidth: 0,
  minContentWidth: 0,
  blockQuote: 'literal',
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
  directives: false,
};

export const CLOUD_CONFIG_HEADER = '#cloud-config';

export function renderCloudInit(model: Model): string {
  return `${CLOUD_CONFIG_HEADER}\n${stringify(buildCloudConfig(model), YAML_OPTIONS)}`;
}
