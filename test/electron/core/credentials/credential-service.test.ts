import { beforeEach, describe, expect, it } from 'vitest';
import { createCredentialService } from '../../../../electron/core/credentials/credential-service';
import { SECRET_ACCOUNTS } from '../../../../electron/core/credentials/secret-store';
import { createLogger, createMemorySink, createRedactor } from '../../../../electron/core/logger';
import { decodeUserSig, genUserSig } from '../../../../electron/core/api/usersig';
import { credentialStatusSchema } from '../../../../shared/settings';
import { InMemorySecretStore } from '../../../helpers/in-memory-secret-store';

const NOW = Date.UTC(2026, 10, 21, 9, 0, 0);
const clock = { now: () => NOW };
const SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
const TOKEN = 'sts-token-0123456789abcdefghij';
const IM_KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';

const userSig = (
  opts: { identifier?: string; sdkAppId?: number; issuedAtMs?: number; lifetime?: number } = {},
) =>
  genUserSig({
    sdkAppId: opts.sdkAppId ?? 1400000000,
    key: IM_KEY,
    identifier: opts.identifier ?? 'administrator',
    lifetimeSeconds: opts.lifetime ?? 86_400,
    nowSeconds: Math.floor((opts.issuedAtMs ?? NOW - 3_600_000) / 1000),
  });

let store: InMemorySecretStore;
const make = () => createCredentialService({ store, clock });

beforeEach(() => {
  store = new InMemorySecretStore();
});

