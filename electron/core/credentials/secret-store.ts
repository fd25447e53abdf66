/**
 * The port every secret goes through: the OS keychain in the app (electron/main's keytar adapter,
 * the only file that imports keytar), an in-memory map in tests and the browser preview.
 *
 * Entries are addressed by account name only; the adapter supplies the keychain service name.
 * Implementations may reject (e.g. no Secret Service on Linux): the credential service turns every
 * rejection into an error value, so callers never see a throw.
 */
export interface SecretStore {
  /** The stored value, or null when there is none. */
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
}

/** Keychain service name the adapters should use for this app's entries. */
export const SECRET_SERVICE_NAME = 'ccc-agent-status';

/** Account names of every entry the app writes (sign-out deletes all of them). */
export const SECRET_ACCOUNTS = {
  /** JSON: SecretId, SecretKey and, for temporary credentials, token and expiry. */
  ccc: 'ccc-credentials',
  /** JSON: the IM key, or a pasted UserSig with what it says about itself. */
  desk: 'desk-credentials',
} as const;

/** Every account name the app uses. */
export const ALL_SECRET_ACCOUNTS: readonly string[] = Object.values(SECRET_ACCOUNTS);

/** A SecretStore kept in memory only (demo, browser preview, tests). Never persisted. */
export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore & {
  /** A copy of what is stored (tests). */
  dump(): Record<string, string>;
} {
  const map = new Map(Object.entries(initial));
  return {
    get: (account) => Promise.resolve(map.get(account) ?? null),
    set: (account, value) => {
      map.set(account, value);
      return Promise.resolve();
    },
    delete: (account) => Promise.resolve(map.delete(account)),
    dump: () => Object.fromEntries(map),
  };
}
