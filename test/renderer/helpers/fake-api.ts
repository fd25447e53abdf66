import { API_EVENTS, type EventName, type IpcResult } from '../../../shared/ipc-channels';
import type { EventPayload } from '../../../shared/ipc-contract';
import type { RendererApi } from '../../../shared/renderer-api';
import type { ShellState } from '../../../shared/shell';
import { defaultSettings, type CredentialStatus, type Settings } from '../../../shared/settings';
import type { ChangeOutcome, StatusSnapshot } from '../../../shared/snapshot';
import type { DayStatsDto } from '../../../shared/stats-dto';

/**
 * A fake `window.ccc` for component and store tests: every method answers from in-memory state
 * (overridable per method), records its calls, and `emit` plays a main -> renderer event.
 */

/** A snapshot of an agent who is available and connected, with overrides. */
export function makeSnapshot(over: Partial<StatusSnapshot> = {}): StatusSnapshot {
  return {
    agentId: 'agent@example.com',
    status: 'free',
    rawStatus: 'free',
    reason: '',
    statusSinceMs: Date.now() - 65_000,
    reserveRest: false,
    reserveNotReady: false,
    statusExtra: null,
    today: {
      online: 3 * 3600,
      free: 3600,
      busy: 4000,
      rest: 900,
      notReady: 300,
      afterCallWork: 600,
    },
    useMobileAccept: 0,
    useMobileCallOut: false,
    lastSyncMs: Date.now(),
    connection: 'ok',
    lastError: null,
    pending: null,
    undo: null,
    clockOffsetMs: 0,
    ...over,
  };
}

/** Credentials: none saved. */
export const noCredentials = (): CredentialStatus => ({
  ccc: { set: false, secretIdPrefix: null, temporary: false, expiresAtMs: null },
  desk: { set: false, mode: null, userSigExpiresAtMs: null, userSigIdentifier: null },
});

/** One day of stats with a timeline, two KPIs and two sessions. */
export function makeDayStats(day: string, over: Partial<DayStatsDto> = {}): DayStatsDto {
  const start = Date.parse(`${day}T01:00:00Z`);
  return {
    day,
    statusSeconds: {
      online: 28_800,
      free: 10_000,
      busy: 12_000,
      rest: 3_600,
      notReady: 1_200,
      afterCallWork: 2_000,
    },
    restByReason: { Lunch: 2_700, Break: 900 },
    timeline: [
      { status: 'free', reason: '', startMs: start, endMs: start + 3_600_000 },
      { status: 'rest', reason: 'Lunch', startMs: start + 3_600_000, endMs: start + 6_300_000 },
    ],
    kpis: [
      {
        id: 'sessionsTotal',
        value: 12,
        unit: 'count',
        definition: 'Chat sessions you received during the day.',
      },
      {
        id: 'satisfactionRate',
        value: 0.75,
        unit: 'ratio',
        definition: 'Share of rated sessions rated 4 or 5 stars.',
      },
      {
        id: 'avgFirstResponse',
        value: null,
        unit: 'seconds',
        definition: 'Average time to the first reply.',
      },
    ],
    sessions: [
      {
        sessionId: 's1',
        startMs: start + 600_000,
        clientNickName: 'Ada',
        durationSeconds: 312,
        endStatus: 'UserEndedSession',
        rating: 5,
      },
      {
        sessionId: 's2',
        startMs: start + 900_000,
        clientNickName: 'Lin',
        durationSeconds: 95,
        endStatus: 'SomethingNew',
        rating: null,
      },
    ],
    endStatusCounts: { UserEndedSession: 1, SomethingNew: 1 },
    voice: null,
    problems: [],
    fetchedAtMs: Date.now(),
    ...over,
  };
}

type Methods = Omit<RendererApi, keyof typeof API_EVENTS>;
type MethodName = keyof Methods;

export interface FakeApi {
  api: RendererApi;
  /** Every method call, in order. */
  calls: { method: MethodName; input: unknown }[];
  state: {
    snapshot: StatusSnapshot;
    settings: Settings;
    credentials: CredentialStatus;
    locale: 'en' | 'zh-CN';
    demo: boolean;
    shell: ShellState;
  };
  /** Replaces one method's behaviour. */
  override<M extends MethodName>(method: M, fn: Methods[M]): void;
  /** Plays an event from main. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** How many listeners each event has. */
  listenerCount(event: EventName): number;
}

