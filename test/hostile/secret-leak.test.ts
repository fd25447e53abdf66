import { rm } from 'node:fs/promises';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDeskClient } from '../../electron/core/api/desk-client';
import { genUserSig, keyUserSigProvider } from '../../electron/core/api/usersig';
import { createEventHub } from '../../electron/core/app/event-hub';
import { resolveRuntimeConfig } from '../../electron/core/app/runtime';
import { createLogger, createMemorySink, createRedactor } from '../../electron/core/logger';
import {
  startSimulator,
  type RunningSimulator,
  type SimFault,
} from '../../electron/simulator/index';
import { defaultSettings } from '../../shared/settings';
import { changeOutcomeSchema } from '../../shared/snapshot';
import { FakeClock } from '../helpers/fake-clock';
import { START, TODAY, accountSettings, leaks, session, value, type Session } from './leak-session';
import { findSecrets, type SecretList } from './secret-forms';

vi.mock('electron', () => import('../helpers/fake-electron').then((m) => m.electronModule));

/**
 * Issue 6 section 3: whole sessions with a real account (the simulator as custom endpoint) and in
 * demo mode: credentials saved (a wrong key with special characters, then temporary credentials
 * with a token, an IM key, a pasted UserSig), connection tests with good and bad keys, own and
 * supervisor status changes, faults (including errors whose text echoes the token or the UserSig
 * back, as a proxy or a verbose service might), stats, sign-out. Everything that can leave the
 * app is captured: every log line, every IPC reply (through the real main-process guard), every
 * event sent to the window, every notification, every tray model, every AppError met on the way
 * and the files in the data folder. None may carry a configured secret (SecretKey, token, IM key,
 * UserSig, including each UserSig seen on the wire) raw, URL-encoded, JSON-escaped or base64.
 */

const open: Session[] = [];
/** Registers a session to close after the test. */
const track = (s: Session): Session => (open.push(s), s);
afterEach(async () => {
  for (const s of open.splice(0)) {
    await s.close();
    await rm(s.dataDir, { recursive: true, force: true });
  }
});

/** Own changes, a call with a reserved break, a supervisor's change, stats, the shortcut. */
async function dayOfWork(s: Session, sim: RunningSimulator, agent: string): Promise<void> {
  value(await s.call('status:refresh'));
  value(await s.call('status:set', { status: 'rest', reason: 'Lunch' }));
  await s.advance(2_000);
  await s.call('status:undo');
  value(await s.call('status:set', { status: 'notReady' }));
  await sim.control.startCall(agent, { type: 'tel', direct: 'in' });
  value(await s.call('status:refresh'));
  await s.call('status:set', { status: 'rest', reason: 'Break' });
  await s.call('status:cancelPending');
  await sim.control.endCall(agent);
  await sim.control.finishWrapUp(agent);
  await sim.control.setStatus(agent, 'rest', 'Meeting');
  value(await s.call('status:refresh'));
  await s.drive(s.core.toggleBreak());
  await s.call('stats:day', { day: TODAY });
  await s.call('stats:week', {});
  await s.advance(60_000);
}

type ScopedFault = Exclude<SimFault, { kind: 'refused' }>;

/** CCC and desk faults, some of whose error texts echo the token / UserSig back. */
async function faults(s: Session, sim: RunningSimulator, echo: string[]): Promise<void> {
  const apiError = (code: string, message: string): ScopedFault => ({
    kind: 'apiError',
    code,
    message,
  });
  const ccc: ScopedFault[] = [
    ...echo.map((e) => apiError('InvalidParameterValue', `bad header ${e}`)),
    ...echo.map((e) => apiError('InternalError', `trace ${e}`)),
    ...echo.map((e) => apiError('Weird.Unknown', e)),
    { kind: 'http5xx', status: 503 },
    { kind: 'nonJson' },
    { kind: 'malformedJson' },
    { kind: 'rateLimitStorm', times: 2 },
    { kind: 'clockSkew', ms: 10 * 60_000, times: 2 },
    { kind: 'reset' },
  ];
  for (const f of ccc) {
    await s.advance(1_000); // stay under the simulator's 20 requests per second
    // Two failed polls in a row: the connection shows degraded with the error.
    await sim.control.injectFault({ times: 2, ...f, action: 'DescribeStaffStatusMetrics' });
    await s.call('status:refresh');
    await s.call('status:refresh');
    await sim.control.clearFaults();
    await s.call('status:refresh');
  }
  for (const e of echo) {
    await s.advance(1_000);
    await sim.control.injectFault({
      kind: 'apiError',
      code: 'FailedOperation',
      message: e,
      action: 'SetStaffStatus',
    });
    await s.call('status:set', { status: 'rest', reason: 'Coffee break' });
    await sim.control.injectFault({
      kind: 'apiError',
      code: 'AuthFailure.TokenFailure',
      message: e,
      action: 'DescribeStaffStatusMetrics',
    });
    await s.call('status:refresh');
    await sim.control.clearFaults();
    await s.call('credentials:test'); // the key works again: polling resumes
  }
  for (const e of [...echo, ...s.userSigs].filter((x) => x.length <= 200)) {
    await s.advance(1_000);
    const r = await sim.control.injectDeskFault({ kind: 'error', code: 70009, info: e, times: 4 });
    expect(r.ok).toBe(true);
    await s.call('stats:day', { day: TODAY });
    await s.call('credentials:test');
    await sim.control.clearDeskFaults();
  }
  await sim.control.injectDeskFault({ kind: 'http', status: 502, times: 6 });
  await s.call('stats:day', { day: TODAY });
  await sim.control.injectDeskFault({ kind: 'malformed', times: 2 });
  await s.call('stats:day', { day: TODAY });
  await sim.control.clearDeskFaults();
}

