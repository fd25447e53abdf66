import type * as Keytar from 'keytar';
import { SECRET_SERVICE_NAME, type SecretStore } from '../core/credentials/secret-store';

/**
 * The SecretStore port over the OS keychain (macOS Keychain, Windows Credential Vault, Linux
 * Secret Service) via keytar: the only file that imports keytar. keytar is loaded on first use,
 * so a missing native module or keyring rejects a call (the credential service reports it)
 * instead of crashing the app at start.
 */

type KeytarApi = Pick<typeof Keytar, 'getPassword' | 'setPassword' | 'deletePassword'>;

/** Loads keytar (a CommonJS module: its API is the default export under Node's ESM loader). */
async function loadKeytar(): Promise<KeytarApi> {
  const mod = (await import('keytar')) as typeof Keytar & { default?: KeytarApi };
  return mod.default ?? mod;
}

/** A keychain-backed SecretStore; `service` names this app's entries in the keychain. */
export function createKeytarSecretStore(
  options: { service?: string; load?: () => Promise<KeytarApi> } = {},
): SecretStore {
  const service = options.service ?? SECRET_SERVICE_NAME;
  let api: Promise<KeytarApi> | null = null;
  const keytar = (): Promise<KeytarApi> => {
    api ??= (options.load ?? loadKeytar)().catch((error: unknown) => {
      api = null; // let a later call retry (e.g. after the keyring was unlocked)
      throw error;
    });
    return api;
  };
  return {
    get: async (account) => (await keytar()).getPassword(service, account),
    set: async (account, value) => (await keytar()).setPassword(service, account, value),
    delete: async (account) => (await keytar()).deletePassword(service, account),
  };
}
