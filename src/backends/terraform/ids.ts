// Terraform addresses are pinned from config names, so a refactor of our code never renames
// (= destroys and recreates) a resource. Two config names that normalise to one address are an
// error, not a silent merge (cdktf's own makeUniqueId can collide, e.g. "web.app" vs "webapp").
import type { TerraformResource } from 'cdktf';
import { CODES, error, type Diagnostic } from '../../compiler/diagnostics.ts';

/** A Terraform-safe logical ID from name parts: lowercase, `[a-z0-9_]`, joined by "_". */
export function logicalId(...parts: string[]): string {
  return parts.map((p) => p.toLowerCase().replace(/[^a-z0-9_]/g, '_')).join('_');
}

/** Claims addresses for one stack and reports collisions as diagnostics. */
export class Addresses {
  private readonly claimed = new Map<string, string>();
  readonly diagnostics: Diagnostic[] = [];

  /** Pins `resource`'s logical ID to `id` and records which config path owns it. */
  pin<T extends TerraformResource>(resource: T, id: string, configPath: string): T {
    const address = `${resource.terraformResourceType}.${id}`;
    const owner = this.claimed.get(address);
    if (owner !== undefined) {
      this.diagnostics.push(
        error(CODES.DUPLICATE_NAME, `Terraform address ${address} is produced by both ${owner} and ${configPath}`, {
          path: configPath,
          hint: 'Rename one of them: names that differ only in "-" vs "_" or case map to the same resource',
        }),
      );
    }
    this.claimed.set(address, configPath);
    resource.overrideLogicalId(id);
    return resource;
  }

  /** Address -> the config path that produced it, sorted (`pilot plan` names each change's origin). */
  book(): Record<string, string> {
    // sort() without a comparator: code-point order, and V8's fast path for strings.
    return Object.fromEntries([...this.claimed.keys()].sort().map((address) => [address, this.claimed.get(address)!]));
  }
}
