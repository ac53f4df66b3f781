// `pilot apply`: the ordered steps that turn a plan into a running platform, with every external
// system injected (so tests drive it against a real sshd, an in-process Waypoint and a terraform
// stand-in). The record is written last, with a compare-and-swap on the hash read under the lock:
// a run killed at any step leaves the previous record as it was, and rerunning converges, because
// every step is idempotent (terraform apply, PutSecretValue of an unchanged value skipped,
// UpsertProject replaces, DestroyProject of a gone project is a no-op).
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { secretUsers } from '../plan/compute.ts';
import { GCP_CREDENTIALS_PATH, GRPC_PORT } from '../backends/cloud-init/paths.ts';
import type { TerraformOutputs, TerraformRunner } from '../backends/terraform/runner.ts';
import type { WaypointClient, WaypointEndpoint } from '../backends/waypoint/client/client.ts';
import type { Artifact } from '../compiler/artifact.ts';
import { sha256 } from '../compiler/compile.ts';
import { databaseName, waypointAppName } from '../compiler/names.ts';
import { CODES, error, hasErrors, PilotError, type Diagnostic } from '../compiler/diagnostics.ts';
import type { Model } from '../compiler/model.ts';
import { awsSecrets } from '../compiler/secrets.ts';
import { fingerprint, newSalt, type PilotRecord, type RecordStore, assertPlanFresh, type SavedPlan, type CurrentRecord } from '../state/index.ts';
import type { SshAuth, SshSession } from '../ssh/client.ts';
import { ConflictError } from '../state/blob.ts';
import { keepAlive, LOCK_KEY, readLock } from '../state/lock.ts';
import { LocalBlobStore } from '../state/local.ts';
import { appsOfArtifacts, destroyApps, leavingApps, projectsWithUnknownApps, recordedApps, removedProjectsRefusal, stillOnServer } from './apps.ts';
import { serverAddressOf } from './connect.ts';
import { asPilotError, withResume } from './failures.ts';
import { ensureLambdaUrlPermissions, type LambdaPermissionClient } from './lambda-url.ts';
import type { Progress } from './progress.ts';
import { projectBody } from './project-body.ts';
import { gcpCredentialFromOutputs, needsGcpCredentialFile } from './runner-files.ts';
import { gitAuthFor, resolveSecrets, sensitiveVariables, type SecretValues } from './secret-values.ts';
import { readServerInfo, type ServerInfo, waitForServer, writeServerFile } from './server.ts';
import { byCodePoint } from '../compiler/canonical.ts';

/** Root-only on the server (0600): the generated Cloud SQL password, when PILOT_GCP_DB_PASSWORD is not given. */
export const GCP_DB_PASSWORD_PATH = '/etc/pilot/gcp-db-password';

export type ApplyInput = {
  model: Model;
  artifacts: Artifact[];
  configHash: string;
  configPaths: Record<string, string>;
  /** A saved plan: apply exactly it, and refuse it when the record changed since. */
  saved?: { plan: SavedPlan; where: string };
};

export type ApplyDeps = {
  store: RecordStore;
  /** Where terraform runs: main.tf.json is written there, local state lives there (terraformWorkDir). */
  workDir: string;
  /** `omitEnv`: the secret names, which terraform must not inherit. */
  terraform: (cwd: string, env: Record<string, string>, omitEnv: string[]) => TerraformRunner;
  ssh: { auth: () => SshAuth; port: number; username?: string; remoteRoot?: string; readyTimeoutMs: number; intervalMs?: number };
  waypoint: { port?: number; connect: (ep: WaypointEndpoint) => WaypointClient };
  putSecretValue: (region: string, secretId: string, value: string) => Promise<void>;
  /** The Lambda client for the function URL permission; absent, apply leaves it to `pilot up`. */
  lambda?: (region: string) => Promise<LambdaPermissionClient>;
  env: NodeJS.ProcessEnv;
  progress: Progress;
  who: PilotRecord['appliedBy'];
  pilotVersion: string;
  lock: { holder: string; host: string; pid: number; waitMs: number; ttlMs?: number };
  prune: boolean;
  now?: () => Date;
};

