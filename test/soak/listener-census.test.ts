import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startListenerCensus } from './listener-census';
import { obtainGc } from './soak-day';

/** The soak's listener count must be able to see a leak (and not see what is gone). */

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
});

describe('listener census', () => {
  it('counts listeners still attached to live emitters and signals, and only those', () => {
    const census = startListenerCensus();
    stop = census.stop;
    const emitter = new EventEmitter();
    const session = new AbortController();
    const f = (): void => {};
    emitter.on('data', f);
    emitter.once('end', f);
    session.signal.addEventListener('abort', f);
    session.signal.addEventListener('abort', () => {}, { once: true });
    const removed = (): void => {};
    emitter.on('x', removed);
    emitter.off('x', removed);
    expect(census.live()).toEqual({
      total: 4,
      byKind: { 'EventEmitter:data': 1, 'EventEmitter:end': 1, 'AbortSignal:abort': 2 },
    });
    emitter.emit('end');
    session.abort();
    session.signal.removeEventListener('abort', f);
    expect(census.live()).toEqual({ total: 1, byKind: { 'EventEmitter:data': 1 } });
  });

  it('forgets listeners of objects that were garbage collected', async () => {
    const { gc } = obtainGc();
    const census = startListenerCensus();
    stop = census.stop;
    (() => {
      const gone = new EventEmitter();
      gone.on('data', () => {});
    })();
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      gc();
    }
    expect(census.live().total).toBe(0);
  });

  it('restores the prototypes on stop', () => {
    const add = EventEmitter.prototype.on;
    const census = startListenerCensus();
    expect(EventEmitter.prototype.on).not.toBe(add);
    census.stop();
    expect(EventEmitter.prototype.on).toBe(add);
  });
});
