// secret('NAME') values, read from the environment at apply time, and where each one goes
// (src/compiler/secrets.ts decides; this module only fills in values). Every missing one is reported
// at once, before the lock is taken and before anything is pushed anywhere.
import { CODES, type Diagnostic, error } from '../compiler/diagnostics.ts';
import type { Model, ModelProject } from '../compiler/model.ts';
import { secretBindings, secretsUsed } from '../compiler/secrets.ts';
import type { GitAuth } from '../backends/waypoint/client/types.ts';
import type { SensitiveVariable } from './project-body.ts';

export type SecretValues = ReadonlyMap<string, string>;

export function resolveSecrets(model: Model, env: NodeJS.ProcessEnv): { values: SecretValues; diagnostics: Diagnostic[] } {
  const values = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const { name, usedBy } of secretsUsed(model)) {
    const v = env[name];
    if (v === undefined || v === '') {
      diagnostics.push(error(CODES.SECRET_VALUE_MISSING, `secret('${name}') has no value: the environment variable ${name} is not set`, {
        path: usedBy[0], hint: `Set ${name} in the environment of pilot apply (e.g. from your CI's secret store); nothing was changed`,
      }));
    } else values.set(name, v);
  }
  return { values, diagnostics };
}

/** data_source.git credentials for a private repository (W-7): basic {username, password} or ssh {private_key_pem}. */
export function gitAuthFor(project: ModelProject, values: SecretValues): GitAuth | undefined {
  const c = project.repository.credentials;
  if (!c) return undefined;
  if (c.kind === 'basic') return { basic: { username: c.username, password: values.get(c.passwordSecret) ?? '' } };
  return { ssh: { private_key_pem: Buffer.from(values.get(c.sshKeySecret) ?? ''), password: '', user: c.user } };
}

/** The sensitive project variables the project's waypoint.hcl declares, with their values. */
export function sensitiveVariables(model: Model, project: ModelProject, values: SecretValues, gcpDbPassword: string | undefined): SensitiveVariable[] {
  return secretBindings(model, project).map((b) => ({
    name: b.name,
    value: b.source.kind === 'env' ? (values.get(b.source.name) ?? '') : (gcpDbPassword ?? ''),
  }));
}