const ok = <T>(value: T): Promise<IpcResult<T>> => Promise.resolve({ ok: true, value });

/** Builds a fake API with sensible defaults (connected, available, default settings). */
export function createFakeApi(init: Partial<FakeApi['state']> = {}): FakeApi {
  const state: FakeApi['state'] = {
    snapshot: makeSnapshot(),
    settings: defaultSettings(),
    credentials: noCredentials(),
    locale: 'en',
    demo: false,
    shell: {
      update: {
        phase: 'idle',
        channel: 'stable',
        version: null,
        percent: null,
        offReason: null,
        error: null,
      },
      notificationsFailed: false,
    },
    ...init,
  };
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: FakeApi['calls'] = [];
  let outcomeId = 0;
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  const outcome = (
    status: ChangeOutcome['requested']['status'],
    reason: string,
  ): ChangeOutcome => ({
    id: ++outcomeId,
    requested: { status, reason },
    outcome: 'applied',
    error: null,
    atMs: Date.now(),
  });

  const methods: Methods = {
    getStatus: () => ok(state.snapshot),
    setStatus: (input) => {
      const o = outcome(input.status, input.reason ?? '');
      state.snapshot = {
        ...state.snapshot,
        status: input.status,
        reason: input.reason ?? '',
        statusSinceMs: Date.now(),
      };
      emit('status:changed', state.snapshot);
      return ok(o);
    },
    cancelPending: () => ok(outcome('free', '')),
    undo: () => ok(null),
    refresh: () => ok(state.snapshot),
    setVisibility: () => ok(undefined),
    getAppInfo: () =>
      ok({ version: '0.1.0', platform: 'linux', locale: state.locale, demo: state.demo }),
    openHelp: () => ok(undefined),
    getShellState: () => ok(state.shell),
    restartToUpdate: () => ok(undefined),
    getDayStats: (input) => ok(makeDayStats(input.day)),
    getWeekTrend: (input) => {
      const end = Date.parse(`${input.endDay ?? '2026-11-20'}T00:00:00Z`);
      const days = Array.from({ length: 7 }, (_, i) =>
        makeDayStats(new Date(end - (6 - i) * 86_400_000).toISOString().slice(0, 10)),
      );
      return ok({ days, requests: 0 });
    },
    getSettings: () => ok(state.settings),
    updateSettings: (input) => {
      state.settings = input as Settings;
      emit('settings:changed', state.settings);
      return ok(state.settings);
    },
    getCredentialStatus: () => ok(state.credentials),
    saveCccCredentials: (input) => {
      state.credentials = {
        ...state.credentials,
        ccc: {
          set: true,
          secretIdPrefix: `${input.secretId.slice(0, 8)}…`, // as the credential service reports it
          temporary: Boolean(input.token),
          expiresAtMs: null,
        },
      };
      return ok(state.credentials);
    },
    saveDeskCredentials: (input) => {
      state.credentials = {
        ...state.credentials,
        desk: { set: true, mode: input.mode, userSigExpiresAtMs: null, userSigIdentifier: null },
      };
      return ok(state.credentials);
    },
    testConnection: () =>
      ok({
        ccc: {
          ok: false,
          message: 'The SecretId is not known.',
          code: 'AuthFailure.SecretIdNotFound',
          requestId: 'req-1',
        },
        desk: null,
      }),
    signOut: () => ok(noCredentials()),
    startDemo: () => {
      state.demo = true;
      state.settings = { ...state.settings, demoMode: true };
      emit('settings:changed', state.settings);
      return ok(undefined);
    },
    stopDemo: () => ok(undefined),
  };

  const recorded = {} as Methods;
  for (const name of Object.keys(methods) as MethodName[]) {
    (recorded as Record<string, unknown>)[name] = (input?: unknown) => {
      calls.push({ method: name, input });
      return (methods[name] as (i?: unknown) => unknown)(input);
    };
  }
  const subscribe = (event: EventName) => (listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => {
      set.delete(listener);
    };
  };
  const events = Object.fromEntries(
    Object.entries(API_EVENTS).map(([method, event]) => [method, subscribe(event)]),
  ) as unknown as Pick<RendererApi, keyof typeof API_EVENTS>;

  return {
    api: { ...recorded, ...events },
    calls,
    state,
    override: (method, fn) => {
      methods[method] = fn;
    },
    emit,
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}
