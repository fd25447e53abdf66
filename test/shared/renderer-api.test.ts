import { describe, expect, it } from 'vitest';
import { API_EVENTS, API_METHODS, type Channel, type EventName } from '../../shared/ipc-channels';
import { buildRendererApi } from '../../shared/renderer-api';

/** A transport that records what the builder asks of it. */
function transport() {
  const invoked: Array<[Channel, unknown]> = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const api = buildRendererApi(
    (channel, input) => {
      invoked.push([channel, input]);
      return Promise.resolve({ ok: true, value: channel });
    },
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  );
  const emit = (event: EventName, ...args: unknown[]) => {
    for (const l of listeners.get(event) ?? []) (l as (...a: unknown[]) => void)(...args);
  };
  return {
    api: api as unknown as Record<string, (...a: unknown[]) => unknown>,
    invoked,
    emit,
    listeners,
  };
}

describe('buildRendererApi', () => {
  it('makes exactly one method per channel and one on<Event> per event, nothing generic', () => {
    const { api } = transport();
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(API_METHODS), ...Object.keys(API_EVENTS)].sort(),
    );
    expect(Object.keys(api).filter((k) => /invoke|send|ipc/i.test(k))).toEqual([]);
  });

  it('calls the transport with each method own channel and the input as given', async () => {
    const { api, invoked } = transport();
    for (const [name, channel] of Object.entries(API_METHODS)) {
      await expect(api[name]!({ probe: name })).resolves.toEqual({ ok: true, value: channel });
    }
    await api.getStatus!();
    expect(invoked).toEqual([
      ...Object.entries(API_METHODS).map(([name, channel]) => [channel, { probe: name }]),
      ['status:get', undefined],
    ]);
  });

  it('hands listeners the payload alone, unsubscribes, and refuses a non-function', () => {
    const { api, emit, listeners } = transport();
    for (const [name, event] of Object.entries(API_EVENTS)) {
      const got: unknown[][] = [];
      const off = api[name]!((...args: unknown[]) => got.push(args)) as () => void;
      emit(event, { n: 1 }, 'extra');
      expect(got, name).toEqual([[{ n: 1 }]]);
      off();
      emit(event, { n: 2 });
      expect(got, name).toHaveLength(1);
      expect(listeners.get(event)?.size ?? 0).toBe(0);
      expect(() => api[name]!('nope')).toThrow(TypeError);
    }
  });
});
