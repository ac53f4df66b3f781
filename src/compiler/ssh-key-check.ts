// The server's SSH key must be one the server's cloud can install. Pure.
import type { Config } from '../dsl/schema/config.ts';
import { CODES, type Diagnostic, error } from './diagnostics.ts';

/**
 * EC2 ImportKeyPair "Imports the public key from an RSA or ED25519 key pair"
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ImportKeyPair.html), so aws_key_pair
 * fails on an ECDSA key. Compute Engine copies the key into authorized_keys as metadata, where
 * OpenSSH accepts ECDSA, so a GCP server keeps it.
 */
export function checkSshKey(config: Config): Diagnostic[] {
  const type = config.server.sshKey.split(' ')[0];
  if (config.server.cloud !== 'aws' || !type.startsWith('ecdsa-')) return [];
  return [
    error(CODES.SSH_KEY_TYPE, `EC2 imports only RSA and ED25519 keys, and server.sshKey is ${type}`, {
      path: 'server.sshKey',
      hint: 'Create an ED25519 key (ssh-keygen -t ed25519) and paste its .pub line, or run the server on GCP, which accepts ECDSA',
    }),
  ];
}
