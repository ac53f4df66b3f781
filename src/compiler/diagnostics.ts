// One error model for the whole tool: code + config path + location + hint. Rendered only by the CLI.

export type Severity = 'error' | 'warning';
export type Loc = { file: string; line?: number; column?: number };

export type Diagnostic = {
  severity: Severity;
  code: DiagnosticCode;
  /** One sentence: what is wrong. */
  message: string;
  /** Dot path into the config, e.g. "projects.acme.apps.web.deploy.port". */
  path?: string;
  loc?: Loc;
  /** The fix, imperative. */
  hint?: string;
  /** Source line shown under the message, when known. */
  lineText?: string;
};

/** Codes by range: 1xxx load/bundle, 2xxx schema, 3xxx semantic, 4xxx plan/apply. */
export const CODES = {
  CONFIG_NOT_FOUND: 'PILOT1001',
  BUNDLE_FAILED: 'PILOT1002',
  IMPORT_NOT_FOUND: 'PILOT1003',
  CONFIG_THREW: 'PILOT1004',
  NO_DEFAULT_EXPORT: 'PILOT1005',
  EXPORT_NOT_OBJECT: 'PILOT1006',
  CONFIG_TIMEOUT: 'PILOT1007',
  CONFIG_REJECTED: 'PILOT1008',
  CONFIG_RETURNED_NOTHING: 'PILOT1009',
  CONFIG_EXITED: 'PILOT1010',
  CONFIG_CIRCULAR: 'PILOT1011',
  CONFIG_NEVER_SETTLED: 'PILOT1012',
  INVALID_TIMEOUT: 'PILOT1013',

  INVALID_TYPE: 'PILOT2001',
  MISSING_FIELD: 'PILOT2002',
  UNKNOWN_KEY: 'PILOT2003',
  INVALID_VALUE: 'PILOT2004',
  OUT_OF_RANGE: 'PILOT2005',
  INVALID_FORMAT: 'PILOT2006',
  INVALID_VARIANT: 'PILOT2007',
  PRIVATE_KEY: 'PILOT2008',
  INVALID_SCHEMA: 'PILOT2099',

  DUPLICATE_NAME: 'PILOT3001',
  INVALID_NAME: 'PILOT3002',
  NAME_TOO_LONG: 'PILOT3003',
  APP_CLOUD_NOT_CONFIGURED: 'PILOT3004',
  DATABASE_CLOUD_NOT_CONFIGURED: 'PILOT3005',
  FARGATE_SIZE: 'PILOT3006',
  BUILD_DEPLOY_MISMATCH: 'PILOT3007',
  INVALID_CIDR: 'PILOT3008',
  OPEN_TO_WORLD: 'PILOT3009',
  REGISTRY_DEPLOY_MISMATCH: 'PILOT3010',
  REGION_MISMATCH: 'PILOT3011',
  SERVER_CLOUD_NOT_CONFIGURED: 'PILOT3012',
  INVALID_LABEL: 'PILOT3013',
  CERTIFICATE_WITHOUT_DOMAIN: 'PILOT3014',
  PLAIN_HTTP_SITE: 'PILOT3015',
  STATE_BACKEND_CLOUD: 'PILOT3016',
  SERVER_ARCHITECTURE: 'PILOT3017',
  NO_RUNNER_IDENTITY: 'PILOT3018',
  RUNNER_POLICY_TOO_LARGE: 'PILOT3020',
  AVAILABILITY_ZONE_INVALID: 'PILOT3021',
  CONNECTOR_REGION_MISMATCH: 'PILOT3040',

  // 3060-3079: what Waypoint v0.11.4's builders and the runner VM cannot do (src/compiler/build-limits.ts).
  PACK_UNSUPPORTED: 'PILOT3060',
  ARCHITECTURE_UNSUPPORTED: 'PILOT3061',
  RESERVED_NAME: 'PILOT3080',
  SSH_KEY_TYPE: 'PILOT3081',

  LAMBDA_DATABASE_NO_VPC: 'PILOT3100',
  DATABASE_UNREACHABLE: 'PILOT3101',
  SSH_URL_WITHOUT_KEY: 'PILOT3102',
  SSH_KEY_WITHOUT_SSH_URL: 'PILOT3103',
  LAMBDA_ENV_TOO_LARGE: 'PILOT3120',
  PLAIN_HTTP_APP: 'PILOT3130',

  STALE_OUTPUT: 'PILOT4002',

  // 4010-4049: the record store, plan and history (src/state, src/plan).
  RECORD_CORRUPT: 'PILOT4010',
  RECORD_FROM_NEWER_PILOT: 'PILOT4011',
  RECORD_CONFLICT: 'PILOT4012',
  LOCK_HELD: 'PILOT4013',
  LOCK_TAKEN_OVER: 'PILOT4014',
  STORE_UNREACHABLE: 'PILOT4015',
  HISTORY_NOT_FOUND: 'PILOT4016',
  SAVED_PLAN_INVALID: 'PILOT4017',
  SAVED_PLAN_STALE: 'PILOT4018',
  TERRAFORM_FAILED: 'PILOT4019',
  TERRAFORM_NOT_FOUND: 'PILOT4020',
  SECRET_VALUE_MISSING: 'PILOT4021',
  LOCK_LOST: 'PILOT4022',
  NO_LOCK: 'PILOT4023',

  // pilot apply / destroy / outputs / up / init / unlock (4050-4099)
  NOT_CONFIRMED: 'PILOT4051',
  OUTPUT_MISSING: 'PILOT4054',
  SERVER_NOT_READY: 'PILOT4055',
  SSH_FAILED: 'PILOT4056',
  HOST_KEY_CHANGED: 'PILOT4057',
  SERVER_INFO_INVALID: 'PILOT4058',
  WAYPOINT_FAILED: 'PILOT4059',
  VARIABLES_MISMATCH: 'PILOT4060',
  JOB_FAILED: 'PILOT4061',
  UNKNOWN_APP: 'PILOT4062',
  NO_RECORD: 'PILOT4063',
  DELETION_PROTECTED: 'PILOT4064',
  INIT_EXISTS: 'PILOT4065',
  SECRET_STORE_FAILED: 'PILOT4066',
  LAMBDA_URL_PERMISSION: 'PILOT4067',
  APPLY_FAILED: 'PILOT4068',
  DB_PASSWORD_LOST: 'PILOT4069',
  PROJECT_LEFT_WITH_APPS: 'PILOT4070',
} as const;

export type DiagnosticCode = (typeof CODES)[keyof typeof CODES];

/** Thrown at the edges only; the pipeline returns diagnostics instead. */
export class PilotError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
    this.name = 'PilotError';
    this.diagnostics = diagnostics;
  }
}

export const hasErrors = (ds: Diagnostic[]) => ds.some((d) => d.severity === 'error');

export const error = (code: DiagnosticCode, message: string, extra: Omit<Diagnostic, 'severity' | 'code' | 'message'> = {}): Diagnostic => ({ severity: 'error', code, message, ...extra });
export const warning = (code: DiagnosticCode, message: string, extra: Omit<Diagnostic, 'severity' | 'code' | 'message'> = {}): Diagnostic => ({ severity: 'warning', code, message, ...extra });
