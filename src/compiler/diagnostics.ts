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

  INVALID_TYPE: 'PILOT2001',
  MISSING_FIELD: 'PILOT2002',
  UNKNOWN_KEY: 'PILOT2003',
  INVALID_VALUE: 'PILOT2004',
  OUT_OF_RANGE: 'PILOT2005',
  INVALID_FORMAT: 'PILOT2006',
  INVALID_VARIANT: 'PILOT2007',
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
  PLAIN_HTTP_APP: 'PILOT3130',

  STALE_OUTPUT: 'PILOT4002',
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
