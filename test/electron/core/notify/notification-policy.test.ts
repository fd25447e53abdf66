import { describe, expect, it } from 'vitest';
import {
  createNotificationPolicy,
  isNotableDrift,
  type PolicyContext,
} from '../../../../electron/core/notify/notification-policy';
import { defaultSettings, type CredentialStatus, type Settings } from '../../../../shared/settings';
import type { StatusSnapshot } from '../../../../shared/snapshot';

const T0 = Date.UTC(2026, 10, 21, 4, 0, 0);
const MIN = 60_000;

const snap = (over: Partial<StatusSnapshot> = {}): StatusSnapshot => ({
  agentId: 'agent@example.com',
  status: 'free',
  rawStatus: 'free',
  reason: '',
  statusSinceMs: T0,
  reserveRest: false,
  reserveNotReady: false,
  statusExtra: null,
  today: { online: 0, free: 0, busy: 0, rest: 0, notReady: 0, afterCallWork: 0 },
  useMobileAccept: 0,
  useMobileCallOut: false,
  lastSyncMs: T0,
  connection: 'ok',
  lastError: null,
  pending: null,
  undo: null,
  clockOffsetMs: 0,
  ...over,
});

const ctx = (
  nowMs: number,
  settings: Settings = defaultSettings(),
  locale: 'en' | 'zh-CN' = 'en',
): PolicyContext => ({
  settings,
  locale,
  nowMs,
});
const withNotifications = (over: Partial<Settings['notifications']>): Settings => {
  const s = defaultSettings();
  return { ...s, notifications: { ...s.notifications, ...over } };
};
const onBreak = (reason: string, since = T0) =>
  snap({ status: 'rest', rawStatus: 'rest', reason, statusSinceMs: since });

describe('break over its limit', () => {
  it('notifies once per break when the limit passes, with a back-to-available action', () => {
    const p = createNotificationPolicy();
    // "Break" has a 15 minute limit by default.
    expect(p.onSnapshot(onBreak('Break'), ctx(T0 + 5 * MIN))).toEqual([]);
    expect(p.nextDueMs(ctx(T0 + 5 * MIN))).toBe(T0 + 15 * MIN);
    expect(p.tick(ctx(T0 + 15 * MIN - 1))).toEqual([]);
    const fired = p.tick(ctx(T0 + 15 * MIN));
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({
      kind: 'breakOverLimit',
      title: 'Break over its limit',
      body: 'Your Break break has lasted 15m (limit: 15 min).',
      actions: [
        {
          id: 'backToAvailable',
          label: 'Back to Available',
          action: { type: 'setStatus', status: 'free' },
        },
      ],
    });
    // Polls keep coming during the same break: no repeat.
    expect(p.onSnapshot(onBreak('Break'), ctx(T0 + 16 * MIN))).toEqual([]);
    expect(p.tick(ctx(T0 + 40 * MIN))).toEqual([]);
    expect(p.nextDueMs(ctx(T0 + 40 * MIN))).toBeNull();
    // A new break (new start time) is a new occasion.
    const second = T0 + 50 * MIN;
    p.onSnapshot(snap({ statusSinceMs: T0 + 45 * MIN }), ctx(T0 + 45 * MIN));
    expect(p.onSnapshot(onBreak('Break', second), ctx(second + 16 * MIN))).toHaveLength(1);
  });

  it('has no limit for reasons without one, unknown reasons, or when switched off', () => {
    const p = createNotificationPolicy();
    expect(p.onSnapshot(onBreak('Meeting'), ctx(T0 + 300 * MIN))).toEqual([]);
    expect(p.onSnapshot(onBreak('Smoke'), ctx(T0 + 300 * MIN))).toEqual([]);
    expect(p.nextDueMs(ctx(T0 + 300 * MIN))).toBeNull();
    const off = withNotifications({ breakOverLimit: false });
    expect(p.onSnapshot(onBreak('Lunch'), ctx(T0 + 90 * MIN, off))).toEqual([]);
    expect(p.nextDueMs(ctx(T0 + 90 * MIN, off))).toBeNull();
  });

  it('matches the reason label case-insensitively and localizes', () => {
    const p = createNotificationPolicy();
    const out = p.onSnapshot(onBreak('lunch'), ctx(T0 + 61 * MIN, defaultSettings(), 'zh-CN'));
    expect(out[0]?.title).toBe('小休超时');
    expect(out[0]?.body).toContain('1h 01m');
  });
});

