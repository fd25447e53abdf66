/**
 * Ports the core depends on instead of globals, so tests drive time and I/O.
 * Real implementations live next to them; tests use test/helpers/fake-clock.ts.
 */

/** Wall-clock time in epoch milliseconds. */
export interface Clock {
  now(): number;
}

export type TimerHandle = { readonly __timer: unique symbol } | number | object;

/** Timer scheduling. Everything the core schedules goes through here (soak tests count them). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured logger. Callers never pass secrets; the real logger also redacts known secrets. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** The machine clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** Node/DOM timers. */
export const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as TimerHandle,
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = { log: () => {} };

/** A clock shifted by a learned server offset: `now()` is the server's idea of now. */
export function offsetClock(base: Clock, offsetMs: () => number): Clock {
  return { now: () => base.now() + offsetMs() };
}
