// Small configs for the cloud-init tests, beside the examples: one per server cloud.
import type { ConfigInput } from '../../src/dsl/schema/config.ts';
import { cloudRun, docker, ecs, secret } from '../../src/dsl/index.ts';

export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHx2c1pQmN4tV7yZ0aB3cD5eF8gH1iJ2kL4mN6oP8qR0 ops@test';

/** Server on AWS, apps on AWS only; an app with secrets whose names are canaries. */
export const awsOnly = (image: ConfigInput['server']['image'] = {}): ConfigInput => ({
  name: 'tern',
  server: { cloud: 'aws', region: 'eu-west-1', sshKey: SSH_KEY, allowFrom: ['203.0.113.0/24'], image },
  clouds: { aws: { region: 'eu-west-1' } },
  projects: {
    billing: {
      repository: { url: 'https://github.com/tern/billing.git', ref: 'main' },
      apps: {
        api: {
          path: 'api',
          build: docker(),
          deploy: ecs({ port: 3000, memory: 1024 }),
          env: { CANARY_PLAIN_NAME: 'visible', CANARY_SECRET_VAR: secret('CANARY_SECRET_SOURCE') },
        },
      },
    },
  },
});

/** Server on GCP, apps on Cloud Run. */
export const gcpOnly = (): ConfigInput => ({
  name: 'wren',
  server: { cloud: 'gcp', zone: 'us-central1-a', sshKey: SSH_KEY, allowFrom: ['198.51.100.0/24'] },
  clouds: { gcp: { project: 'wren-platform', region: 'us-central1' } },
  projects: {
    site: {
      repository: { url: 'https://github.com/wren/site.git', ref: 'main' },
      apps: { api: { path: 'api', build: docker(), deploy: cloudRun({ port: 8080 }), env: { TOKEN: secret('WREN_API_TOKEN') } } },
    },
  },
});
