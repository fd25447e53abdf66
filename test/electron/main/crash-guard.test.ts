import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebContents, FakeSession, fake, resetFakeElectron } from '../../helpers/fake-electron';
import { FakeClock } from '../../helpers/fake-clock';
import { createLogger, createMemorySink } from '../../../electron/core/logger';
import {
  RELOAD_LIMIT,
  RELOAD_WINDOW_MS,
  installProcessGuards,
  reloadOnRendererGone,
  startCrashReporter,
} from '../../../electron/main/crash-guard';

vi.mock('electron', () => import('../../helpers/fake-electron').then((m) => m.electronModule));

beforeEach(() => resetFakeElectron());

const logger = () => {
  const sink = createMemorySink();
  return { sink, logger: createLogger({ sink: sink.sink }) };
};

describe('crash guards', () => {
  it('writes crash dumps locally and never uploads them', () => {
    startCrashReporter();
    expect(fake.crashReporter).toEqual([{ uploadToServer: false }]);
  });

  it('logs uncaught errors and unhandled rejections instead of ending the app, and can be removed', () => {
    const { sink, logger: log } = logger();
    const before = process.listenerCount('uncaughtException');
    const stop = installProcessGuards(log);
    expect(process.listenerCount('uncaughtException')).toBe(before + 1);
    // Called directly: emitting on the process would also reach the test runner's own handlers.
    const onError = process.listeners('uncaughtException').at(-1)!;
    const onRejection = process.listeners('unhandledRejection').at(-1)!;
    onError(new TypeError('boom in a timer'), 'uncaughtException');
    onRejection(new Error('lost promise'), Promise.resolve());
    fake.app.fire('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 9 });
    const text = sink.lines.join('\n');
    expect(text).toContain('main: uncaught exception');
    expect(text).toContain('boom in a timer');
    expect(text).toContain('main: unhandled rejection');
    expect(text).toContain('a child process went away');
    stop();
    expect(process.listenerCount('uncaughtException')).toBe(before);
    expect(fake.app.listenerCount('child-process-gone')).toBe(0);
  });

  it(`reloads a crashed page at most ${RELOAD_LIMIT} times in the window, then again after it`, () => {
    const clock = new FakeClock(1_000_000);
    const { sink, logger: log } = logger();
    const wc = new FakeWebContents(new FakeSession());
    reloadOnRendererGone(wc as never, { clock, logger: log });
    const crash = () => wc.fire('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    wc.fire('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(wc.reloads).toBe(0);
    for (let i = 0; i < RELOAD_LIMIT + 2; i++) crash();
    expect(wc.reloads).toBe(RELOAD_LIMIT);
    expect(sink.lines.join('\n')).toContain('keeps crashing');
    clock.advance(RELOAD_WINDOW_MS + 1);
    crash();
    expect(wc.reloads).toBe(RELOAD_LIMIT + 1);
  });
});
