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

/** The GitHub Actions workflow: examples/ci/github-actions.yml, byte for byte (test/apply/init.test.ts checks it). */
export const CI_WORKFLOW = `# Pilot on GitHub Actions: a plan on every pull request (one comment, updated on each push), apply on
# merge. Copy to .github/workflows/pilot.yml. The record store must be remote (state: s3 or gcs in
# pilot.config.ts): a CI runner has no .pilot/ of its own, so a local record would make every plan
# say "everything is new".
name: pilot

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read
  pull-requests: write # the plan comment
  id-token: write # OIDC credentials for the cloud (configure-aws-credentials / google-github-actions/auth)

concurrency:
  group: pilot-\${{ github.ref }}
  cancel-in-progress: false

jobs:
  plan:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20, cache: npm }
      - run: npm ci
      # Credentials that may READ the state bucket (the plan reads the record next to the Terraform state).
      - uses: aws-actions/configure-aws-credentials@v4
        with: { role-to-assume: '\${{ vars.PILOT_PLAN_ROLE_ARN }}', aws-region: us-east-1 }
      # Only when the compiled output is committed (pilot compile writes .pilot/build/): fail on stale files.
      - name: compiled output is up to date
        if: hashFiles('.pilot/build/manifest.json') != ''
        run: npx pilot compile --check
      # Exit codes: 0 no changes, 2 changes, 1 error. Only an error fails the job.
      - name: pilot plan
        id: plan
        run: |
          set +e
          npx pilot plan --markdown --out plan.json > plan.md
          code=$?
          echo "exit=$code" >> "$GITHUB_OUTPUT"
          if [ "$code" -eq 1 ]; then exit 1; fi
          exit 0
        env:
          # Secret values only let the plan say whether a secret changed (by fingerprint, never the value).
          STRIPE_KEY: \${{ secrets.STRIPE_KEY }}
      - name: plan comment (one comment, updated on every push)
        if: always() && steps.plan.outputs.exit != '1'
        uses: actions/github-script@v7
        with:
          script: |
            const fs = require('fs');
            const body = fs.readFileSync('plan.md', 'utf8');
            const marker = '<!-- pilot-plan -->';
            const { owner, repo } = context.repo;
            const issue_number = context.issue.number;
            const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number });
            const mine = comments.find((c) => c.user.type === 'Bot' && c.body.startsWith(marker));
            if (mine) await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
            else await github.rest.issues.createComment({ owner, repo, issue_number, body });
      - uses: actions/upload-artifact@v4
        if: steps.plan.outputs.exit != '1'
        with: { name: pilot-plan, path: plan.json }

  apply:
    if: github.event_name == 'push' && github.ref == 'refs/heads/main'
    runs-on: ubuntu-latest
    environment: production # require a reviewer here if you want a human gate on merge
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20, cache: npm }
      - run: npm ci
      - uses: hashicorp/setup-terraform@v3
        with: { terraform_version: 1.11.4, terraform_wrapper: false }
      # Credentials that may change the infrastructure.
      - uses: aws-actions/configure-aws-credentials@v4
        with: { role-to-assume: '\${{ vars.PILOT_APPLY_ROLE_ARN }}', aws-region: us-east-1 }
      # apply takes the record store's lock (waiting up to 10 minutes for another apply), runs terraform,
      # registers every project on the Waypoint server and writes the new record.
      - name: pilot apply
        run: npx pilot apply --yes --wait 10m
        env:
          PILOT_SSH_KEY: \${{ secrets.PILOT_SSH_KEY }}
          STRIPE_KEY: \${{ secrets.STRIPE_KEY }}
`;
