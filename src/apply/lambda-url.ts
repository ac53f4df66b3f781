// After `up` of a Lambda app: the `lambda:InvokeFunction` statement a public function URL now needs.
// AWS, "Control access to Lambda function URLs" (docs.aws.amazon.com/lambda/latest/dg/urls-auth.html):
// "Starting in October 2025, new function URLs will require both lambda:InvokeFunctionUrl and
// lambda:InvokeFunction permissions"; the InvokeFunction grant for a URL carries the
// `lambda:InvokedViaFunctionUrl` condition (AddPermission's InvokedViaFunctionUrl=true), so it does not
// open plain `Invoke` calls to everyone. Waypoint v0.11.4's releaser adds only InvokeFunctionUrl
// (builtin/aws/lambda/function_url/releaser.go, AddPermission on dep.FuncArn, the unqualified
// function), so pilot adds the other half on the same function (W-4, T-12).
import type { AddPermissionCommandInput } from '@aws-sdk/client-lambda';

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
  const { LambdaClient, AddPermissionCommand } = await import('@aws-sdk/client-lambda');
  const client = new LambdaClient({ region });
  return {
    async addPermission(input) {
      await client.send(new AddPermissionCommand(input));
    },
  };
}
