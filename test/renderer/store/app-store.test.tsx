import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/store/app-store';
import { startIpcSync } from '../../../renderer/store/ipc-bridge';
import { selectFirstRun, selectLocale } from '../../../renderer/store/selectors';
import { API_EVENTS, type IpcResult } from '../../../shared/ipc-channels';
import type { ChangeOutcome, StatusSnapshot } from '../../../shared/snapshot';
import { createFakeApi, makeSnapshot } from '../helpers/fake-api';

const flush = () => new Promise((r) => setTimeout(r, 0));

const outcome = (id: number, o: ChangeOutcome['outcome']): ChangeOutcome => ({
  id,
  requested: { status: 'rest', reason: 'Lunch' },
  outcome: o,
  error: null,
  atMs: 0,
});

describe('app store', () => {
  it('subscribes to every event once, loads the initial state, and stops cleanly', async () => {
    const fake = createFakeApi();
    const store = createAppStore(fake.api);
    const stop = startIpcSync(fake.api, store);
    for (const event of Object.values(API_EVENTS)) expect(fake.listenerCount(event), event).toBe(1);
    await flush();
    const s = store.getState();
    expect(s.snapshot?.status).toBe('free');
    expect(s.settings?.breakReasons.length).toBe(4);
    expect(s.credentials?.ccc.set).toBe(false);
    expect(s.appInfo?.locale).toBe('en');
    expect(fake.calls.find((c) => c.method === 'setVisibility')).toBeDefined();
    stop();
    for (const event of Object.values(API_EVENTS)) expect(fake.listenerCount(event), event).toBe(0);
  });

  it('keeps a snapshot pushed while the initial get was in flight (it is newer)', async () => {
    const fake = createFakeApi();
    let answer: (r: IpcResult<StatusSnapshot>) => void = () => {};
    fake.override('getStatus', () => new Promise((r) => (answer = r)));
    const store = createAppStore(fake.api);
    startIpcSync(fake.api, store);
    fake.emit('status:changed', makeSnapshot({ status: 'busy' }));
    answer({ ok: true, value: makeSnapshot({ status: 'free' }) });
    await flush();
    expect(store.getState().snapshot?.status).toBe('busy');
  });

  it('shows each outcome once and ignores superseded ones', () => {
    const store = createAppStore(createFakeApi().api);
    store.getState().applyOutcome(outcome(1, 'reserved'));
    const first = store.getState().outcome;
    store.getState().applyOutcome(outcome(1, 'reserved'));
    expect(store.getState().outcome).toBe(first);
    store.getState().applyOutcome(outcome(2, 'superseded'));
    expect(store.getState().outcome?.id).toBe(1);
    store.getState().applyOutcome(outcome(1, 'applied'));
    expect(store.getState().outcome?.outcome).toBe('applied');
  });

  it('turns a failed request into a notice and clears the in-flight state', async () => {
    const fake = createFakeApi();
    fake.override('setStatus', async () => ({
      ok: false,
      code: 'internal',
      message: 'main fell over',
    }));
    const store = createAppStore(fake.api);
    const pending = store.getState().requestStatus('notReady');
    expect(store.getState().requesting).toBe('notReady');
    await pending;
    expect(store.getState().requesting).toBeNull();
    expect(store.getState().notice?.text).toBe('main fell over');
  });

  it("shows an own change's outcome from its answer (undo too), and the app's own from the event", async () => {
    const fake = createFakeApi();
    const store = createAppStore(fake.api);
    startIpcSync(fake.api, store);
    await store.getState().requestStatus('rest', 'Lunch');
    expect(store.getState().outcome).toMatchObject({ requested: { status: 'rest' } });
    fake.override('undo', async () => ({ ok: true, value: outcome(41, 'applied') }));
    await store.getState().undo();
    expect(store.getState().outcome).toMatchObject({ id: 41, outcome: 'applied' });
    fake.emit('status:outcome', outcome(42, 'reserved'));
    expect(store.getState().outcome).toMatchObject({ id: 42, outcome: 'reserved' });
  });

  it('an own change clears the drift notice', async () => {
    const store = createAppStore(createFakeApi().api);
    store.getState().applyDrift({
      before: { status: 'free', reason: '' },
      after: { status: 'notReady', reason: '' },
      atMs: 0,
    });
    expect(store.getState().drift).not.toBeNull();
    await store.getState().requestStatus('free');
    expect(store.getState().drift).toBeNull();
  });

  it('loads a day once, reloads on demand, and retries after an error', async () => {
    const fake = createFakeApi();
    const store = createAppStore(fake.api);
    const count = () => fake.calls.filter((c) => c.method === 'getDayStats').length;
    await store.getState().loadDay('2026-11-18');
    await store.getState().loadDay('2026-11-18');
    expect(count()).toBe(1);
    const reload = store.getState().loadDay('2026-11-18', true);
    expect(store.getState().days['2026-11-18']?.state).toBe('ready'); // still shown while reloading
    await reload;
    expect(count()).toBe(2);
    fake.override('getDayStats', async () => ({ ok: false, code: 'x', message: 'desk down' }));
    await store.getState().loadDay('2026-11-17');
    expect(store.getState().days['2026-11-17']).toEqual({ state: 'error', message: 'desk down' });
    await store.getState().loadDay('2026-11-17');
    expect(count()).toBe(4);
  });

  it('resolves the locale from the setting, else from main', async () => {
    const fake = createFakeApi({ locale: 'zh-CN' });
    const store = createAppStore(fake.api);
    await store.getState().loadInitial();
    expect(selectLocale(store.getState())).toBe('zh-CN');
    await store.getState().saveSettings({ ...fake.state.settings, language: 'en' });
    expect(selectLocale(store.getState())).toBe('en');
  });

  it('is on the first run while unconfigured, and not in demo mode', async () => {
    const fake = createFakeApi({ snapshot: makeSnapshot({ connection: 'unconfigured' }) });
    const store = createAppStore(fake.api);
    await store.getState().loadInitial();
    expect(selectFirstRun(store.getState())).toBe(true);
    expect(await store.getState().startDemo()).toBeNull();
    expect(selectFirstRun(store.getState())).toBe(false);
  });
});