describe('no configured secret ever leaves the app', () => {
  it('a real-account session: keys good and bad, token, IM key, pasted UserSig, faults, sign-out', async () => {
    const clock = new FakeClock(START);
    const sim = await startSimulator({ clock, autopilot: false });
    try {
      const agent = sim.staff[1]!;
      const tmp = (await sim.control.addTemporaryCredentials({ ttlSeconds: 8 * 3600 })) as {
        ok: true;
        value: { secretId: string; secretKey: string; token: string; expiredTime: number };
      };
      const temp = tmp.value;
      const badKey = 'Wr0ng/Key+with=sp&cial"chars\\ü€-0001';
      const wrongImKey = 'wrong-im-key/+=&"\\-0123456789abcdef';
      const s = track(await session(clock));
      value(await s.call('settings:update', accountSettings(sim, agent)));

      // A wrong SecretKey (special characters, so every encoding differs), tested and polled.
      value(
        await s.call('credentials:saveCcc', {
          secretId: sim.credentials.secretId,
          secretKey: badKey,
        }),
      );
      expect(value(await s.call('credentials:test'))).toMatchObject({ ccc: { ok: false } });
      await s.call('status:refresh');
      // Temporary credentials with a token, then a wrong IM key, then the right one.
      value(
        await s.call('credentials:saveCcc', {
          secretId: temp.secretId,
          secretKey: temp.secretKey,
          token: temp.token,
          expiresAtMs: temp.expiredTime * 1000,
        }),
      );
      value(await s.call('credentials:saveDesk', { mode: 'key', imKey: wrongImKey }));
      expect(value(await s.call('credentials:test'))).toMatchObject({
        ccc: { ok: true },
        desk: { ok: false },
      });
      await s.call('stats:day', { day: TODAY });
      value(await s.call('credentials:saveDesk', { mode: 'key', imKey: sim.desk.imKey }));
      expect(value(await s.call('credentials:test'))).toMatchObject({
        ccc: { ok: true },
        desk: { ok: true },
      });

      await dayOfWork(s, sim, agent);
      await faults(s, sim, [temp.token, ...s.userSigs]);

      // A pasted UserSig (a different secret: its own expiry), tested and used.
      const pasted = genUserSig({
        sdkAppId: sim.desk.imSdkAppId,
        key: sim.desk.imKey,
        identifier: sim.desk.adminIdentifier,
        lifetimeSeconds: 30 * 86_400,
        nowSeconds: Math.floor(clock.now() / 1000) - 60,
      });
      value(await s.call('credentials:saveDesk', { mode: 'pasted', userSig: pasted }));
      expect(value(await s.call('credentials:test'))).toMatchObject({ desk: { ok: true } });
      await s.call('stats:day', { day: TODAY });
      await faults(s, sim, [pasted]);

      await s.call('app:openHelp', { topic: 'usersig' });
      s.core.onPowerEvent('lock-screen');
      s.core.onPowerEvent('unlock-screen');
      value(await s.call('credentials:signOut'));
      await s.call('status:get');
      await s.call('credentials:status');
      await s.advance(60_000);
      await s.close();

      const secrets: SecretList = [
        { name: 'wrong SecretKey', value: badKey },
        { name: 'SecretKey', value: temp.secretKey },
        { name: 'token', value: temp.token },
        { name: 'wrong IM key', value: wrongImKey },
        { name: 'IM key', value: sim.desk.imKey },
        { name: 'pasted UserSig', value: pasted },
        ...[...s.userSigs].map((v, i) => ({ name: `UserSig #${i + 1} sent`, value: v })),
      ];
      // The session did what it says: generated UserSigs went out, errors came back.
      expect(s.userSigs.size).toBeGreaterThanOrEqual(2);
      const errors = s.appErrors();
      const codes = new Set(errors.map((e) => e.code));
      for (const c of ['AuthFailure.SignatureFailure', 'FailedOperation', '70009']) {
        expect([...codes]).toContain(c);
      }
      expect(
        ['InvalidParameterValue', 'InternalError', 'Weird.Unknown'].some((c) => codes.has(c)),
      ).toBe(true);
      // Echoed secrets came back in error texts, and were masked there.
      expect(errors.filter((e) => /\*\*\*|\[redacted\]/.test(e.message)).length).toBeGreaterThan(0);
      expect(await leaks(s, secrets)).toEqual([]);
    } finally {
      await sim.close();
    }
  }, 120_000);

  it('a demo session: the simulator keys and every generated UserSig stay inside', async () => {
    const clock = new FakeClock(START);
    const sims: RunningSimulator[] = [];
    const s = track(
      await session(clock, async (o) => {
        const sim = await startSimulator(o);
        sims.push(sim);
        return sim;
      }),
    );
    value(await s.call('demo:start'));
    const sim = sims[0]!;
    await dayOfWork(s, sim, sim.staff[0]!);
    value(await s.call('credentials:test'));
    await faults(s, sim, [...s.userSigs]);
    value(await s.call('demo:stop'));
    await s.close();
    const secrets: SecretList = [
      { name: 'demo SecretKey', value: sim.credentials.secretKey },
      { name: 'demo IM key', value: sim.desk.imKey },
      ...[...s.userSigs].map((v, i) => ({ name: `UserSig #${i + 1} sent`, value: v })),
    ];
    expect(s.userSigs.size).toBeGreaterThanOrEqual(1);
    expect(await leaks(s, secrets)).toEqual([]);
  }, 120_000);
});

