import { aws, cloudfront, cloudRun, defineConfig, docker, ecs, postgres, secret, yarn } from '@pilot-framework/pilot';

export default defineConfig({
  name: 'acme',
  server: aws.server({
    region: 'us-east-1',
    instanceType: 't3.medium',
    sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3hEpKQ7y0Y7bT1hS8D0dJmQ2e7vZp0m5nN0xJm3Yz ops@acme',
    allowFrom: ['203.0.113.0/24'],
  }),
  clouds: {
    aws: { region: 'us-east-1' },
    gcp: { project: 'acme-prod', region: 'us-central1' },
  },
  database: postgres({ on: 'aws', version: '16', size: 'small' }),
  projects: {
    acme: {
      repository: { url: 'https://github.com/acme/acme.git', ref: 'main', poll: '60s' },
      apps: {
        auth: {
          path: 'services/auth',
          build: docker(),
          deploy: cloudRun({ port: 8080, memory: 512 }),
          env: { LOG_LEVEL: 'info', JWT_SECRET: secret('AUTH_JWT_SECRET') },
        },
        invoices: {
          path: 'services/invoices',
          build: docker(),
          deploy: ecs({ port: 3000, memory: 1024, domain: 'invoices.acme.example' }),
          env: { NODE_ENV: 'production', STRIPE_KEY: secret('INVOICES_STRIPE_KEY') },
        },
        web: {
          path: 'web',
          build: yarn({ outDir: 'build' }),
          deploy: cloudfront({ spa: true }),
        },
      },
    },
  },
});
