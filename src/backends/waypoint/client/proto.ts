// Loads pilot's own Waypoint .proto (proto/waypoint.proto beside this file). scripts/build.mjs copies
// the directory to dist/proto, which the package ships; the bundle finds it by walking up to the
// package root.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPackageDefinition, type GrpcObject, type ServiceClientConstructor } from '@grpc/grpc-js';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';

const FROM_SOURCES = import.meta.url.endsWith('.ts');
const REL = FROM_SOURCES ? 'src/backends/waypoint/client/proto' : 'dist/proto';

/** The directory holding waypoint.proto and google/rpc/status.proto. */
export function protoDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === '@pilot-framework/pilot') return join(dir, REL);
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the pilot package root holding the Waypoint .proto');
    dir = up;
  }
}

export const PROTO_FILE = 'waypoint.proto';

/** snake_case names (as in the .proto), enums as names, 64-bit numbers as strings, oneof names set. */
export function loadWaypointDefinition(): PackageDefinition {
  const dir = protoDir();
  return loadSync(join(dir, PROTO_FILE), { keepCase: true, enums: String, longs: String, defaults: false, oneofs: true, includeDirs: [dir] });
}

export function waypointService(): ServiceClientConstructor {
  const root = loadPackageDefinition(loadWaypointDefinition()) as GrpcObject;
  const ns = (root.hashicorp as GrpcObject).waypoint as GrpcObject;
  return ns.Waypoint as ServiceClientConstructor;
}
