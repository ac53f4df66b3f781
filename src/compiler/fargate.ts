// Fargate task sizes AWS accepts, as Waypoint's aws-ecs plugin checks them
// (builtin/aws/utils/validations.go in Waypoint v0.11.4).
const range = (from: number, to: number, step = 1024) => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

const TABLE: Array<[number[], number[]]> = [
  [[512], [256]],
  [[1024], [256, 512]],
  [[2048], [256, 512, 1024]],
  [[3072], [512, 1024]],
  [[4096], [512, 1024, 2048]],
  [range(5120, 7168), [1024, 2048]],
  [[8192], [1024, 2048, 4096]],
  [range(9216, 15360), [2048, 4096]],
  [range(16384, 30720), [4096]],
];

/** CPU values Fargate allows for `memory` MiB; empty when the memory value itself is invalid. */
export function fargateCpuFor(memory: number): number[] {
  return TABLE.find(([mems]) => mems.includes(memory))?.[1] ?? [];
}

export const FARGATE_MEMORY_VALUES: number[] = TABLE.flatMap(([mems]) => mems);
