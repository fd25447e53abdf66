import { describe, expect, it } from 'vitest';
import { idleSnapshot } from '../../../../electron/core/app/idle-snapshot';
import { createShellState } from '../../../../electron/core/app/shell-state';
import { createIpcHandlers, type HandlerContext } from '../../../../electron/core/app/ipc-handlers';
import { ALL_HELP_URLS, helpUrl } from '../../../../electron/core/app/help-links';
import { createCredentialService } from '../../../../electron/core/credentials/credential-service';
import { createLogger, createMemorySink } from '../../../../electron/core/logger';
import { buildDayStats } from '../../../../electron/core/stats/day-model';
import type { AgentCall } from '../../../../electron/core/stats/voice-day';
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

  it('refuses to send a call whose customer number is not masked', async () => {
    const call = (customer: string): AgentCall => ({
      sessionId: 's',
      direction: 'in',
      callTime: 1_741_600_000,
      startedAt: 1_741_600_000,
      endedAt: 1_741_600_060,
      answerSeconds: 0,
      talkSeconds: 60,
      outcome: 'completed',
      endStatus: 'ok',
      customer,
      transferredIn: false,
      transferredOut: false,
      missedRings: 0,
    });
    const day = (customer: string) =>
      buildDayStats(
        {
          day: '2025-03-10',
          tzOffsetMinutes: 480,
          metrics: null,
          history: [],
          desk: null,
          records: null,
          voice: [call(customer)],
        },
        { nowMs: Date.UTC(2025, 2, 12), fetchedAtMs: 0, final: true },
      );
    const stats = (customer: string) => ({
      getDay: async () => ok(day(customer)),
      getToday: async () => day(customer),
      getWeek: async () => {
        throw new Error('not used');
      },
    });
    const masked = context({ stats: () => stats('•••5678') });
    expect(await masked.handlers['stats:day']({ day: '2025-03-10' })).toMatchObject({
      ok: true,
      value: { voice: { calls: [{ customer: '•••5678' }] } },
    });
    const raw = context({ stats: () => stats('008613812345678') });
    const r = await raw.handlers['stats:day']({ day: '2025-03-10' });
    expect(r).toMatchObject({ ok: false, code: 'internal' });
    expect(JSON.stringify(r)).not.toContain('008613812345678');
    expect(raw.mem.lines.join('\n')).not.toContain('008613812345678');
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
