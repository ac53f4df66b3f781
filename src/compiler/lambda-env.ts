// Lambda caps a function's environment variables at 4 KB in aggregate (AWS Lambda quotas, "Function
// configuration, deployment, and execution": "Environment variables: 4 KB, for all environment
// variables associated with the function, in aggregate"; docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
// The deploy fails only at apply time, so compile says so first. Pure.
import type { Config } from '../dsl/schema/config.ts';
import { CODES, type Diagnostic, error } from './diagnostics.ts';

export const LAMBDA_ENV_LIMIT_BYTES = 4096;

/** Bytes of names and plain values; a secret's value is unknown here, so only its name counts. */
export function lambdaEnvBytes(env: Config['projects'][string]['apps'][string]['env']): number {
  return Object.entries(env).reduce((n, [name, v]) => n + Buffer.byteLength(name) + (typeof v === 'string' ? Buffer.byteLength(v) : 0), 0);
}

export function checkLambdaEnv(config: Config): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [projectName, project] of Object.entries(config.projects)) {
    for (const [appName, app] of Object.entries(project.apps)) {
      if (app.deploy.kind !== 'lambda') continue;
      const bytes = lambdaEnvBytes(app.env);
      if (bytes <= LAMBDA_ENV_LIMIT_BYTES) continue;
      out.push(
        error(CODES.LAMBDA_ENV_TOO_LARGE, `The environment variables of this Lambda function take at least ${bytes} bytes; Lambda allows 4 KB (${LAMBDA_ENV_LIMIT_BYTES} bytes) in all`, {
          path: `projects.${projectName}.apps.${appName}.env`,
          hint: 'Move large values out of the environment (e.g. a file in the image, or a secret the code reads at start-up), or deploy with ecs()',
        }),
      );
    }
  }
  return out;
}
