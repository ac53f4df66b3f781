// How many jobs the static runner runs at once. Without -concurrency, `waypoint runner agent` runs
// NumCPU x 3 (internal/cli/runner_agent.go:83-92 at v0.11.4): six parallel image builds on a 2-vCPU
// t3.medium, next to the Waypoint server. Pilot runs one job per vCPU instead, read from the
// instance type so the unit is fixed at compile time.
import type { ModelServer } from '../../compiler/model.ts';

/**
 * EC2 (Amazon EC2 instance type specifications, docs.aws.amazon.com/ec2/latest/instancetypes):
 * t2.nano/micro/small have 1 vCPU; every other nano to large size has 2 (t3/t3a.nano..large, *.large);
 * xlarge has 4 and Nxlarge 4 x N. `medium` outside the T families is Arm (m6g/c7g, refused elsewhere).
 */
function awsVcpus(instanceType: string): number | undefined {
  const [family, size] = instanceType.split('.');
  if (/^(nano|micro|small)$/.test(size)) return family === 't2' ? 1 : 2;
  if (size === 'medium' || size === 'large') return 2;
  if (size === 'xlarge') return 4;
  const n = /^(\d+)xlarge$/.exec(size);
  return n ? 4 * Number(n[1]) : undefined;
}

/**
 * Compute Engine (Machine families resource and comparison guide, cloud.google.com/compute/docs/machine-resource):
 * e2-micro/small/medium are shared-core with 2 vCPUs, f1-micro and g1-small have 1;
 * `<family>-<standard|highmem|highcpu|...>-N` and `[<family>-]custom-N-MEMORY` have N.
 */
function gcpVcpus(machineType: string): number | undefined {
  if (/^e2-(micro|small|medium)$/.test(machineType)) return 2;
  if (/^(f1-micro|g1-small)$/.test(machineType)) return 1;
  const custom = /(?:^|-)custom-(\d+)-\d+(?:-ext)?$/.exec(machineType);
  if (custom) return Number(custom[1]);
  const standard = /^[a-z0-9]+-[a-z]+-(\d+)(?:-[a-z]+)?$/.exec(machineType);
  return standard ? Number(standard[1]) : undefined;
}

/** vCPUs of the server VM, or undefined for a type the tables above do not cover. */
export function serverVcpus(server: ModelServer): number | undefined {
  return server.cloud === 'aws' ? awsVcpus(server.instanceType) : gcpVcpus(server.machineType);
}

/** One job per vCPU; 2 (the default VM's count) when the type is not in the tables. */
export function runnerConcurrency(server: ModelServer): number {
  return serverVcpus(server) ?? 2;
}
