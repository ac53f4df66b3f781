import { cloudCdn, cloudRun, defineConfig, docker, gcp, postgres, secret, yarn } from '@pilot-framework/pilot';

export default defineConfig({
  name: 'birch',
  server: gcp.server({
    zone: 'europe-west1-b',
    machineType: 'e2-standard-2',
    diskGb: 50,
    sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM0sV2kq8Zr3XQdF6b7sQd9tB1uK4nC2e5hY8pL0wR6a dev@birch',
    allowFrom: ['198.51.100.17/32', '192.0.2.0/28'],
  }),
  clouds: { gcp: { project: 'birch-platform', region: 'europe-west1' } },
  state: { backend: 'gcs', bucket: 'birch-terraform-state' },
  database: postgres({ on: 'gcp', version: '16', size: 'medium', storageGb: 50 }),
  projects: {
    shop: {
      repository: { url: 'https://github.com/birch/shop.git', ref: 'release', path: 'apps' },
      apps: {
        api: {
          path: 'api',
          build: docker({ dockerfile: 'Dockerfile.prod' }),
          deploy: cloudRun({ port: 8080, memory: 1024, cpu: 2, maxInstances: 20 }),
          env: { DATABASE_NAME: 'app', SESSION_KEY: secret('SHOP_SESSION_KEY') },
        },
        worker: {
          path: 'worker',
          build: docker(),
          deploy: cloudRun({ memory: 512, concurrency: 1, timeoutSeconds: 900 }),
        },
        storefront: {
          path: 'storefront',
          build: yarn({ script: 'build:prod', outDir: 'dist' }),
          deploy: cloudCdn({ spa: true, domain: 'shop.birch.example' }),
        },
      },
    },
  },
});