export type ApplyResult = { record: PilotRecord; outputs: TerraformOutputs; pruned: string[] };

const outputString = (outputs: TerraformOutputs, name: string): string | undefined => {
  const v = outputs[name]?.value;
  return typeof v === 'string' && v ? v : undefined;
};

/** The outputs as the record keeps them: a sensitive output's value is dropped. */
const recordOutputs = (o: TerraformOutputs): PilotRecord['terraformOutputs'] =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => byCodePoint(a, b)).map(([k, v]) => [k, v.sensitive ? { sensitive: true, type: v.type } : { sensitive: false, type: v.type, value: v.value }]));

/** The Terraform artifact's files (terraform/…) into the work dir, each replaced atomically; state and .terraform stay. */
export function writeTerraformFiles(workDir: string, artifacts: { path: string; contents: string }[]): void {
  for (const a of artifacts) {
    if (!a.path.startsWith('terraform/')) continue;
    const file = join(workDir, a.path.slice('terraform/'.length));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, a.contents);
    renameSync(`${file}.tmp`, file);
  }
}

/** Whether the record's Terraform has the write-only Cloud SQL password variable: the database exists. */
export const recordHasGcpDbPassword = (record: PilotRecord) =>
  record.artifacts.some((a) => a.path === 'terraform/main.tf.json' && a.contents.includes('"gcp_db_password"')); // gcp/database.ts DB_PASSWORD_VARIABLE (not imported: it loads cdktf)

const lostDbPassword = (model: Model) => {
  const db = model.database;
  return new PilotError([error(CODES.DB_PASSWORD_LOST, `the Cloud SQL password is not on the server (${GCP_DB_PASSWORD_PATH} is missing) and PILOT_GCP_DB_PASSWORD is not set`, {
    path: 'database',
    hint: `Set PILOT_GCP_DB_PASSWORD to the password of the database user ${db?.username ?? ''}, or set a new one with gcloud sql users set-password ${db?.username ?? 'USER'} --instance=${model.database ? databaseName(model) : 'INSTANCE'} --prompt-for-password and pass that as PILOT_GCP_DB_PASSWORD; then rerun pilot apply`,
  })]);
};

