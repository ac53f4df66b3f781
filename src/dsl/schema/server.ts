import { z } from 'zod/mini';
import { awsRegion, cidr, gcpZone } from './common.ts';

/** The container image the Pilot server and runner run. */
export const runtimeImageSchema = z.strictObject({
  // Docker's reference grammar: repository and tag land verbatim in a systemd unit's command line.
  /** Image repository. @default "ghcr.io/pilot-framework/pilot-runtime" */
  repository: z._default(
    z.string().check(z.regex(/^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/, { message: 'Expected an image repository such as ghcr.io/acme/pilot-runtime' })),
    'ghcr.io/pilot-framework/pilot-runtime',
  ),
  /** Image tag. @default the tag matching this pilot version */
  tag: z._default(z.string().check(z.regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, { message: 'Expected an image tag such as 0.1.0' })), '0.1.0'),
  /** Content digest (`sha256:...`); when set, the server pulls exactly this image. */
  digest: z.optional(z.string().check(z.regex(/^sha256:[a-f0-9]{64}$/, { message: 'Expected sha256: followed by 64 hex digits' }))),
});

const serverCommon = {
  /** The public SSH key (one line, as in authorized_keys) of the `pilot` admin user. */
  sshKey: z.string().check(
    z.regex(/^(ssh-(ed25519|rsa)|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/, {
      message: 'Expected one public key line such as "ssh-ed25519 AAAA... you@host"',
    }),
  ),
  /**
   * CIDR ranges allowed to reach SSH and the Waypoint ports (9701, 9702). Nothing else is open.
   * @example ['203.0.113.0/24']
   */
  allowFrom: z.array(cidr).check(z.minLength(1)),
  /** Root disk size in GB. @default 30 */
  diskGb: z._default(z.number().check(z.int(), z.gte(10), z.lte(2000)), 30),
  /** Server/runner container image. @default pilot's own runtime image */
  image: z.prefault(runtimeImageSchema, {}),
};

/** A Pilot server VM on AWS EC2. */
export const awsServerSchema = z.strictObject({
  cloud: z.literal('aws'),
  /** AWS region of the server, its network and (if on AWS) the database. @example "us-east-1" */
  region: awsRegion,
  /** EC2 instance type. @default "t3.medium" */
  instanceType: z._default(z.string().check(z.regex(/^[a-z0-9]+\.[a-z0-9]+$/, { message: 'Expected an EC2 instance type such as t3.medium' })), 't3.medium'),
  /**
   * AMI ID, or `resolve:ssm:<public parameter>` (read at plan time). The server is never replaced
   * when the AMI behind the parameter changes; the `server_ami_latest` output shows the image a
   * replacement would get.
   * @default "resolve:ssm:/aws/service/debian/release/12/latest/amd64" (Debian 12, every region)
   */
  ami: z.optional(z.string().check(z.regex(/^(ami-[0-9a-f]{8,17}|resolve:ssm:\/[A-Za-z0-9_.\/-]+)$/, { message: 'Expected an AMI ID such as ami-0123456789abcdef0 or resolve:ssm:/path' }))),
  /**
   * Refuse to terminate the server from the console or CLI (EC2 termination protection): its disk
   * holds Waypoint's only database. `terraform destroy` still works: the AWS provider turns the
   * protection off before it terminates. @default true
   */
  terminationProtection: z._default(z.boolean(), true),
  /** Daily snapshots of the server's root disk to keep (Data Lifecycle Manager); 0 takes none. @default 7 */
  diskSnapshots: z._default(z.number().check(z.int(), z.gte(0), z.lte(1000)), 7),
  ...serverCommon,
});

/** A Pilot server VM on Google Compute Engine (project from `clouds.gcp`). */
export const gcpServerSchema = z.strictObject({
  cloud: z.literal('gcp'),
  /** Compute Engine zone, inside `clouds.gcp.region`. @example "us-central1-a" */
  zone: gcpZone,
  /** Machine type. @default "e2-medium" */
  machineType: z._default(z.string().check(z.regex(/^[a-z0-9]+-[a-z0-9-]+$/, { message: 'Expected a machine type such as e2-medium' })), 'e2-medium'),
  /** Boot image. @default "debian-cloud/debian-12" (an image family) */
  bootImage: z._default(z.string().check(z.minLength(1)), 'debian-cloud/debian-12'),
  /**
   * Compute Engine deletion protection: its disk holds Waypoint's only database. Unlike EC2's
   * termination protection, Terraform cannot delete a protected instance, so `pilot destroy` refuses
   * while it is on: set `false`, run `pilot apply`, then `pilot destroy`. @default true
   */
  deletionProtection: z._default(z.boolean(), true),
  /** Daily snapshots of the boot disk to keep, in days (a snapshot schedule); 0 takes none. @default 14 */
  diskSnapshots: z._default(z.number().check(z.int(), z.gte(0), z.lte(1000)), 14),
  ...serverCommon,
});

export const serverSchema = z.discriminatedUnion('cloud', [awsServerSchema, gcpServerSchema]);
