// What every GCP resource group reads and writes: the stack context plus the pieces groups share
// (enabled APIs, the project number) and the diagnostics found on the way.
import type { TerraformResource } from 'cdktf';
import type { Diagnostic } from '../../../compiler/diagnostics.ts';
import type { StackContext } from '../emit.ts';

/** Google APIs pilot enables; each feature lists the ones it needs. */
export type GoogleApi =
  | 'artifactregistry.googleapis.com'
  | 'cloudresourcemanager.googleapis.com'
  | 'compute.googleapis.com'
  | 'iam.googleapis.com'
  | 'iamcredentials.googleapis.com'
  | 'run.googleapis.com'
  | 'servicenetworking.googleapis.com'
  | 'sqladmin.googleapis.com'
  | 'storage.googleapis.com'
  | 'sts.googleapis.com'
  | 'vpcaccess.googleapis.com';

export type GcpContext = StackContext & {
  /** From clouds.gcp (or the GCP server, which copies it). */
  project: string;
  region: string;
  /** The `google_project_service` resources of `apis`, to depend on. */
  api(...apis: GoogleApi[]): TerraformResource[];
  /** The project's number (from a data source created on first use). */
  projectNumber(): string;
  diagnostics: Diagnostic[];
};
