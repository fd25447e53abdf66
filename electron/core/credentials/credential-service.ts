import { z } from 'zod';
import {
  cccCredentialsInputSchema,
  deskCredentialsInputSchema,
  type ChannelInput,
} from '../../../shared/ipc-contract';
import type { CredentialStatus } from '../../../shared/settings';
import { err, ok, type AppError, type Result } from '../../../shared/result';
import {
  checkPastedUserSig,
  keyUserSigProvider,
  pastedUserSigProvider,
  type UserSigProvider,
} from '../api/usersig';
import type { SecretRedactor } from '../logger';
import { silentLogger, type Clock, type Logger } from '../ports';
import { SECRET_ACCOUNTS, type SecretStore } from './secret-store';

/**
 * Every credential the app holds, behind the SecretStore port: CCC API keys (permanent, or
 * temporary STS ones with a token and an expiry) and the desk's IM key or pasted UserSig. One
 * JSON entry per credential set (the SecretId lives there too). Loaded once and kept in memory so
 * polling never asks the keychain; every secret is registered with the log redactor. `status()`
 * is the only view that leaves this module towards the renderer: it never contains a secret.
 */

/** What a CCC API call is signed with. */
export interface CccSecret {
  secretId: string;
  secretKey: string;
  token?: string;
}

export type CccCredentialsInput = ChannelInput<'credentials:saveCcc'>;
export type DeskCredentialsInput = ChannelInput<'credentials:saveDesk'>;

const storedCccSchema = z.object({
  v: z.literal(1),
  secretId: z.string().min(1),
  secretKey: z.string().min(1),
  token: z.string().min(1).optional(),
  expiresAtMs: z.number().optional(),
});
type StoredCcc = z.infer<typeof storedCccSchema>;

const storedDeskSchema = z.discriminatedUnion('mode', [
  z.object({ v: z.literal(1), mode: z.literal('key'), imKey: z.string().min(1) }),
  z.object({
    v: z.literal(1),
    mode: z.literal('pasted'),
    userSig: z.string().min(1),
    identifier: z.string(),
    sdkAppId: z.number(),
    expiresAtMs: z.number(),
  }),
]);
type StoredDesk = z.infer<typeof storedDeskSchema>;

/** What the pasted UserSig must match (from the desk settings), when known. */
export interface DeskExpectations {
  identifier?: string;
  sdkAppId?: number | null;
}

export type CredentialListener = (status: CredentialStatus) => void;

/** Credentials: save, inspect (non-secret view), provide to the API clients, wipe. */
export interface CredentialService {
  /** Reads the keychain into memory (start-up). Unusable entries are reported, not thrown. */
  load(): Promise<Result<CredentialStatus>>;
  /** The non-secret view: SecretId prefix and expiries, never a secret. */
  status(): CredentialStatus;
  saveCcc(input: CccCredentialsInput): Promise<Result<CredentialStatus>>;
  saveDesk(
    input: DeskCredentialsInput,
    expect?: DeskExpectations,
  ): Promise<Result<CredentialStatus>>;
  /** Deletes every keychain entry the app wrote and forgets them in memory. */
  signOut(): Promise<Result<CredentialStatus>>;
  /** The CCC client's credentials provider (null when none are stored). */
  cccCredentials(): Promise<CccSecret | null>;
  /** A UserSig provider for the desk client, or null when no desk credentials are stored. */
  userSigProvider(opts: { sdkAppId: number; identifier: string }): UserSigProvider | null;
  subscribe(listener: CredentialListener): () => void;
}

export interface CredentialServiceOptions {
  store: SecretStore;
  clock: Clock;
  logger?: Logger;
  /** Every secret loaded or saved is registered here so no log line can carry it. */
  redactor?: Pick<SecretRedactor, 'addSecret' | 'removeSecret'>;
}

const PREFIX_LENGTH = 8;

const appError = (code: string, kind: AppError['kind'], message: string): AppError => ({
  source: 'app',
  code,
  kind,
  message,
  retryable: false,
});

