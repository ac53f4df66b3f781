// After `up` of a Lambda app: the `lambda:InvokeFunction` statement a public function URL now needs.
// AWS, "Control access to Lambda function URLs" (docs.aws.amazon.com/lambda/latest/dg/urls-auth.html):
// "Starting in October 2025, new function URLs will require both lambda:InvokeFunctionUrl and
// lambda:InvokeFunction permissions"; the InvokeFunction grant for a URL carries the
// `lambda:InvokedViaFunctionUrl` condition (AddPermission's InvokedViaFunctionUrl=true), so it does not
// open plain `Invoke` calls to everyone. Waypoint v0.11.4's releaser adds only InvokeFunctionUrl
// (builtin/aws/lambda/function_url/releaser.go, AddPermission on dep.FuncArn, the unqualified
// function), so pilot adds the other half on the same function (W-4, T-12).
import { createRequire } from 'node:module';
import type { AddPermissionCommandInput } from '@aws-sdk/client-lambda';
import { CODES, error, PilotError } from '../compiler/diagnostics.ts';

/** The one call pilot needs, so tests can pass a fake. */
export type LambdaPermissionClient = { addPermission(input: AddPermissionCommandInput): Promise<void> };

export const FUNCTION_URL_INVOKE_SID = 'pilot-function-url-invoke';

/** The AddPermission input for a public function URL of `functionName` (Waypoint names the function after the app). */
export function functionUrlInvokePermission(functionName: string): AddPermissionCommandInput {
  return {
    FunctionName: functionName,
    StatementId: FUNCTION_URL_INVOKE_SID,
    Action: 'lambda:InvokeFunction',
    Principal: '*',
    InvokedViaFunctionUrl: true,
  };
}

/** Adds the statement; one that already exists (ResourceConflictException) is the converged state. */
export async function ensureFunctionUrlInvoke(client: LambdaPermissionClient, functionName: string): Promise<'added' | 'present'> {
  try {
    await client.addPermission(functionUrlInvokePermission(functionName));
    return 'added';
  } catch (e) {
    if (e instanceof Error && e.name === 'ResourceConflictException') return 'present';
    throw e;
  }
}

/** The real client, loaded only when a Lambda app is deployed. */
export async function awsLambdaPermissionClient(region: string): Promise<LambdaPermissionClient> {
  // require: the shipped CLI runs as a script compiled from V8's code cache, which cannot import() (scripts/build.mjs).
  const { LambdaClient, AddPermissionCommand } = createRequire(import.meta.url)('@aws-sdk/client-lambda') as typeof import('@aws-sdk/client-lambda');
  const client = new LambdaClient({ region });
  return {
    async addPermission(input) {
      await client.send(new AddPermissionCommand(input));
    },
  };
}

/** A Lambda app of the config: the function Waypoint names after the app, in the deploy's region. */
export type LambdaApp = { label: string; functionName: string; region: string };

/**
 * At `pilot apply`: the permission for every Lambda app whose function exists. Deploys that git
 * polling triggers never run `pilot up`, so without this their function URL answers 403. A function
 * not deployed yet (ResourceNotFoundException) is skipped: `pilot up`, or the next apply, adds it.
 * Any other failure (typically AccessDenied: the operator may not call lambda:AddPermission) stops
 * with a coded error.
 */
export async function ensureLambdaUrlPermissions(apps: LambdaApp[], client: (region: string) => Promise<LambdaPermissionClient>, write: (line: string) => void): Promise<void> {
  const clients = new Map<string, LambdaPermissionClient>();
  for (const a of apps) {
    let c = clients.get(a.region);
    if (!c) clients.set(a.region, (c = await client(a.region)));
    try {
      const how = await ensureFunctionUrlInvoke(c, a.functionName);
      write(`${a.label}: function URL invoke permission ${how}`);
    } catch (e) {
      if (e instanceof Error && e.name === 'ResourceNotFoundException') {
        write(`${a.label}: no function yet (not deployed); pilot up adds the permission`);
        continue;
      }
      throw new PilotError([error(CODES.LAMBDA_URL_PERMISSION, `cannot add the lambda:InvokeFunction permission to ${a.functionName} (${a.label}) in ${a.region}: ${e instanceof Error ? e.message : String(e)}`, {
        hint: 'The AWS credentials pilot apply runs with need lambda:AddPermission on the app\'s function; without this statement its function URL answers 403',
      })]);
    }
  }
}
