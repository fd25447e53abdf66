import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, resetFakeElectron } from '../../helpers/fake-electron';
import { ipcContract, type Channel, type IpcResult } from '../../../shared/ipc-contract';
import type { GuardedHandlers } from '../../../electron/core/app/operation-guard';
import { createLogger, createMemorySink } from '../../../electron/core/logger';
import { forwardEvents, registerIpc } from '../../../electron/main/ipc';
import type { AppOrigin } from '../../../electron/main/security';

vi.mock('electron', () => import('../../helpers/fake-electron').then((m) => m.electronModule));

const origin: AppOrigin = { kind: 'bundle' };
const APP = { url: 'app://renderer/index.html', parent: null };

/** Guarded handlers that record the raw input they are handed and answer ok. */
function recordingHandlers(calls: Array<[Channel, unknown]>): GuardedHandlers {
  return Object.fromEntries(
    (Object.keys(ipcContract) as Channel[]).map((c) => [
      c,
      (input: unknown) => {
        calls.push([c, input]);
        return Promise.resolve({ ok: true, value: `${c} done` });
      },
    ]),
  ) as unknown as GuardedHandlers;
}

function setup() {
  const calls: Array<[Channel, unknown]> = [];
  const sink = createMemorySink();
  const logger = createLogger({ sink: sink.sink, level: 'debug' });
  const dispose = registerIpc({ handlers: recordingHandlers(calls), origin, logger });
  const invoke = (channel: string, frame: unknown, input?: unknown) => {
    const h = fake.ipcHandlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h({ senderFrame: frame }, input) as Promise<IpcResult<unknown>>;
  };
  return { calls, sink, invoke, dispose };
}

beforeEach(() => resetFakeElectron());

describe('registerIpc', () => {
  it('registers exactly the contract channels, and removes them all on dispose', () => {
    const { dispose } = setup();
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.keys(ipcContract).sort());
    dispose();
    expect(fake.ipcHandlers.size).toBe(0);
  });

  it('hands a call from the app page, input as sent, to the core guard (no second parsing)', async () => {
    const { invoke, calls } = setup();
    await expect(
      invoke('status:set', APP, { status: 'rest', reason: '  Lunch ' }),
    ).resolves.toEqual({ ok: true, value: 'status:set done' });
    expect(calls).toEqual([['status:set', { status: 'rest', reason: '  Lunch ' }]]);
  });

  it.each([
    ['null frame', null],
    ['look-alike host', { url: 'http://localhost.evil.com:5173/', parent: null }],
    ['other file', { url: 'file:///other/index.html', parent: null }],
    ['data URL', { url: 'data:text/html,hi', parent: null }],
    ['about:blank', { url: 'about:blank', parent: null }],
    ['userinfo', { url: 'app://x@renderer/index.html', parent: null }],
    ['subframe of the app', { url: 'app://renderer/index.html', parent: {} }],
  ])('refuses a call from %s on every channel without running the handler', async (_n, frame) => {
    const { invoke, calls, sink } = setup();
    for (const channel of Object.keys(ipcContract)) {
      const res = await invoke(channel, frame, undefined);
      expect(res).toMatchObject({ ok: false, code: 'forbidden_sender' });
    }
    expect(calls).toEqual([]);
    expect(sink.lines.join('\n')).toContain('untrusted frame');
  });
});

describe('forwardEvents', () => {
  it('sends core events to the window only while it exists', () => {
    let listener: ((name: never, payload: unknown) => void) | null = null;
    const subscribe = (l: (name: never, payload: unknown) => void) => {
      listener = l;
      return () => (listener = null);
    };
    const sent: Array<[string, unknown]> = [];
    let win: { isDestroyed(): boolean; webContents: { send(c: string, p: unknown): void } } | null =
      null;
    const unsubscribe = forwardEvents(subscribe, () => win);

    listener!('status:changed' as never, { a: 1 }); // no window: dropped, no throw
    win = { isDestroyed: () => false, webContents: { send: (c, p) => sent.push([c, p]) } };
    listener!('status:changed' as never, { a: 2 });
    listener!('not:anEvent' as never, { a: 3 });
    win = { isDestroyed: () => true, webContents: { send: (c, p) => sent.push([c, p]) } };
    listener!('settings:changed' as never, { a: 4 });

    expect(sent).toEqual([['status:changed', { a: 2 }]]);
    unsubscribe();
    expect(listener).toBeNull();
  });
});
