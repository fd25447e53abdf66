import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, resetFakeElectron } from '../../helpers/fake-electron';
import {
  ipcContract,
  type Channel,
  type IpcHandlers,
  type IpcResult,
} from '../../../shared/ipc-contract';
import { createLogger, createMemorySink } from '../../../electron/core/logger';
import { forwardEvents, registerIpc } from '../../../electron/main/ipc';
import type { AppOrigin } from '../../../electron/main/security';

vi.mock('electron', () => import('../../helpers/fake-electron').then((m) => m.electronModule));

const origin: AppOrigin = { kind: 'bundle' };
const APP = { url: 'app://renderer/index.html', parent: null };

/** Handlers that record their (parsed) input and answer ok. */
function recordingHandlers(calls: Array<[Channel, unknown]>): IpcHandlers {
  return Object.fromEntries(
    (Object.keys(ipcContract) as Channel[]).map((c) => [
      c,
      (input: unknown) => {
        calls.push([c, input]);
        return Promise.resolve({ ok: true, value: `${c} done` });
      },
    ]),
  ) as unknown as IpcHandlers;
}

function setup(overrides: Partial<IpcHandlers> = {}) {
  const calls: Array<[Channel, unknown]> = [];
  const sink = createMemorySink();
  const logger = createLogger({ sink: sink.sink, level: 'debug' });
  const handlers = { ...recordingHandlers(calls), ...overrides };
  const dispose = registerIpc({ handlers, origin, logger });
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

  it('passes parsed input from the app page to the handler', async () => {
    const { invoke, calls } = setup();
    await expect(
      invoke('status:set', APP, { status: 'rest', reason: '  Lunch ' }),
    ).resolves.toEqual({
      ok: true,
      value: 'status:set done',
    });
    // The schema's transforms (trim) apply before the handler sees the value.
    expect(calls).toEqual([['status:set', { status: 'rest', reason: 'Lunch' }]]);
    await invoke('status:get', APP);
    expect(calls[1]).toEqual(['status:get', undefined]);
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

  it.each([
    ['status:set', { status: 'busy' }],
    ['status:set', 'rest'],
    ['status:get', { extra: true }],
    ['app:visibility', { visible: 'yes' }],
    ['app:openHelp', { topic: 'https://evil.example' }],
    ['stats:day', { day: 'yesterday' }],
    ['credentials:saveCcc', { secretId: 'AKID 1234 5678', secretKey: 'super-secret-key-value' }],
    ['settings:update', { polling: { visibleSeconds: 0 } }],
  ])('answers bad_input for %s %j without calling the handler', async (channel, input) => {
    const { invoke, calls } = setup();
    const res = await invoke(channel, APP, input);
    expect(res).toMatchObject({ ok: false, code: 'bad_input' });
    expect(calls).toEqual([]);
  });

  it('never echoes input values in a bad_input message or the log', async () => {
    const { invoke, sink } = setup();
    const res = await invoke('credentials:saveCcc', APP, {
      secretId: 'AKID!!notvalid',
      secretKey: 'THE-SECRET-KEY-123',
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.message).toMatch(/secretId/);
    expect(res.message).not.toContain('THE-SECRET-KEY-123');
    expect(res.message).not.toContain('AKID!!notvalid');
    expect(sink.lines.join('\n')).not.toContain('THE-SECRET-KEY-123');
  });

  it('turns a throwing handler into internal, logging no secret', async () => {
    const { invoke, sink } = setup({
      'credentials:saveCcc': () =>
        Promise.reject(new Error('keychain refused value sk-ABCDEFGH12345')),
    });
    const res = await invoke('credentials:saveCcc', APP, {
      secretId: 'AKIDabcdefgh',
      secretKey: 'sk-ABCDEFGH12345',
    });
    expect(res).toEqual({ ok: false, code: 'internal', message: expect.any(String) });
    const log = sink.lines.join('\n');
    expect(log).toContain('handler failed');
    expect(log).toContain('credentials:saveCcc');
    expect(log).not.toContain('sk-ABCDEFGH12345');
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