/** "20 s" below a minute (a short --ready-timeout), else whole minutes. */
export const describeTimeout = (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

const pidAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * A lock in a local store left by a run on this host whose process no longer exists (killed,
 * crashed) is removed at once instead of blocking until it expires. Conditional on the lock's version, so a lock another run
 * took meanwhile is never removed. Locks of other hosts wait for expiry or `pilot unlock`.
 */
export async function releaseDeadLocalLock(store: RecordStore, me: { host: string; pid: number }, warn: (text: string) => void): Promise<void> {
  // Only for a store on this machine: a shared store's lock may come from another machine with the
  // same hostname (CI runners and containers often share one), where its pid means nothing here.
  if (!(store.blobs instanceof LocalBlobStore)) return;
  const held = await readLock(store.blobs).catch(() => null);
  if (!held || held.info.host !== me.host || held.info.pid === me.pid || pidAlive(held.info.pid)) return;
  try {
    await store.blobs.delete(LOCK_KEY, { ifVersion: held.version });
    warn(`removed the lock of ${held.info.holder} (pid ${held.info.pid} on this host, ${held.info.operation} since ${held.info.startedAt}): that process no longer runs; this run converges from where it stopped`);
  } catch (e) {
    if (!(e instanceof ConflictError)) throw e;
  }
}

/** SSH to the server at `host` until it answers and /etc/pilot/ready exists (the record's host key pinned, if any). */
const waitForPilotServer = (deps: ApplyDeps, host: string, pinnedHostKey: string | undefined, notReadyHint?: string): Promise<SshSession> =>
  waitForServer(
    { host, sshPort: deps.ssh.port, username: deps.ssh.username, auth: deps.ssh.auth(), pinnedHostKey, remoteRoot: deps.ssh.remoteRoot },
    { timeoutMs: deps.ssh.readyTimeoutMs, intervalMs: deps.ssh.intervalMs, onWait: (why) => deps.progress.line(`not yet: ${why}`), notReadyHint },
  );

/** The Waypoint client for the server at `host`, pinned to the certificate its server.json names. */
const connectPilotWaypoint = (deps: ApplyDeps, host: string, info: ServerInfo): WaypointClient =>
  deps.waypoint.connect({ address: `${host}:${deps.waypoint.port ?? GRPC_PORT}`, token: info.token, certificatePem: info.certificatePem, certificateSha256: info.certificateSha256 });

export async function applyPlan(input: ApplyInput, deps: ApplyDeps): Promise<ApplyResult> {
  const { model, artifacts } = input;
  const p = deps.progress;
  const now = deps.now ?? (() => new Date());

  // 0. Every secret value first: a missing one stops here, before the lock and before any push.
  const secrets = resolveSecrets(model, deps.env);
  if (hasErrors(secrets.diagnostics)) throw new PilotError(secrets.diagnostics);
  const values: SecretValues = secrets.values;

  p.step('lock', 'Take the apply lock');
  const ttlMs = deps.lock.ttlMs ?? 60 * 60_000;
  await releaseDeadLocalLock(deps.store, deps.lock, (t) => p.warn(t));
  const lock = await deps.store.lock({
    ...deps.lock, operation: 'apply', ttlMs, waitMs: deps.lock.waitMs,
    onWait: (h) => p.info(`waiting for the lock held by ${h.holder} on ${h.host} (pid ${h.pid}, since ${h.startedAt})`),
    onWarning: (d) => p.warn(d.message),
  });
  const alive = keepAlive(lock, ttlMs);
  let session: SshSession | undefined;
  let client: WaypointClient | undefined;
  let refusal: PilotError | undefined;
  const done: string[] = [];
  try {
    const current: CurrentRecord | null = await deps.store.read();
    if (input.saved) assertPlanFresh(input.saved.plan, current ? { hash: current.hash, serial: current.record.serial } : null, input.saved.where);
    p.done(current ? `record #${current.record.serial}` : 'no record yet');

    // Apps that leave the config. A project that left with apps still deployed is refused without
    // --prune (apps.ts removedProjectsRefusal), before anything is touched; runApply checks the same
    // before asking, this check under the lock covers a record that changed meanwhile.
    const leaving = leavingApps(current ? recordedApps(current.record) : [], appsOfArtifacts(artifacts), deps.prune);
    refusal = removedProjectsRefusal(leaving.retain);
    if (refusal) throw refusal;

    // 2. Terraform.
    p.step('terraform-init', 'terraform init');
    writeTerraformFiles(deps.workDir, artifacts);
    const gcpDb = model.database?.cloud === 'gcp';
    const dbPassword = gcpDb ? (deps.env.PILOT_GCP_DB_PASSWORD || undefined) : undefined;
    const generated = gcpDb && !dbPassword ? randomBytes(24).toString('base64url') : undefined;
    const tfEnv: Record<string, string> = gcpDb ? { TF_VAR_gcp_db_password: (dbPassword ?? generated) as string } : {};
    const tf = deps.terraform(deps.workDir, tfEnv, [...values.keys(), 'PILOT_GCP_DB_PASSWORD']);
    await tf.init();
    done.push('terraform init');

    // 2b. The apps leaving the config are destroyed through Waypoint BEFORE terraform apply, while the
    // server's project still has the waypoint.hcl that names them (apps.ts leavingApps). Terraform
    // deletes what they run on when they leave: an ECS app's task security group
    // (aws_security_group.<project>_<app>_tasks, which its service's ENIs use) and, with a project's
    // last ECS app, the project's cluster (aws_ecs_cluster.<project>, where its service runs). AWS
    // refuses both while the service runs, and the AWS provider retries until its delete timeout, then
    // fails (hashicorp/terraform-provider-aws, read on its main branch; the v5.100.0 tag itself was not
    // available to compare): internal/service/ec2/vpc_security_group.go
    // resourceSecurityGroupDelete retries DeleteSecurityGroup on DependencyViolation / InvalidGroup.InUse
    // for the delete timeout (default 15 min; deleteLingeringENIs removes only Lambda, Comprehend and
    // DMS ENIs, not ECS tasks'); internal/service/ecs/cluster.go resourceClusterDelete retries
    // DeleteCluster on ClusterContainsServicesException / ClusterContainsTasksException /
    // ClusterContainsContainerInstancesException for 10 min. So apply would fail after many minutes, and
    // a rerun would hit the same wall, never reaching a Waypoint step after Terraform.
    // The server is found from the existing Terraform state's outputs (terraform output reads the state
    // after init, whatever the new main.tf.json declares), else from the record. Idempotent: a rerun
    // after a failure before terraform apply queues the destroy again, and Waypoint then finds no
    // deployment left to destroy (v0.11.4 internal/core/app_destroy.go, destroyAllDeploys lists only
    // deployments in state CREATED); one after UpsertProject no longer finds the app (stillOnServer).
    if (current && leaving.destroy.length > 0) {
      const n = leaving.destroy.length;
      p.step('leaving-apps', `Destroy ${n} app${n === 1 ? '' : 's'} that left the config through Waypoint, before Terraform deletes what ${n === 1 ? 'it runs' : 'they run'} on`);
      const stateHost = outputString(await tf.output(), 'server_address') ?? serverAddressOf(current.record);
      if (!stateHost) throw new PilotError([error(CODES.OUTPUT_MISSING, 'neither the Terraform state nor the record has the server_address output, so the apps that left the config cannot be destroyed through Waypoint', { hint: 'Check .pilot/state/terraform holds the Terraform state of the last apply; rerun pilot apply' })]);
      const early = await waitForPilotServer(deps, stateHost, current.record.sshHostKey,
        'Check the server is running (its serial console, /var/log/cloud-init-output.log); Terraform has not run yet: the apps that left the config are destroyed through Waypoint first, so rerun pilot apply once the server answers');
      try {
        const earlyClient = connectPilotWaypoint(deps, stateHost, await readServerInfo(early, deps.ssh.remoteRoot));
        try {
          await earlyClient.versionInfo();
          const toDestroy = await stillOnServer(earlyClient, leaving.destroy);
          await destroyApps(earlyClient, toDestroy, { write: (line) => p.line(line), rerun: 'pilot apply; Terraform has not run yet', onDestroyed: (a) => done.push(`${a.project}/${a.app} destroyed`) });
          p.done(toDestroy.length ? `${toDestroy.length} destroyed` : 'none left on the server');
        } finally {
          earlyClient.close();
        }
      } finally {
        early.close();
      }
      await alive.refreshNow();
    }

    p.step('terraform-apply', 'terraform apply');
    await tf.apply();
    done.push('terraform apply');
    await alive.refreshNow();

    // 3. Outputs, then the server.
    p.step('outputs', 'Read Terraform outputs');
    const outputs = await tf.output();
    const host = outputString(outputs, 'server_address');
    if (!host) throw new PilotError([error(CODES.OUTPUT_MISSING, 'Terraform output server_address is missing', { hint: 'Rerun pilot apply' })]);
    p.done(`server at ${host}`);

    p.step('server', `Wait for the server (SSH and /etc/pilot/ready, up to ${describeTimeout(deps.ssh.readyTimeoutMs)})`);
    session = await waitForPilotServer(deps, host, current?.record.sshHostKey);
    p.done(current?.record.sshHostKey ? 'host key matches the record' : 'host key pinned');
    done.push('server ready');

    // 4. server.json and the runner's files.
    p.step('server-info', 'Read /etc/pilot/server.json and write the runner\'s files');
    const info = await readServerInfo(session, deps.ssh.remoteRoot);
    if (needsGcpCredentialFile(model)) {
      const cred = gcpCredentialFromOutputs(outputs);
      if (!cred.contents) throw new PilotError(cred.diagnostics);
      await writeServerFile(session, GCP_CREDENTIALS_PATH, cred.contents, deps.ssh.remoteRoot);
    }
    let gcpDbPassword = dbPassword;
    if (generated) {
      // Keep the generated password where only root on the server can read it; a later apply without
      // PILOT_GCP_DB_PASSWORD reads it back rather than generating another.
      const existing = await session.exec(`$([ "$(id -u)" = 0 ] || echo sudo -n) cat '${deps.ssh.remoteRoot ?? ''}${GCP_DB_PASSWORD_PATH}' 2>/dev/null`);
      const stored = existing.code === 0 && existing.stdout.trim() ? existing.stdout.trim() : undefined;
      // With the database already applied, a new password would reach the apps but not Cloud SQL
      // (password_wo_version is unchanged, so Terraform does not send it): the apps could not log in.
      if (!stored && current && recordHasGcpDbPassword(current.record)) throw lostDbPassword(model);
      gcpDbPassword = stored ?? generated;
      if (gcpDbPassword === generated) await writeServerFile(session, GCP_DB_PASSWORD_PATH, generated, deps.ssh.remoteRoot, '0600');
    }
    done.push('runner files');

    // 5. Secret values into Secrets Manager (ECS). Unchanged values are not written again.
    const salt = current?.record.secrets.salt ?? newSalt();
    const fingerprints: Record<string, string> = {};
    // Keyed as pilot plan compares them: the app env secrets (src/plan/compute.ts secretUsers).
    for (const name of secretUsers(model).keys()) fingerprints[name] = fingerprint(salt, values.get(name) as string);
    const aws = awsSecrets(model);
    if (aws.length > 0) {
      p.step('secrets', `Store ${aws.length} secret value${aws.length > 1 ? 's' : ''} in Secrets Manager`);
      for (const s of aws) {
        const arn = outputString(outputs, s.arnOutput.name);
        if (!arn) throw new PilotError([error(CODES.OUTPUT_MISSING, `Terraform output ${s.arnOutput.name} is missing`, { hint: 'Rerun pilot apply' })]);
        const unchanged = current?.record.secrets.fingerprints[s.secret] === fingerprints[s.secret] && current?.record.terraformOutputs[s.arnOutput.name]?.value === arn;
        if (unchanged) {
          p.line(`${s.secretsManagerName}: unchanged`);
          continue;
        }
        try {
          await deps.putSecretValue(s.region, arn, values.get(s.secret) as string);
        } catch (e) {
          throw new PilotError([error(CODES.SECRET_STORE_FAILED, `cannot store secret('${s.secret}') in Secrets Manager (${s.secretsManagerName}): ${e instanceof Error ? e.message : String(e)}`, { hint: 'Check this machine\'s AWS credentials allow secretsmanager:PutSecretValue; rerun pilot apply' })]);
        }
        p.line(`${s.secretsManagerName}: stored`);
      }
      done.push('secrets');
    }

    // 6. Projects on the Waypoint server.
    p.step('projects', `Register ${model.projects.length} project${model.projects.length > 1 ? 's' : ''} on the Waypoint server`);
    client = connectPilotWaypoint(deps, host, info);
    await client.versionInfo();
    const diagnostics: Diagnostic[] = [];
    const bodies = model.projects.map((project) => {
      const hcl = artifacts.find((a) => a.path === `waypoint/${project.name}.hcl`)?.contents;
      if (hcl === undefined) throw new Error(`no waypoint/${project.name}.hcl artifact`);
      const r = projectBody({ model, project, hcl, outputs, sensitive: sensitiveVariables(model, project, values, gcpDbPassword), gitAuth: gitAuthFor(project, values) });
      diagnostics.push(...r.diagnostics);
      return r.project;
    });
    if (hasErrors(diagnostics)) throw new PilotError(diagnostics);
    // The apps that left the config were destroyed before terraform apply (2b); UpsertProject now
    // replaces each project's waypoint.hcl, so the server no longer names them.
    const waypointVariables: Record<string, string[]> = {};
    for (const body of bodies) {
      if (!body) continue;
      await client.upsertProject(body);
      waypointVariables[body.name] = body.variables.map((v) => v.name);
      p.line(`${body.name}: ${body.variables.length} variable${body.variables.length === 1 ? '' : 's'}, poll ${body.data_source_poll.enabled ? body.data_source_poll.interval : 'off'}`);
    }
    const gone = Object.keys(current?.record.waypointVariables ?? {}).filter((name) => !model.projects.some((pr) => pr.name === name)).sort();
    const pruned: string[] = [];
    const unknownApps = current ? projectsWithUnknownApps(current.record) : [];
    for (const name of gone) {
      if (!deps.prune) {
        // Only a removed project whose apps the record does not name gets here without --prune (one
        // with named apps was refused above): nothing to destroy that pilot knows of, so the project
        // row stays on the server until --prune.
        p.warn(unknownApps.includes(name)
          ? `project ${name} is no longer in the config and Terraform has deleted its infrastructure, but it stays on the Waypoint server: the record does not name its apps (an older pilot kept the project without recording them); destroy them with waypoint destroy, then rerun with --prune to remove the project`
          : `project ${name} is no longer in the config and has no apps, but stays on the Waypoint server; rerun with --prune to remove it`);
        waypointVariables[name] = current?.record.waypointVariables[name] ?? [];
        continue;
      }
      if (unknownApps.includes(name))
        p.warn(`project ${name}: the record does not name its apps (an older pilot kept the project without recording them), so they were not destroyed; run waypoint destroy for them`);
      await client.destroyProject(name);
      pruned.push(name);
      p.line(`${name}: removed (--prune)`);
    }
    done.push('projects');

    // 6b. The function URL permission Waypoint does not add (lambda-url.ts), also here: deploys that
    // git polling starts never pass through `pilot up`.
    const lambdaApps = model.projects.flatMap((pr) => pr.apps.flatMap((a) => (a.deploy.kind === 'lambda' ? [{ label: `${pr.name}/${a.name}`, functionName: waypointAppName(model, a), region: a.deploy.region }] : [])));
    if (lambdaApps.length > 0 && deps.lambda) {
      p.step('lambda-url', `Ensure the function URL invoke permission of ${lambdaApps.length} Lambda app${lambdaApps.length === 1 ? '' : 's'}`);
      await ensureLambdaUrlPermissions(lambdaApps, deps.lambda, (line) => p.line(line));
      done.push('function URL permissions');
    }

    // 7. The record, atomically, compared against the one read under the lock.
    await alive.refreshNow(); // the record is written only while the lock is still ours
    p.step('record', 'Write the record');
    const record: PilotRecord = {
      schemaVersion: 1,
      serial: (current?.record.serial ?? 0) + 1,
      pilotVersion: deps.pilotVersion,
      appliedAt: now().toISOString(),
      appliedBy: deps.who,
      configHash: input.configHash,
      artifacts: artifacts.map((a) => ({ path: a.path, sha256: sha256(a.contents), contents: a.contents })),
      configPaths: input.configPaths,
      terraformOutputs: recordOutputs(outputs),
      waypointVariables,
      secrets: { salt, fingerprints },
      sshHostKey: session.hostKey,
    };
    await deps.store.write(record, current?.hash ?? null);
    p.done(`record #${record.serial}`);
    return { record, outputs, pruned };
  } catch (e) {
    // SSH and Waypoint failures are the user's to fix, not bugs: coded, with what was done and how to resume.
    const known = asPilotError(e);
    p.fail(known ? known.diagnostics[0].message : e instanceof Error ? e.message : String(e));
    if (e === refusal) throw e; // nothing was touched; its hint says how to go on
    if (known) throw withResume(known, done, 'The record was not changed; rerunning pilot apply resumes and converges');
    throw e;
  } finally {
    alive.stop();
    client?.close();
    session?.close();
    await lock.release().catch(() => undefined);
  }
}
