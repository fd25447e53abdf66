import { EventEmitter, getEventListeners } from 'node:events';

/**
 * Counts the event listeners added while it runs and still attached to objects that are still
 * alive: every `EventEmitter` (sockets, servers, workers, undici's pools...) and every
 * `EventTarget` (AbortSignals). A listener added during a soak and never removed from an object
 * that outlives it is a leak; one whose object was garbage collected is not (call `gc` before
 * `live()`). Works by wrapping the add/remove methods of both prototypes until `stop()`.
 */

type Fn = (...args: unknown[]) => unknown;
interface Entry {
  target: WeakRef<object>;
  type: string | symbol;
  fn: WeakRef<Fn>;
  kind: 'emitter' | 'target';
}

/** A live count of listeners, grouped by the object's constructor and event name. */
export interface CensusCount {
  total: number;
  byKind: Record<string, number>;
}

const EMITTER_ADD = [
  'addListener',
  'on',
  'once',
  'prependListener',
  'prependOnceListener',
] as const;

/** Starts counting; `stop()` restores the prototypes. */
export function startListenerCensus(): {
  live(): CensusCount;
  stop(): void;
} {
  const entries = new Set<Entry>();
  const emitterProto = EventEmitter.prototype as unknown as Record<string, Fn>;
  const targetProto = EventTarget.prototype as unknown as Record<string, Fn>;
  const saved: Array<[Record<string, Fn>, string, Fn]> = [];
  const wrap = (proto: Record<string, Fn>, name: string, make: (orig: Fn) => Fn): void => {
    const orig = proto[name]!;
    saved.push([proto, name, orig]);
    proto[name] = make(orig);
  };
  // `once` calls `on` with a wrapper: only the outermost call is one listener.
  let depth = 0;
  let sincePrune = 0;
  const add = (kind: Entry['kind'], target: object, type: unknown, fn: unknown): void => {
    if (depth > 1 || fn === null || (typeof fn !== 'function' && typeof fn !== 'object')) return;
    if (typeof type !== 'string' && typeof type !== 'symbol') return;
    entries.add({ target: new WeakRef(target), type, fn: new WeakRef(fn as Fn), kind });
    // Keep the census itself small: it lives in the heap being measured.
    if (++sincePrune >= 500) {
      sincePrune = 0;
      count();
    }
  };
  const tracked = (kind: Entry['kind'], orig: Fn) =>
    function (this: object, type: unknown, fn: unknown, ...rest: unknown[]) {
      depth += 1;
      try {
        add(kind, this, type, fn);
        return orig.call(this, type, fn, ...rest);
      } finally {
        depth -= 1;
      }
    };
  for (const name of EMITTER_ADD) wrap(emitterProto, name, (orig) => tracked('emitter', orig));
  wrap(targetProto, 'addEventListener', (orig) => tracked('target', orig));
  const attached = (e: Entry, target: object, fn: Fn): boolean => {
    if (e.kind === 'emitter') {
      return (target as EventEmitter)
        .rawListeners(e.type)
        .some((l) => l === fn || (l as { listener?: unknown }).listener === fn);
    }
    return getEventListeners(target as EventTarget, e.type as string).includes(fn as never);
  };
  function count(): CensusCount {
    const byKind: Record<string, number> = {};
    let total = 0;
    // The same listener added again after a removal is still one listener.
    const seen = new Map<object, Map<string | symbol, Set<Fn>>>();
    for (const e of entries) {
      const target = e.target.deref();
      const fn = e.fn.deref();
      if (!target || !fn || !attached(e, target, fn)) {
        entries.delete(e);
        continue;
      }
      const types = seen.get(target) ?? new Map<string | symbol, Set<Fn>>();
      seen.set(target, types);
      const fns = types.get(e.type) ?? new Set<Fn>();
      types.set(e.type, fns);
      if (fns.has(fn)) {
        entries.delete(e);
        continue;
      }
      fns.add(fn);
      const key = `${target.constructor?.name ?? 'Object'}:${String(e.type)}`;
      byKind[key] = (byKind[key] ?? 0) + 1;
      total += 1;
    }
    return { total, byKind };
  }
  return {
    live: count,
    stop() {
      for (const [proto, name, orig] of saved.reverse()) proto[name] = orig;
      entries.clear();
    },
  };
}
