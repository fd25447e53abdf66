import { describe, expect, it } from 'vitest';
import { idleSnapshot } from '../../../../electron/core/app/idle-snapshot';
import { createShellState } from '../../../../electron/core/app/shell-state';
import { createIpcHandlers, type HandlerContext } from '../../../../electron/core/app/ipc-handlers';
import { ALL_HELP_URLS, helpUrl } from '../../../../electron/core/app/help-links';
import { createCredentialService } from '../../../../electron/core/credentials/credential-service';
import { createLogger, createMemorySink } from '../../../../electron/core/logger';
import { defaultSettings } from '../../../../shared/settings';
import { ok } from '../../../../shared/result';
import { InMemorySecretStore } from '../../../helpers/in-memory-secret-store';

const SECRET = 'very-secret-key-value-42';

function context(over: Partial<HandlerContext> = {}) {
  const mem = createMemorySink();
  const logger = createLogger({ sink: mem.sink });
  logger.addSecret(SECRET);
  const ctx: HandlerContext = {
    logger,
    isDisposed: () => false,
    snapshot: () => idleSnapshot('agent@example.com', null),
    engine: () => null,
    stats: () => null,
    notConfigured: () => ({
      source: 'app',
      code: 'not_configured',
      kind: 'config',
      message: 'Set up first.',
      retryable: false,
    }),
    settings: () => defaultSettings(),
    saveSettings: async (s) => ok(s),
    credentials: createCredentialService({
      store: new InMemorySecretStore(),
      clock: { now: () => 0 },
    }),
    afterCredentialChange: async () => {},
    testConnection: async () => ({ ccc: { ok: true, message: 'fine' }, desk: null }),
    startDemo: async () => ok(undefined),
    stopDemo: async () => ok(undefined),
    setWindowVisible: () => {},
    shell: createShellState({
      channel: () => 'stable',
      snapshot: () => idleSnapshot('agent@example.com', null),
      hooks: {},
      changed: () => {},
    }),
    appInfo: () => ({ version: '1', platform: 'linux', locale: 'en', demo: false }),
    ...over,
  };
  return { handlers: createIpcHandlers(ctx), mem };
}

describe('ipc handler guard', () => {
  it('blocks an output that carries a registered secret, and logs it without the secret', async () => {
    const { handlers, mem } = context({ snapshot: () => idleSnapshot(`agent ${SECRET}`, null) });
    const r = await handlers['status:get'](undefined);
    expect(r).toMatchObject({ ok: false, code: 'internal' });
    expect(JSON.stringify(r)).not.toContain(SECRET);
    expect(mem.lines.join('\n')).toContain('carried a secret');
    expect(mem.lines.join('\n')).not.toContain(SECRET);
  });

  it('redacts a secret inside an error message', async () => {
    const { handlers } = context({
      notConfigured: () => ({
        source: 'app',
        code: 'x',
        kind: 'config',
        message: `bad ${SECRET}`,
        retryable: false,
      }),
    });
    const r = await handlers['status:set']({ status: 'free' });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  it('turns a thrown error and an off-contract output into internal errors', async () => {
    const thrower = context({
      testConnection: async () => {
        throw new Error('boom');
      },
    });
    expect(await thrower.handlers['credentials:test'](undefined)).toMatchObject({
      ok: false,
      code: 'internal',
    });
    const offContract = context({ appInfo: () => ({ version: 1 }) as never });
    expect(await offContract.handlers['app:info'](undefined)).toMatchObject({
      ok: false,
      code: 'internal',
    });
  });

  it('drops fields the contract does not name', async () => {
    const { handlers } = context({
      appInfo: () =>
        ({ version: '1', platform: 'linux', locale: 'en', demo: false, extra: 'x' }) as never,
    });
    const r = await handlers['app:info'](undefined);
    expect(r).toEqual({
      ok: true,
      value: { version: '1', platform: 'linux', locale: 'en', demo: false },
    });
  });

  it('answers after dispose without doing anything', async () => {
    const { handlers } = context({ isDisposed: () => true });
    expect(await handlers['settings:get'](undefined)).toMatchObject({
      ok: false,
      code: 'shutting_down',
    });
  });

  it('reports help as unavailable without an opener', async () => {
    const { handlers } = context();
    expect(await handlers['app:openHelp']({ topic: 'usersig' })).toMatchObject({
      ok: false,
      code: 'unsupported',
    });
  });
});

describe('help links', () => {
  it('are https pages on Tencent sites, international ones for the international endpoint', () => {
    for (const url of ALL_HELP_URLS) {
      const u = new URL(url);
      expect(u.protocol).toBe('https:');
      expect(u.hostname).toMatch(/(^|\.)(tencent\.com|tencentcloud\.com|trtc\.io)$/);
    }
    expect(new URL(helpUrl('cam-policy', true)).hostname).toBe('www.tencentcloud.com');
    expect(new URL(helpUrl('cam-policy', false)).hostname).toBe('cloud.tencent.com');
  });
});