describe('connection lost / restored (debounced)', () => {
  it('does not notify for a single failed poll', () => {
    const p = createNotificationPolicy({ connectionLostAfterMs: MIN });
    p.onSnapshot(snap(), ctx(T0));
    expect(p.onSnapshot(snap({ connection: 'degraded' }), ctx(T0 + 5_000))).toEqual([]);
    expect(p.nextDueMs(ctx(T0 + 5_000))).toBe(T0 + 5_000 + MIN);
    expect(p.onSnapshot(snap(), ctx(T0 + 10_000))).toEqual([]); // recovered: no lost, no restored
    expect(p.nextDueMs(ctx(T0 + 10_000))).toBeNull();
    expect(p.tick(ctx(T0 + 2 * MIN))).toEqual([]);
  });

  it('notifies lost after the trouble lasted, then restored once', () => {
    const p = createNotificationPolicy({ connectionLostAfterMs: MIN });
    p.onSnapshot(snap(), ctx(T0));
    p.onSnapshot(snap({ connection: 'degraded' }), ctx(T0 + 5_000));
    expect(p.onSnapshot(snap({ connection: 'offline' }), ctx(T0 + 30_000))).toEqual([]);
    const lost = p.tick(ctx(T0 + 5_000 + MIN));
    expect(lost.map((n) => n.kind)).toEqual(['connectionLost']);
    expect(p.onSnapshot(snap({ connection: 'offline' }), ctx(T0 + 3 * MIN))).toEqual([]);
    const restored = p.onSnapshot(snap(), ctx(T0 + 4 * MIN));
    expect(restored.map((n) => n.kind)).toEqual(['connectionRestored']);
    expect(p.onSnapshot(snap(), ctx(T0 + 5 * MIN))).toEqual([]);
  });

  it('is silent when switched off (no restored either)', () => {
    const off = withNotifications({ connection: false });
    const p = createNotificationPolicy({ connectionLostAfterMs: MIN });
    p.onSnapshot(snap({ connection: 'offline' }), ctx(T0, off));
    expect(p.tick(ctx(T0 + 5 * MIN, off))).toEqual([]);
    expect(p.onSnapshot(snap(), ctx(T0 + 6 * MIN, off))).toEqual([]);
  });
});

describe('credentials', () => {
  it('notifies a rejection once per transition, with an open-settings action', () => {
    const p = createNotificationPolicy();
    p.onSnapshot(snap(), ctx(T0));
    const out = p.onSnapshot(snap({ connection: 'credentials_rejected' }), ctx(T0 + 1000));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      kind: 'credentialsRejected',
      click: { type: 'open', view: 'settings' },
    });
    expect(p.onSnapshot(snap({ connection: 'credentials_rejected' }), ctx(T0 + 2000))).toEqual([]);
    p.onSnapshot(snap(), ctx(T0 + 3000));
    expect(p.onSnapshot(snap({ connection: 'credentials_rejected' }), ctx(T0 + 4000))).toHaveLength(
      1,
    );
    const off = withNotifications({ credentials: false });
    p.onSnapshot(snap(), ctx(T0 + 5000, off));
    expect(p.onSnapshot(snap({ connection: 'credentials_rejected' }), ctx(T0 + 6000, off))).toEqual(
      [],
    );
  });

  it('warns 15 minutes before temporary credentials and a pasted UserSig expire, once each', () => {
    const exp = T0 + 60 * MIN;
    const status: CredentialStatus = {
      ccc: { set: true, secretIdPrefix: 'AKIDabcd…', temporary: true, expiresAtMs: exp },
      desk: {
        set: true,
        mode: 'pasted',
        userSigExpiresAtMs: exp + 30 * MIN,
        userSigIdentifier: 'administrator',
      },
    };
    const p = createNotificationPolicy();
    expect(p.onCredentials(status, ctx(T0))).toEqual([]);
    expect(p.nextDueMs(ctx(T0))).toBe(exp - 15 * MIN);
    const first = p.tick(ctx(exp - 15 * MIN));
    expect(first.map((n) => n.kind)).toEqual(['credentialsExpiring']);
    expect(p.tick(ctx(exp - 10 * MIN))).toEqual([]);
    expect(p.nextDueMs(ctx(exp - 10 * MIN))).toBe(exp + 15 * MIN);
    expect(p.tick(ctx(exp + 15 * MIN)).map((n) => n.kind)).toEqual(['userSigExpiring']);
    expect(p.nextDueMs(ctx(exp + 15 * MIN))).toBeNull();
    // New credentials with a new expiry get their own warning.
    const renewed = { ...status, ccc: { ...status.ccc, expiresAtMs: exp + 120 * MIN } };
    expect(p.onCredentials(renewed, ctx(exp + 110 * MIN)).map((n) => n.kind)).toEqual([
      'credentialsExpiring',
    ]);
  });

  it('does not warn about permanent keys or an IM key', () => {
    const p = createNotificationPolicy();
    p.onCredentials(
      {
        ccc: { set: true, secretIdPrefix: 'AKIDabcd…', temporary: false, expiresAtMs: null },
        desk: { set: true, mode: 'key', userSigExpiresAtMs: null, userSigIdentifier: null },
      },
      ctx(T0),
    );
    expect(p.nextDueMs(ctx(T0))).toBeNull();
  });
});

