// A generated pilot.config.ts of `apps` apps for the benchmark: every deploy kind in turn, ten apps a
// project, a database, plain and secret env vars, both clouds.
const KINDS = [
  (app) => ['docker()', `ecs({ port: 3000, memory: 1024, domain: '${app}.bench.example' })`],
  () => ['docker()', 'cloudRun({ port: 8080 })'],
  () => ['yarn()', 'cloudfront()'],
  () => ['docker()', 'lambda()'],
  (app) => ['yarn()', `cloudCdn({ domain: '${app}.bench.example' })`],
];

export function mixedConfig(apps) {
  const projects = [];
  for (let p = 0; p * 10 < apps; p++) {
    const lines = [];
    for (let i = p * 10; i < Math.min(apps, p * 10 + 10); i++) {
      const [build, deploy] = KINDS[i % KINDS.length](`a${i}`);
      const env = build === 'yarn()' ? '' : `, env: { LOG_LEVEL: 'info', N: '${i}', TOKEN: secret('TOKEN_${i % 7}') }`;
      lines.push(`        a${i}: { path: 'apps/a${i}', build: ${build}, deploy: ${deploy}${env} },`);
    }
    projects.push(`    p${p}: {\n      repository: { url: 'https://github.com/bench/p${p}.git' },\n      apps: {\n${lines.join('\n')}\n      },\n    },`);
  }
  return `import { aws, cloudCdn, cloudfront, cloudRun, defineConfig, docker, ecs, lambda, postgres, secret, yarn } from '@pilot-framework/pilot';
export default defineConfig({
  name: 'bench',
  server: aws.server({ region: 'us-east-1', sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3hEpKQ7y0Y7bT1hS8D0dJmQ2e7vZp0m5nN0xJm3Yz b@b', allowFrom: ['203.0.113.0/24'] }),
  clouds: { aws: { region: 'us-east-1' }, gcp: { project: 'bench-proj', region: 'us-central1' } },
  database: postgres({ on: 'gcp', size: 'small' }),
  projects: {
${projects.join('\n')}
  },
});
`;
}