const keychainError = (): AppError =>
  appError(
    'keychain_unavailable',
    'config',
    'The system keychain could not be used. On Linux, make sure a Secret Service (GNOME Keyring or KWallet) is running and unlocked, then try again.',
  );

const formatIso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Creates the service; call `load()` before relying on `status()`. */
export function createCredentialService(options: CredentialServiceOptions): CredentialService {
  const { store, clock } = options;
  const logger = options.logger ?? silentLogger;
  let ccc: StoredCcc | null = null;
  let desk: StoredDesk | null = null;
  const listeners = new Set<CredentialListener>();

  const register = (...values: Array<string | undefined>): void => {
    for (const v of values) if (v) options.redactor?.addSecret(v);
  };

  const status = (): CredentialStatus => ({
    ccc: {
      set: ccc !== null,
      secretIdPrefix: ccc ? `${ccc.secretId.slice(0, PREFIX_LENGTH)}…` : null,
      temporary: ccc?.token !== undefined,
      expiresAtMs: ccc?.expiresAtMs ?? null,
    },
    desk: {
      set: desk !== null,
      mode: desk?.mode ?? null,
      userSigExpiresAtMs: desk?.mode === 'pasted' ? desk.expiresAtMs : null,
      userSigIdentifier: desk?.mode === 'pasted' ? desk.identifier : null,
    },
  });

  const changed = (): CredentialStatus => {
    const s = status();
    for (const l of [...listeners]) {
      try {
        l(s);
      } catch (e) {
        logger.log('error', 'credentials: a listener threw', { error: String(e) });
      }
    }
    return s;
  };

  const readEntry = async <T>(account: string, schema: z.ZodType<T>): Promise<Result<T | null>> => {
    let raw: string | null;
    try {
      raw = await store.get(account);
    } catch (e) {
      logger.log('warn', 'credentials: keychain read failed', {
        account,
        error: (e as Error)?.name,
      });
      return err(keychainError());
    }
    if (raw === null) return ok(null);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      // Never log the raw entry: it may be a secret in another format.
      logger.log('warn', 'credentials: unusable keychain entry ignored', { account });
      return ok(null);
    }
    return ok(parsed.data);
  };

  const writeEntry = async (account: string, value: object): Promise<Result<void>> => {
    try {
      await store.set(account, JSON.stringify(value));
      return ok(undefined);
    } catch (e) {
      logger.log('warn', 'credentials: keychain write failed', {
        account,
        error: (e as Error)?.name,
      });
      return err(keychainError());
    }
  };

  const service: CredentialService = {
    async load() {
      const [c, d] = await Promise.all([
        readEntry(SECRET_ACCOUNTS.ccc, storedCccSchema),
        readEntry(SECRET_ACCOUNTS.desk, storedDeskSchema),
      ]);
      ccc = c.ok ? c.value : null;
      desk = d.ok ? d.value : null;
      if (ccc) register(ccc.secretKey, ccc.token);
      if (desk) register(desk.mode === 'key' ? desk.imKey : desk.userSig);
      const s = changed();
      if (!c.ok) return c;
      if (!d.ok) return d;
      return ok(s);
    },

    status,

    async saveCcc(input) {
      const parsed = cccCredentialsInputSchema.safeParse(input);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'input')))];
        return err(
          appError(
            'bad_input',
            'bad_input',
            `Check the ${fields.join(', ')} field(s): the value is not valid.`,
          ),
        );
      }
      const v = parsed.data;
      if (v.expiresAtMs !== undefined && v.token === undefined) {
        return err(
          appError(
            'bad_input',
            'bad_input',
            'An expiry applies only to temporary credentials: also paste the token (SessionToken).',
          ),
        );
      }
      if (v.expiresAtMs !== undefined && v.expiresAtMs <= clock.now()) {
        return err(
          appError(
            'credentials_expired',
            'bad_input',
            `These temporary credentials expired at ${formatIso(v.expiresAtMs)}. Request new ones (STS GetFederationToken / AssumeRole) and paste them.`,
          ),
        );
      }
      if (v.secretKey === v.secretId) {
        return err(
          appError(
            'bad_input',
            'bad_input',
            'The SecretKey is the same as the SecretId: paste the SecretKey into its own field.',
          ),
        );
      }
      const next: StoredCcc = { v: 1, secretId: v.secretId, secretKey: v.secretKey };
      if (v.token !== undefined) next.token = v.token;
      if (v.expiresAtMs !== undefined) next.expiresAtMs = v.expiresAtMs;
      register(next.secretKey, next.token);
      const written = await writeEntry(SECRET_ACCOUNTS.ccc, next);
      if (!written.ok) return written;
      ccc = next;
      return ok(changed());
    },

    async saveDesk(input, expect = {}) {
      const parsed = deskCredentialsInputSchema.safeParse(input);
      if (!parsed.success) {
        return err(
          appError(
            'bad_input',
            'bad_input',
            input?.mode === 'key'
              ? 'The IM key looks too short or too long: copy the whole key from the IM console.'
              : 'The UserSig looks too short or too long: copy the whole administrator UserSig.',
          ),
        );
      }
      const v = parsed.data;
      let next: StoredDesk;
      if (v.mode === 'key') {
        next = { v: 1, mode: 'key', imKey: v.imKey };
      } else {
        const check = checkPastedUserSig(v.userSig, {
          nowSeconds: Math.floor(clock.now() / 1000),
          expectedIdentifier: expect.identifier || undefined,
          expectedSdkAppId: expect.sdkAppId ?? undefined,
        });
        if (!check.ok) return check;
        next = {
          v: 1,
          mode: 'pasted',
          userSig: v.userSig,
          identifier: check.value.info.identifier,
          sdkAppId: check.value.info.sdkAppId,
          expiresAtMs: check.value.info.expiresAt * 1000,
        };
      }
      register(next.mode === 'key' ? next.imKey : next.userSig);
      const written = await writeEntry(SECRET_ACCOUNTS.desk, next);
      if (!written.ok) return written;
      desk = next;
      return ok(changed());
    },

    async signOut() {
      let failed = false;
      for (const account of Object.values(SECRET_ACCOUNTS)) {
        try {
          await store.delete(account);
        } catch (e) {
          failed = true;
          logger.log('warn', 'credentials: keychain delete failed', {
            account,
            error: (e as Error)?.name,
          });
        }
      }
      ccc = null;
      desk = null;
      const s = changed();
      if (failed) {
        return err(
          appError(
            'keychain_unavailable',
            'config',
            'The app forgot the credentials, but the system keychain refused to delete its entries. Remove the "ccc-agent-status" entries in your keychain manager.',
          ),
        );
      }
      return ok(s);
    },

    cccCredentials() {
      if (!ccc) return Promise.resolve(null);
      const out: CccSecret = { secretId: ccc.secretId, secretKey: ccc.secretKey };
      if (ccc.token !== undefined) out.token = ccc.token;
      return Promise.resolve(out);
    },

    userSigProvider({ sdkAppId, identifier }) {
      if (!desk) return null;
      const inner =
        desk.mode === 'key'
          ? keyUserSigProvider({
              sdkAppId,
              identifier,
              clock,
              key: () => (desk?.mode === 'key' ? desk.imKey : null),
            })
          : pastedUserSigProvider(desk.userSig, {
              clock,
              expectedIdentifier: identifier,
              expectedSdkAppId: sdkAppId,
            });
      let last: string | null = null;
      return {
        ...inner,
        get() {
          const r = inner.get();
          // Generated UserSigs are secrets too: mask each one from the moment it exists.
          if (r.ok && r.value !== last) {
            if (last && desk?.mode === 'key') options.redactor?.removeSecret(last);
            last = r.value;
            register(r.value);
          }
          return r;
        },
      };
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return service;
}
