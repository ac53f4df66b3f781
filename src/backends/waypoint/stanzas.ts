// One app's build / registry / deploy / release stanzas, field names checked against Waypoint
// v0.11.4's plugin structs (see test/waypoint/plugin-fields.test.ts).
import { staticDeployArgv } from '../../../plugins/pilot-static/src/command.ts';
import { type Binding, appBinding, SHARED } from '../../compiler/bindings.ts';
import { usesGcpDatabase } from '../../compiler/database-access.ts';
import type { Model, ModelApp, ModelBuild, ModelRegistry } from '../../compiler/model.ts';
import { ecsCluster, ecsLogGroup, waypointAppName } from '../../compiler/names.ts';
import { environmentAttrs } from './app-env.ts';
import { type Attr, type Block, type Expr, expr, quote, type Value } from './hcl.ts';


const v = (b: Binding) => expr(`var.${b.name}`);
const use = (plugin: string, attrs: Attr[] = [], blocks: Block[] = []): Block => ({ type: 'use', labels: [plugin], attrs, blocks });
const present = (...attrs: Array<[string, Value | undefined]>): Attr[] => attrs.filter((a): a is Attr => a[1] !== undefined);

/** `"${path.app}/<rel>"`: Waypoint resolves docker's `context` against the runner's working directory. */
const appRelative = (rel: string) => expr(`"\${path.app}/${quote(rel).slice(1)}`);

function builder(build: ModelBuild): Block {
  switch (build.kind) {
    case 'docker':
      return use(
        'docker',
        present(
          ['dockerfile', build.dockerfile],
          // builtin/docker/builder.go:332-338 hands `context` to docker/cli's GetContextFromLocalDir,
          // which makes it absolute against the plugin's working directory, not the app (W-5).
          ['context', build.context === undefined ? undefined : appRelative(build.context)],
          ['build_args', build.buildArgs],
          ['target', build.target],
          // RUN --mount and heredocs need BuildKit; the legacy builder is the default (builder.go:453-455).
          ['buildkit', true],
          // Apps get their config from the platform, not from Waypoint's entrypoint (W-8, W-13).
          ['disable_entrypoint', true],
        ),
      );
    case 'pack':
      throw new Error('pack() builds are refused by the semantic check (PILOT3060)');
    case 'yarn':
      throw new Error('yarn builds deploy through the static-site program, not a Waypoint builder');
  }
}

/**
 * The image tag. `gitrefpretty()` is the commit (or its git tag), so with immutable tags ECR would
 * reject a rebuild of the same commit (W-18): then each build gets its own tag, the commit hash plus
 * the build's UTC time (`gitrefhash`, `formatdate` and `timestamp` are in Waypoint v0.11.4's HCL
 * functions, pkg/config/funcs/{vcs_git,stdlib,datetime}.go). 40 + 1 + 14 characters, within
 * Docker's 128 and its [A-Za-z0-9_.-] alphabet.
 */
export function imageTag(reg: ModelRegistry): Expr {
  return reg.kind === 'ecr' && reg.immutableTags ? expr('"${gitrefhash()}-${formatdate("YYYYMMDDhhmmss", timestamp())}"') : expr('gitrefpretty()');
}

function registry(reg: ModelRegistry): Block {
  const tag: Attr = ['tag', imageTag(reg)];
  if (reg.kind === 'ecr') return { type: 'registry', blocks: [use('aws-ecr', [['region', reg.region], ['repository', reg.repository], tag])] };
  return { type: 'registry', blocks: [use('docker', [['image', reg.image], tag])] };
}

/** The runtime image, pulled as the `exec` platform's required Docker image input. */
function runtimeImageBuild(model: Model): Block {
  const image = model.server.image;
  return use('docker-pull', [['image', image.repository], ['tag', image.tag], ['disable_entrypoint', true]]);
}