describe('credential service', () => {
  it('starts unset and reports a valid empty status', async () => {
    const svc = make();
    const r = await svc.load();
    expect(r.ok).toBe(true);
    expect(credentialStatusSchema.parse(svc.status())).toEqual({
      ccc: { set: false, secretIdPrefix: null, temporary: false, expiresAtMs: null },
      desk: { set: false, mode: null, userSigExpiresAtMs: null, userSigIdentifier: null },
    });
    expect(await svc.cccCredentials()).toBeNull();
  });

  it('saves CCC credentials in one keychain entry, reloads them, and never shows a secret in status', async () => {
    const svc = make();
    await svc.load();
    const saved = await svc.saveCcc({ secretId: SECRET_ID, secretKey: SECRET_KEY });
    expect(saved.ok).toBe(true);
    const status = svc.status();
    expect(status.ccc).toEqual({
      set: true,
      secretIdPrefix: 'AKIDz8kr…',
      temporary: false,
      expiresAtMs: null,
    });
    const text = JSON.stringify(status);
    expect(text).not.toContain(SECRET_KEY);
    expect(text).not.toContain(SECRET_ID);
    expect([...store.entries.keys()]).toEqual([SECRET_ACCOUNTS.ccc]);

    const again = createCredentialService({ store, clock });
    await again.load();
    expect(await again.cccCredentials()).toEqual({ secretId: SECRET_ID, secretKey: SECRET_KEY });
    expect(again.status()).toEqual(status);
  });

  it('keeps temporary credentials with token and expiry; the status shows only the expiry', async () => {
    const svc = make();
    await svc.load();
    const expiresAtMs = NOW + 2 * 3_600_000;
    const r = await svc.saveCcc({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      token: TOKEN,
      expiresAtMs,
    });
    expect(r.ok).toBe(true);
    expect(svc.status().ccc).toMatchObject({ temporary: true, expiresAtMs });
    expect(JSON.stringify(svc.status())).not.toContain(TOKEN);
    expect(await svc.cccCredentials()).toEqual({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      token: TOKEN,
    });
  });

  it('rejects expired temporary credentials and an expiry without a token', async () => {
    const svc = make();
    await svc.load();
    const expired = await svc.saveCcc({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      token: TOKEN,
      expiresAtMs: NOW - 1,
    });
    expect(expired.ok).toBe(false);
    if (!expired.ok) {
      expect(expired.error.code).toBe('credentials_expired');
      expect(expired.error.message).toMatch(/expired at 2026-11-21T08:59:59Z/);
    }
    const noToken = await svc.saveCcc({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      expiresAtMs: NOW + 60_000,
    });
    expect(noToken.ok).toBe(false);
    const badId = await svc.saveCcc({ secretId: 'AKID with spaces', secretKey: SECRET_KEY });
    expect(badId.ok).toBe(false);
    if (!badId.ok) expect(badId.error.message).not.toContain(SECRET_KEY);
    expect(store.entries.size).toBe(0);
    expect(svc.status().ccc.set).toBe(false);
  });

  it('decodes a pasted UserSig: identifier, SDKAppID and expiry in the status, never the UserSig', async () => {
    const svc = make();
    await svc.load();
    const sig = userSig();
    const r = await svc.saveDesk(
      { mode: 'pasted', userSig: sig },
      { identifier: 'administrator', sdkAppId: 1400000000 },
    );
    expect(r.ok).toBe(true);
    const expected = decodeUserSig(sig);
    expect(expected.ok).toBe(true);
    expect(svc.status().desk).toEqual({
      set: true,
      mode: 'pasted',
      userSigIdentifier: 'administrator',
      userSigExpiresAtMs: NOW - 3_600_000 + 86_400_000,
    });
    expect(JSON.stringify(svc.status())).not.toContain(sig);
    const provider = svc.userSigProvider({ sdkAppId: 1400000000, identifier: 'administrator' });
    const got = provider?.get();
    expect(got?.ok && got.value).toBe(sig);
  });

  it.each([
    ['malformed', () => 'this-is-not-a-usersig-at-all!!', {}, /characters a UserSig never has/],
    [
      'not compressed',
      () => 'eJzzSM3JyVcozy-KSQEAGKsEPQ'.replace(/./g, 'A'),
      {},
      /could not be decoded/,
    ],
    ['expired', () => userSig({ issuedAtMs: NOW - 3 * 86_400_000 }), {}, /expired at/],
    [
      'other identifier',
      () => userSig({ identifier: 'someone' }),
      { identifier: 'administrator' },
      /generated for "someone"/,
    ],
    [
      'other SDKAppID',
      () => userSig({ sdkAppId: 1400000001 }),
      { sdkAppId: 1400000000 },
      /SDKAppID 1400000001/,
    ],
  ])(
    'rejects a pasted UserSig that is %s with a clear message',
    async (_name, sig, expect_, message) => {
      const svc = make();
      await svc.load();
      const r = await svc.saveDesk({ mode: 'pasted', userSig: sig() }, expect_);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(message);
      expect(store.entries.size).toBe(0);
      expect(svc.status().desk.set).toBe(false);
    },
  );

  it('generates UserSigs from a stored IM key for the configured administrator', async () => {
    const svc = make();
    await svc.load();
    expect((await svc.saveDesk({ mode: 'key', imKey: IM_KEY })).ok).toBe(true);
    expect(svc.status().desk).toEqual({
      set: true,
      mode: 'key',
      userSigExpiresAtMs: null,
      userSigIdentifier: null,
    });
    const got = svc.userSigProvider({ sdkAppId: 1400000000, identifier: 'administrator' })?.get();
    expect(got?.ok).toBe(true);
    const decoded = got?.ok ? decodeUserSig(got.value) : null;
    expect(decoded?.ok && decoded.value.identifier).toBe('administrator');
  });

  it('sign-out wipes every keychain entry and the memory copy', async () => {
    const svc = make();
    await svc.load();
    await svc.saveCcc({ secretId: SECRET_ID, secretKey: SECRET_KEY });
    await svc.saveDesk({ mode: 'key', imKey: IM_KEY });
    store.entries.set('unrelated', 'x');
    const r = await svc.signOut();
    expect(r.ok).toBe(true);
    expect([...store.entries.keys()]).toEqual(['unrelated']);
    expect(svc.status().ccc.set).toBe(false);
    expect(svc.status().desk.set).toBe(false);
    expect(await svc.cccCredentials()).toBeNull();
    expect(svc.userSigProvider({ sdkAppId: 1, identifier: 'administrator' })).toBeNull();
  });

  it('turns keychain failures into error values and still forgets on sign-out', async () => {
    const svc = make();
    await svc.load();
    await svc.saveCcc({ secretId: SECRET_ID, secretKey: SECRET_KEY });
    store.failing.add('set');
    const save = await svc.saveDesk({ mode: 'key', imKey: IM_KEY });
    expect(save.ok).toBe(false);
    if (!save.ok) expect(save.error.code).toBe('keychain_unavailable');
    expect(svc.status().desk.set).toBe(false);
    store.failing.add('delete');
    const out = await svc.signOut();
    expect(out.ok).toBe(false);
    expect(svc.status().ccc.set).toBe(false);
    store.failing = new Set(['get']);
    const fresh = createCredentialService({ store, clock });
    const loaded = await fresh.load();
    expect(loaded.ok).toBe(false);
    expect(fresh.status().ccc.set).toBe(false);
  });

  it('ignores an unusable keychain entry without logging its content', async () => {
    store.entries.set(SECRET_ACCOUNTS.ccc, `not json ${SECRET_KEY}`);
    const mem = createMemorySink();
    const svc = createCredentialService({ store, clock, logger: createLogger({ sink: mem.sink }) });
    expect((await svc.load()).ok).toBe(true);
    expect(svc.status().ccc.set).toBe(false);
    expect(mem.lines.join('\n')).not.toContain(SECRET_KEY);
    expect(mem.lines.length).toBeGreaterThan(0);
  });

  it('registers every loaded, saved and generated secret with the log redactor', async () => {
    store.entries.set(
      SECRET_ACCOUNTS.ccc,
      JSON.stringify({
        v: 1,
        secretId: SECRET_ID,
        secretKey: SECRET_KEY,
        token: TOKEN,
        expiresAtMs: NOW + 1,
      }),
    );
    const redactor = createRedactor();
    const svc = createCredentialService({ store, clock, redactor });
    await svc.load();
    await svc.saveDesk({ mode: 'key', imKey: IM_KEY });
    const generated = svc
      .userSigProvider({ sdkAppId: 1400000000, identifier: 'administrator' })
      ?.get();
    const sig = generated?.ok ? generated.value : 'missing';
    const text = redactor.redact(`k=${SECRET_KEY} t=${TOKEN} im ${IM_KEY} sig ${sig}`);
    for (const secret of [SECRET_KEY, TOKEN, IM_KEY, sig]) expect(text).not.toContain(secret);
  });

  it('tells subscribers about every change', async () => {
    const svc = make();
    await svc.load();
    const seen: boolean[] = [];
    svc.subscribe((s) => seen.push(s.ccc.set));
    await svc.saveCcc({ secretId: SECRET_ID, secretKey: SECRET_KEY });
    await svc.signOut();
    expect(seen).toEqual([true, false]);
  });
});
