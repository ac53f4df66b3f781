// The request and response shapes pilot sends and reads, as proto field names (snake_case).
// They mirror proto/waypoint.proto; the proto test checks every field named here is declared there.

export type Empty = Record<string, never>;

export type Variable = { name: string; sensitive?: boolean; server: Empty } & ({ str: string } | { hcl: string });

export type GitAuth = { basic: { username: string; password: string } } | { ssh: { private_key_pem: Buffer; password?: string; user?: string } };
export type Git = { url: string; ref: string; path: string } & (GitAuth | Record<never, never>);

export type Project = {
  name: string;
  remote_enabled: boolean;
  data_source: { git: Git };
  data_source_poll: { enabled: boolean; interval: string };
  waypoint_hcl: Buffer;
  waypoint_hcl_format: 'HCL';
  variables: Variable[];
};

export type JobState = 'UNKNOWN' | 'QUEUED' | 'WAITING' | 'RUNNING' | 'ERROR' | 'SUCCESS';
export type Status = { code?: number; message?: string };
export type UpResult = { release_url?: string; app_url?: string; deploy_url?: string };

export type Job = {
  application: { project: string; application: string };
  workspace: { workspace: string };
  target_runner: { any: Empty };
} & ({ up: { release: { prune: boolean; prune_retain: number; prune_retain_override: boolean } } } | { destroy: { workspace: Empty } });

export type TerminalEvent =
  | { event: 'line'; line: { msg?: string; style?: string } }
  | { event: 'status'; status: { status?: string; msg?: string; step?: boolean } }
  | { event: 'raw'; raw: { data?: Buffer; stderr?: boolean } }
  | { event: 'step'; step: { id?: number; close?: boolean; msg?: string; status?: string; output?: Buffer } };

export type JobStreamEvent =
  | { event: 'open'; open: Empty }
  | { event: 'state'; state: { previous?: JobState; current?: JobState; canceling?: boolean } }
  | { event: 'terminal'; terminal: { events?: TerminalEvent[]; buffered?: boolean } }
  | { event: 'error'; error: { error?: Status } }
  | { event: 'complete'; complete: { error?: Status; result?: { up?: UpResult } } };