describe('the three leaks the sessions found, one by one', () => {
  const TOKEN = 'sts-token/with+special=chars&0123456789';

  it('events and notifications pass the secret check IPC replies pass (redacted, same shape)', () => {
    const logs = createMemorySink();
    const logger = createLogger({ sink: logs.sink });
    logger.addSecret(TOKEN);
    const hub = createEventHub(logger);
    const got: unknown[] = [];
    hub.subscribe((_name, payload) => got.push(payload));
    hub.onNotification((n) => got.push(n));
    const outcome = {
      id: 1,
      requested: { status: 'rest' as const, reason: 'Lunch' },
      outcome: 'failed' as const,
      error: {
        source: 'ccc' as const,
        code: 'FailedOperation',
        kind: 'refused' as const,
        message: `CCC refused: header X-TC-Token=${encodeURIComponent(TOKEN)}`,
        retryable: false,
      },
      atMs: 0,
    };
    hub.emit('status:outcome', outcome);
    const clean = { ...outcome, error: null };
    hub.emit('status:outcome', clean);
    hub.notify([
      {
        id: 'x',
        kind: 'changeFailed' as never,
        title: 'Not changed',
        body: `because ${TOKEN}`,
        actions: [],
        click: { type: 'open', view: 'status' },
        atMs: 0,
      },
    ]);
    expect(findSecrets(JSON.stringify(got), [{ name: 'token', value: TOKEN }])).toEqual([]);
    expect(changeOutcomeSchema.safeParse(got[0]).success).toBe(true);
    expect((got[0] as typeof outcome).error.message).toContain('[redacted]');
    expect(got[1]).toBe(clean); // nothing to hide: passed on as it is
    expect(logs.lines.join('\n')).toContain('carried a secret');
  });

  it('demo mode masks each UserSig it generates, as the real account does', () => {
    const clock = new FakeClock(START);
    const redactor = createRedactor();
    const demo = {
      url: 'http://127.0.0.1:1',
      sdkAppId: 1400800001,
      agentId: 'demo.agent@example.com',
      credentials: { secretId: 'AKIDdemo00000001', secretKey: 'demo-secret-key-0001' },
      desk: {
        baseUrl: 'http://127.0.0.1:1',
        imSdkAppId: 1600012345,
        adminIdentifier: 'administrator',
        imKey: 'f'.repeat(64),
      },
    };
    const settings = { ...defaultSettings(), demoMode: true };
    const credentials = { status: () => ({}) } as never;
    const config = resolveRuntimeConfig(settings, credentials, demo, clock, 0, redactor);
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    const sig = config.value.desk!.userSig.get();
    expect(sig.ok).toBe(true);
    if (!sig.ok) return;
    expect(redactor.containsSecret(`service said: ${sig.value}`)).toBe(true);
  });

  it('a desk error quoting the request URL keeps not even a prefix of the UserSig', async () => {
    const clock = new FakeClock(START);
    const provider = keyUserSigProvider({
      sdkAppId: 1600012345,
      identifier: 'administrator',
      key: () => 'e'.repeat(64),
      clock,
    });
    const userSig = provider.get();
    if (!userSig.ok) throw new Error('no UserSig');
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://console.tim.qq.com')
      .intercept({ path: () => true, method: 'POST' })
      .reply(200, {
        ActionStatus: 'FAIL',
        ErrorCode: 60002,
        // Longer than the 200 characters the message keeps: cutting would leave a prefix.
        ErrorInfo: `cannot parse /v4/desk_http_svc/describe_im_cdr_list?usersig=${userSig.value}&random=1`,
      });
    const client = createDeskClient({
      endpoint: { dataCentre: 'china' },
      imSdkAppId: 1600012345,
      adminIdentifier: 'administrator',
      agentId: 'agent@example.com',
      userSig: provider,
      clock,
      timers: clock,
      dispatcher: agent,
    });
    const r = await client.describeImCdrList(TODAY, { maxAttempts: 1 });
    await agent.close();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('60002');
    for (let i = 0; i + 16 <= userSig.value.length; i += 8) {
      expect(r.error.message).not.toContain(userSig.value.slice(i, i + 16));
    }
  });
});
