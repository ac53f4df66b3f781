// Self-signed certificates made with openssl, as pilot's bootstrap script makes the server's:
// EC P-256, CN and SAN waypoint-server, localhost, 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TestCert = { certPem: string; keyPem: string; sha256: string };

/** `localNames: false` leaves out the localhost and 127.0.0.1 names, so only `cn` is in the certificate. */
export function makeCert(cn = 'waypoint-server', o: { localNames?: boolean } = {}): TestCert {
  const dir = mkdtempSync(join(tmpdir(), 'pilot-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', `/O=Pilot/CN=${cn}`, '-addext', `subjectAltName=DNS:${cn}${o.localNames === false ? '' : ',DNS:localhost,IP:127.0.0.1'}`, '-addext', 'extendedKeyUsage=serverAuth',
      '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
    const certPem = readFileSync(join(dir, 'c.pem'), 'utf8');
    // openssl x509 -fingerprint -sha256 prints the same colon-separated upper-case hex.
    return { certPem, keyPem: readFileSync(join(dir, 'k.pem'), 'utf8'), sha256: new X509Certificate(certPem).fingerprint256 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