function deploy(model: Model, app: ModelApp): { deploy: Block; release?: Block } {
  const d = app.deploy;
  switch (d.kind) {
    case 'ecs':
      return {
        // aws-ecs has no standalone releaser; its default one runs when release is omitted.
        deploy: use(
          'aws-ecs',
          [
            ['region', d.region],
            ['cluster', ecsCluster(model.name, app.project)],
            ['log_group', ecsLogGroup(app)],
            ['execution_role_name', v(appBinding.executionRoleName(app))],
            ['subnets', v(SHARED.awsAppSubnetIds)],
            ['security_group_ids', [v(appBinding.securityGroupId(app))]],
            ['memory', d.memory],
            ['cpu', d.cpu],
            ['count', d.count],
            ['architecture', d.architecture],
            ['service_port', d.port],
            ['assign_public_ip', true],
            ...environmentAttrs(model, app),
          ],
          [
            // Without alb.subnets the plugin puts the load balancer in the default VPC, apart from the tasks.
            // With a certificate its listener and "<app>-inbound" group use 443 and HTTPS instead of 80
            // (ecs/platform.go:378, 1051, 2164). zone_id/domain_name are left out: DNS stays the user's.
            { type: 'alb', attrs: [['subnets', v(SHARED.awsAppSubnetIds)], ...(d.domain ? ([['certificate', v(appBinding.certificateArn(app))]] as Attr[]) : [])] },
            // Waypoint rejects a health_check block unless timeout < interval are both set.
            { type: 'health_check', attrs: [['protocol', 'HTTP'], ['path', d.healthCheckPath], ['timeout', 5], ['interval', 30]] },
          ],
        ),
      };
    case 'cloudRun': {
      const dbOnGcp = usesGcpDatabase(model, app);
      return {
        deploy: use(
          'google-cloud-run',
          [
            ['project', d.project],
            ['location', d.region],
            ['port', d.port],
            // The project's runtime account, not the Compute Engine default one (platform.go:366-367 sets it on the revision).
            ['service_account_name', v(appBinding.runServiceAccount(app))],
            ...environmentAttrs(model, app),
            ...(dbOnGcp ? ([['cloudsql_instances', [v(SHARED.gcpSqlConnectionName)]]] as Attr[]) : []),
          ],
          [
            // All four capacity fields are required once the block exists.
            { type: 'capacity', attrs: [['memory', d.memory], ['cpu_count', d.cpu], ['request_timeout', d.timeoutSeconds], ['max_requests_per_container', d.concurrency]] },
            { type: 'auto_scaling', attrs: [['max', d.maxInstances]] },
            ...(dbOnGcp ? [{ type: 'vpc_access', attrs: [['connector', v(SHARED.gcpVpcConnector)], ['egress', 'private-ranges-only']] as Attr[] }] : []),
          ],
        ),
        release: use('google-cloud-run'),
      };
    }
    case 'lambda':
      return {
        deploy: use('aws-lambda', [
          ['region', d.region],
          ['iam_role', v(appBinding.lambdaRoleArn(app))],
          ['memory', d.memory],
          ['timeout', d.timeoutSeconds],
          // No `architecture`: the plugin then takes the image's own (lambda/platform.go Deploy), and
          // arm64 is refused before emit (PILOT3061).
          ['storagemb', d.storageMb],
          ...environmentAttrs(model, app),
        ]),
        release: use('lambda-function-url', [['auth_type', 'NONE']]),
      };
    case 'cloudfront':
    case 'cloudCdn': {
      if (app.build.kind !== 'yarn') throw new Error(`${app.configPath}: static sites build with yarn`);
      const common = { bucket: v(appBinding.siteBucket(app)), script: app.build.script, outDir: app.build.outDir };
      const argv =
        d.kind === 'cloudfront'
          ? staticDeployArgv({ target: 'cloudfront', ...common, distributionId: v(appBinding.distributionId(app)), region: d.region })
          : staticDeployArgv({ target: 'cloud-cdn', ...common, urlMap: v(appBinding.urlMap(app)), project: d.project });
      return { deploy: use('exec', [['command', argv]]) };
    }
  }
}

/** The `app "NAME" { ... }` block. */
export function appBlock(model: Model, app: ModelApp): Block {
  const isStatic = app.build.kind === 'yarn';
  const build: Block = {
    type: 'build',
    blocks: isStatic ? [runtimeImageBuild(model)] : [builder(app.build), ...(app.registry ? [registry(app.registry)] : [])],
  };
  const { deploy: deployUse, release } = deploy(model, app);
  return {
    type: 'app',
    labels: [waypointAppName(model, app)],
    attrs: [['path', app.path], ...(Object.keys(app.labels).length ? ([['labels', app.labels]] as Attr[]) : [])],
    blocks: [build, { type: 'deploy', blocks: [deployUse] }, ...(release ? [{ type: 'release', blocks: [release] }] : [])],
  };
}
