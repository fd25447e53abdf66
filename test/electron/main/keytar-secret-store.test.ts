import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../../electron/main/keytar-secret-store';

/**
 * A real keychain round trip through keytar: the macOS Keychain, Windows Credential Manager, or the
 * Linux Secret Service (gnome-keyring: `npm test` runs the suites inside a private D-Bus session
 * with an unlocked keyring). Entries live under a throwaway service name and are deleted at the
 * end. On Linux without a session bus there is no Secret Service, so the round trip is skipped.
 */
const hasBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS) || process.platform !== 'linux';
const SKIP_REASON =
  'no D-Bus session (DBUS_SESSION_BUS_ADDRESS unset): run npm test with dbus-x11 and gnome-keyring installed';

describe('createKeytarSecretStore', () => {
  it('turns a keytar that cannot load into rejections, then retries on the next call', async () => {
    let attempts = 0;
    const store = createKeytarSecretStore({
      load: () => {
        attempts++;
        return attempts === 1
          ? Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file'))
          : Promise.resolve({
              getPassword: () => Promise.resolve('v'),
              setPassword: () => Promise.resolve(),
              deletePassword: () => Promise.resolve(true),
            });
      },
    });
    await expect(store.get('a')).rejects.toThrow(/libsecret/);
    await expect(store.get('a')).resolves.toBe('v');
    expect(attempts).toBe(2);
  });
});

describe.skipIf(!hasBus)(`keychain round trip${hasBus ? '' : ` (skipped: ${SKIP_REASON})`}`, () => {
  // A throwaway service name so a developer's real entries are never touched.
  const service = `ccc-agent-status-test-${randomBytes(4).toString('hex')}`;
  const store = createKeytarSecretStore({ service });
  const other = createKeytarSecretStore({ service: `${service}-other` });

  afterAll(async () => {
    await store.delete('ccc-credentials').catch(() => false);
    await other.delete('ccc-credentials').catch(() => false);
  });

  it('stores, reads, replaces and deletes a secret', async () => {
    const value = JSON.stringify({
      secretId: 'AKIDtest1234',
      secretKey: `k-${randomBytes(8).toString('hex')}`,
    });
    expect(await store.get('ccc-credentials')).toBeNull();
    await store.set('ccc-credentials', value);
    expect(await store.get('ccc-credentials')).toBe(value);

    // A fresh adapter (as after an app restart) reads the same entry from the keychain.
    expect(await createKeytarSecretStore({ service }).get('ccc-credentials')).toBe(value);
    // Entries are scoped by service name.
    expect(await other.get('ccc-credentials')).toBeNull();

    await store.set('ccc-credentials', 'second value, with unicode 密钥');
    expect(await store.get('ccc-credentials')).toBe('second value, with unicode 密钥');

    expect(await store.delete('ccc-credentials')).toBe(true);
    expect(await store.get('ccc-credentials')).toBeNull();
    expect(await store.delete('ccc-credentials')).toBe(false);
  });
});
