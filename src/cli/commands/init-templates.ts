// What `pilot init` writes. Kept in src so an installed pilot carries it (examples/ is not published).
export type InitAnswers = { name: string; cloud: 'aws' | 'gcp'; region: string; sshKey: string; app: string };

export const GITIGNORE_LINES = ['.pilot/'];

const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function renderInitConfig(a: InitAnswers): string {
  const server =
    a.cloud === 'aws'
      ? `  // The VM running the Waypoint server and runner. Only allowFrom may reach SSH (22) and Waypoint (9701/9702).
  server: aws.server({
    region: ${q(a.region)},
    instanceType: 't3.medium',
    sshKey: ${q(a.sshKey || 'ssh-ed25519 AAAA... you@example.com')},
    allowFrom: ['203.0.113.0/24'], // your office or VPN range: never 0.0.0.0/0
  }),
  clouds: { aws: { region: ${q(a.region)} } },`
      : `  // The VM running the Waypoint server and runner. Only allowFrom may reach SSH (22) and Waypoint (9701/9702).
  server: gcp.server({
    zone: ${q(`${a.region}-b`)},
    machineType: 'e2-standard-2',
    sshKey: ${q(a.sshKey || 'ssh-ed25519 AAAA... you@example.com')},
    allowFrom: ['203.0.113.0/24'], // your office or VPN range: never 0.0.0.0/0
  }),
  clouds: { gcp: { project: 'my-gcp-project', region: ${q(a.region)} } },`;
  const deploy = a.cloud === 'aws' ? 'ecs({ port: 3000, memory: 1024 })' : 'cloudRun({ port: 8080, memory: 512 })';
  return `// pilot.config.ts: your platform, compiled by \`pilot compile\` into Terraform, cloud-init and waypoint.hcl.
// \`pilot validate\` checks it, \`pilot plan\` shows what would change, \`pilot apply\` makes it so.
import { ${a.cloud}, defineConfig, docker, ${a.cloud === 'aws' ? 'ecs' : 'cloudRun'}, secret } from '@pilot-framework/pilot';

export default defineConfig({
  // Prefix of every cloud resource name.
  name: ${q(a.name)},
${server}
  // Where Terraform's state and pilot's record live. Local is fine for one person; use s3/gcs for a team:
  // state: { backend: ${a.cloud === 'aws' ? `'s3', bucket: 'my-terraform-state', region: ${q(a.region)}` : "'gcs', bucket: 'my-terraform-state'"} },
  projects: {
    ${a.name}: {
      // The repository the runner builds from. poll: '60s' deploys every app on each new commit.
      repository: { url: 'https://github.com/you/${a.name}.git', ref: 'main' },
      apps: {
        ${a.app}: {
          path: '.',
          build: docker(),
          deploy: ${deploy},
          // Plain values, or secret('NAME'): read from the environment at pilot apply, never written to a file.
          env: { NODE_ENV: 'production', API_KEY: secret('${a.app.toUpperCase().replace(/-/g, '_')}_API_KEY') },
        },
      },
    },
  },
});
`;
}

/** The GitHub Actions workflow: plan on pull requests, apply the reviewed saved plan on main. */
export const CI_WORKFLOW = `# pilot: plan on every pull request, apply on main.
name: pilot
on:
  pull_request:
  push:
    branches: [main]
concurrency:
  group: pilot
  cancel-in-progress: false
jobs:
  plan:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - uses: hashicorp/setup-terraform@v3
      - run: npm ci
      - run: npx pilot plan --out plan.json
  apply:
    if: github.event_name == 'push'
    runs-on: ubuntu-latest
    environment: production
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - uses: hashicorp/setup-terraform@v3
      - run: npm ci
      - run: npx pilot apply --yes --wait 10m
        env:
          PILOT_SSH_KEY: \${{ secrets.PILOT_SSH_KEY }}
`;
