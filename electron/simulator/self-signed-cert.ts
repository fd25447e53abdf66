import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway TLS identity for serving the simulator over HTTPS. */
export interface SelfSignedCert {
  key: string;
  cert: string;
}

/**
 * Makes a one-day self-signed P-256 certificate for 127.0.0.1 and the given DNS names with the
 * `openssl` command (Debian's openssl package). The certificate is its own CA: clients trust it
 * by adding `cert` to their CA list. Throws when openssl is missing.
 */
export function makeSelfSignedCert(dnsNames: string[] = ['localhost']): SelfSignedCert {
  const dir = mkdtempSync(join(tmpdir(), 'sim-tls-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    const san = ['IP:127.0.0.1', ...dnsNames.map((d) => `DNS:${d}`)].join(',');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '1',
        '-subj',
        `/CN=${dnsNames[0] ?? '127.0.0.1'}`,
        '-addext',
        `subjectAltName=${san}`,
        '-addext',
        'basicConstraints=critical,CA:TRUE',
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