describe('drift, failed changes, lock break, settings reset', () => {
  const drift = (before: string, after: string, reasonAfter = '') => ({
    before: { status: before as never, reason: '' },
    after: { status: after as never, reason: reasonAfter },
    atMs: T0,
  });

  it('ignores what a call does by itself and the first sync', () => {
    expect(isNotableDrift(drift('free', 'busy'))).toBe(false);
    expect(isNotableDrift(drift('busy', 'afterCallWork'))).toBe(false);
    expect(isNotableDrift(drift('afterCallWork', 'free'))).toBe(false);
    expect(isNotableDrift(drift('afterCallWork', 'rest', 'Lunch'))).toBe(false);
    expect(isNotableDrift(drift('unknown', 'free'))).toBe(false);
    expect(isNotableDrift(drift('free', 'rest', 'Meeting'))).toBe(true);
    expect(isNotableDrift(drift('rest', 'offline'))).toBe(true);
  });

  it('notifies drift with before/after, and honours the switch', () => {
    const p = createNotificationPolicy();
    const out = p.onDrift(drift('free', 'rest', 'Meeting'), ctx(T0));
    expect(out[0]).toMatchObject({
      kind: 'drift',
      body: 'Your status was changed from Available to Break · Meeting outside this app.',
    });
    expect(out[0]?.actions.map((a) => a.id)).toEqual(['backToAvailable']);
    expect(p.onDrift(drift('rest', 'free'), ctx(T0))[0]?.actions).toEqual([]);
    expect(p.onDrift(drift('free', 'rest'), ctx(T0, withNotifications({ drift: false })))).toEqual(
      [],
    );
  });

  it('tells about a failed change only while the window is hidden', () => {
    const p = createNotificationPolicy();
    const failed = {
      id: 7,
      requested: { status: 'rest' as const, reason: 'Lunch' },
      outcome: 'failed' as const,
      error: {
        source: 'ccc' as const,
        code: 'FailedOperation',
        kind: 'refused' as const,
        message: 'Refused.',
        retryable: false,
      },
      atMs: T0,
    };
    expect(p.onOutcome(failed, { ...ctx(T0), windowVisible: true })).toEqual([]);
    expect(p.onOutcome(failed, { ...ctx(T0), windowVisible: false })[0]?.body).toBe(
      'Break did not take effect: Refused.',
    );
    expect(
      p.onOutcome(
        { ...failed, outcome: 'applied', error: null },
        { ...ctx(T0), windowVisible: false },
      ),
    ).toEqual([]);
  });

  it('offers back-to-available after a lock-screen break and reports a settings reset', () => {
    const p = createNotificationPolicy();
    const back = p.lockBreakReturn('rest', 'Break', ctx(T0));
    expect(back.body).toBe('You were set to Break · Break while the screen was locked.');
    expect(back.actions[0]?.action).toEqual({ type: 'setStatus', status: 'free' });
    expect(p.settingsReset(ctx(T0)).click).toEqual({ type: 'open', view: 'settings' });
  });
});
