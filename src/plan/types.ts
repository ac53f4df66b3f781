// The Plan: what applying the compiled artifacts would change, compared with the record. Plain
// JSON-serialisable data; `pilot plan --json` prints exactly this (docs/plan-json.md, version 1).

export const PLAN_SCHEMA = 'pilot-plan';
export const PLAN_VERSION = 1;

export type ArtifactAction = 'add' | 'change' | 'remove';
export type ArtifactChange = { path: string; action: ArtifactAction; /** Unified diff (old -> new). */ diff: string; linesAdded: number; linesRemoved: number };

export type ResourceAction = 'create' | 'update' | 'replace' | 'delete';
export type ResourceChange = {
  address: string;
  type: string;
  action: ResourceAction;
  /** Arguments whose value changed (top level; "block.arg" inside a block). */
  attributes: string[];
  /** The attributes among those that force replacement (provider ForceNew). */
  forcedBy: string[];
  /** The config path that produced the resource, e.g. "projects.acme.apps.web"; '' when none is known. */
  configPath: string;
};

export type DangerKind = 'data-loss' | 'database-upgrade' | 'server-replaced' | 'server-restart' | 'server-bootstrap' | 'stored-data' | 'protection-off';
export type Danger = { kind: DangerKind; message: string; address?: string; configPath: string };

export type SecurityKind = 'network' | 'public' | 'iam';
/** address: the Terraform resource; absent for an app's public endpoint, which Waypoint creates. */
export type SecurityChange = { kind: SecurityKind; message: string; address?: string; configPath: string };

export type StanzaChange = {
  /** The app's name in the config (projects.<project>.apps.<app>). */
  app: string;
  /** Its name on the Waypoint server: the config name plus a hash tag (names.ts waypointAppName). */
  waypointName: string;
  action: ArtifactAction;
  /** Stanzas that changed: build, registry, deploy, release, url, config, path... */
  stanzas: string[];
  configPath: string;
};
export type WaypointProjectChange = {
  project: string;
  action: ArtifactAction | 'unchanged';
  apps: StanzaChange[];
  variablesAdded: string[];
  variablesRemoved: string[];
  /** Project-level blocks that changed (runner, data_source, poll). */
  projectStanzas: string[];
  configPath: string;
};

export type SecretAction = 'add' | 'change' | 'remove' | 'unchanged' | 'unknown';
/** A secret by name only: its value never appears, its fingerprint is an HMAC with the record's salt. */
export type SecretChange = { name: string; action: SecretAction; apps: string[]; fingerprint?: string; previousFingerprint?: string };

/** Plan warnings (a secret with no value here) and the compile's and Terraform's warnings; path: the config path they are about. */
export type PlanWarning = { code: string; message: string; path?: string; hint?: string };

/** One resource of Terraform's real plan (terraform show -json resource_changes[]). */
export type TerraformResourceChange = {
  address: string;
  type: string;
  actions: string[];
  /** Top-level arguments of change.replace_paths: what forces a replacement. */
  replacedBy?: string[];
  /** '' when no config block produced it. */
  configPath: string;
};

export type Plan = {
  schema: typeof PLAN_SCHEMA;
  version: typeof PLAN_VERSION;
  /** The record compared against (null serial: no record yet, everything is new). */
  against: { serial: number | null; hash: string | null; appliedAt: string | null; appliedBy: string | null; pilotVersion: string | null };
  changed: boolean;
  summary: {
    artifacts: Record<ArtifactAction, number>;
    resources: Record<ResourceAction, number>;
    apps: Record<ArtifactAction, number>;
    /** unknown: secrets with no value where the plan ran. */
    secrets: Record<'add' | 'change' | 'remove' | 'unknown', number>;
    dangers: number;
    security: number;
  };
  dangers: Danger[];
  security: SecurityChange[];
  resources: ResourceChange[];
  waypoint: WaypointProjectChange[];
  secrets: SecretChange[];
  artifacts: ArtifactChange[];
  /** Where the real `terraform plan` was folded in (--terraform), its resource actions by address. */
  terraform?: { resourceChanges: TerraformResourceChange[] };
  warnings: PlanWarning[];
};
