import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { emitToRenderer, fake } from '../../helpers/fake-electron';
import { API_EVENTS, API_METHODS, RENDERER_API_GLOBAL } from '../../../shared/ipc-channels';
import { ipcContract } from '../../../shared/ipc-contract';

vi.mock('electron', () => import('../../helpers/fake-electron').then((m) => m.electronModule));

type Api = Record<string, (...args: unknown[]) => unknown>;
let api: Api;

beforeAll(async () => {
  await import('../../../electron/preload/index');
  api = fake.exposed.get(RENDERER_API_GLOBAL) as Api;
});
beforeEach(() => {
  fake.invocations.length = 0;
});

describe('preload', () => {
  it('exposes one global with exactly API_METHODS + API_EVENTS, all functions', () => {
    expect([...fake.exposed.keys()]).toEqual([RENDERER_API_GLOBAL]);
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(API_METHODS), ...Object.keys(API_EVENTS)].sort(),
    );
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    // Nothing generic leaks: no invoke/send/ipcRenderer under any name.
    expect(Object.keys(api).filter((k) => /invoke|send|ipc/i.test(k))).toEqual([]);
  });

  it('maps each method to its own channel, passing input only when there is one', async () => {
    for (const [name, channel] of Object.entries(API_METHODS)) {
      fake.invocations.length = 0;
      const takesInput = ipcContract[channel].input.safeParse(undefined).success === false;
      const input = takesInput ? { probe: name } : undefined;
      await (takesInput ? api[name]!(input) : api[name]!());
      expect(fake.invocations, name).toEqual([{ channel, args: takesInput ? [input] : [] }]);
    }
  });

  it('resolves with what main answered', async () => {
    fake.invokeResult = { ok: false, code: 'bad_input', message: 'Invalid request' };
    await expect(api.getStatus!()).resolves.toEqual({
      ok: false,
      code: 'bad_input',
      message: 'Invalid request',
    });
  });

  it('hands listeners the payload only, never the Electron event, and unsubscribes', () => {
    for (const [name, channel] of Object.entries(API_EVENTS)) {
      const received: unknown[][] = [];
      const off = api[name]!((...args: unknown[]) => received.push(args)) as () => void;
      emitToRenderer(channel, { n: 1 }, { sender: { send: () => {} }, ports: [] });
      expect(received, name).toEqual([[{ n: 1 }]]);
      off();
      emitToRenderer(channel, { n: 2 });
      expect(received, name).toHaveLength(1);
      expect(fake.rendererListeners.get(channel)?.size ?? 0).toBe(0);
    }
  });

  it('keeps independent subscriptions independent', () => {
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = api.onStatusChanged!((p: unknown) => a.push(p)) as () => void;
    const offB = api.onStatusChanged!((p: unknown) => b.push(p)) as () => void;
    offA();
    emitToRenderer('status:changed', 'x');
    expect([a, b]).toEqual([[], ['x']]);
    offB();
  });

  it('refuses a non-function listener', () => {
    expect(() => api.onDrift!('nope')).toThrow(TypeError);
  });
});
