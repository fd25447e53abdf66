import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeNotification, fake, resetFakeElectron } from '../../helpers/fake-electron';
import { createLogger, createMemorySink } from '../../../electron/core/logger';
import type { NotificationIntent } from '../../../electron/core/notify/notification-policy';
import type { TrayAction } from '../../../electron/core/tray/tray-model';
import { applyLaunchAtLogin } from '../../../electron/main/login-item';
import { createNotifier } from '../../../electron/main/notifications';
import { watchNetwork } from '../../../electron/main/network';
import { POWER_EVENTS, watchPower } from '../../../electron/main/power';
import { FakeClock } from '../../helpers/fake-clock';
import { createGlobalShortcut } from '../../../electron/main/shortcut';

vi.mock('electron', () => import('../../helpers/fake-electron').then((m) => m.electronModule));

beforeEach(() => resetFakeElectron());

describe('watchPower', () => {
  it('forwards suspend, resume, lock and unlock, and stops on dispose', () => {
    const seen: string[] = [];
    const stop = watchPower((k) => seen.push(k));
    for (const e of ['suspend', 'resume', 'lock-screen', 'unlock-screen', 'on-ac'])
      fake.powerMonitor.fire(e);
    expect(seen).toEqual(['suspend', 'resume', 'lock-screen', 'unlock-screen']);
    stop();
    for (const e of POWER_EVENTS) expect(fake.powerMonitor.listenerCount(e)).toBe(0);
  });
});

describe('watchNetwork', () => {
  it('reports going offline and coming back once each, and stops on dispose', () => {
    const clock = new FakeClock(0);
    const seen: boolean[] = [];
    const stop = watchNetwork((online) => seen.push(online), { intervalMs: 5_000, timers: clock });
    clock.advance(5_000);
    expect(seen).toEqual([]);
    fake.online = false;
    clock.advance(5_000);
    clock.advance(5_000);
    expect(seen).toEqual([false]);
    fake.online = true;
    clock.advance(5_000);
    expect(seen).toEqual([false, true]);
    stop();
    expect(clock.pendingTimers()).toBe(0);
    fake.online = false;
    clock.advance(20_000);
    expect(seen).toEqual([false, true]);
  });
});

describe('createGlobalShortcut', () => {
  it('registers the accelerator and triggers the callback', () => {
    let n = 0;
    const s = createGlobalShortcut(() => n++);
    expect(s.apply('CommandOrControl+Alt+B')).toEqual({
      ok: true,
      accelerator: 'CommandOrControl+Alt+B',
    });
    fake.shortcuts.get('CommandOrControl+Alt+B')!();
    expect(n).toBe(1);
  });

  it('re-registers on change, releasing the old one, and clears with an empty setting', () => {
    const s = createGlobalShortcut(() => {});
    s.apply('CommandOrControl+Alt+B');
    s.apply('CommandOrControl+Shift+K');
    expect([...fake.shortcuts.keys()]).toEqual(['CommandOrControl+Shift+K']);
    expect(s.apply('')).toEqual({ ok: true, accelerator: null });
    expect(fake.shortcuts.size).toBe(0);
    expect(s.current()).toBeNull();
  });

  it('reports an accelerator another app holds, and keeps none', () => {
    fake.failingShortcuts.add('CommandOrControl+Alt+B');
    const s = createGlobalShortcut(() => {});
    expect(s.apply('CommandOrControl+Alt+B')).toEqual({
      ok: false,
      accelerator: 'CommandOrControl+Alt+B',
      reason: 'taken',
    });
    expect(s.current()).toBeNull();
  });

  it('reports a malformed accelerator when Electron throws', () => {
    fake.invalidShortcuts.add('Ctrl+Nope+');
    const s = createGlobalShortcut(() => {});
    expect(s.apply('Ctrl+Nope+')).toEqual({
      ok: false,
      accelerator: 'Ctrl+Nope+',
      reason: 'invalid',
    });
    expect(s.current()).toBeNull();
  });

  it('is idempotent for the same accelerator and releases on dispose', () => {
    const s = createGlobalShortcut(() => {});
    s.apply('Alt+F9');
    expect(s.apply(' Alt+F9 ')).toEqual({ ok: true, accelerator: 'Alt+F9' });
    s.dispose();
    expect(fake.shortcuts.size).toBe(0);
  });
});

describe('applyLaunchAtLogin', () => {
  it('sets the login item on Windows and macOS only', () => {
    expect(applyLaunchAtLogin(true, 'win32')).toBe(true);
    expect(applyLaunchAtLogin(false, 'darwin')).toBe(true);
    expect(applyLaunchAtLogin(true, 'linux')).toBe(false);
    expect(fake.loginItemSettings).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
  });
});

describe('createNotifier', () => {
  const intent = (over: Partial<NotificationIntent> = {}): NotificationIntent => ({
    id: 'breakOverLimit:1',
    kind: 'breakOverLimit',
    title: 'Break is over its limit',
    body: 'Lunch has run 61 minutes (limit 60).',
    actions: [
      {
        id: 'backToAvailable',
        label: 'Back to Available',
        action: { type: 'setStatus', status: 'free' },
      },
    ],
    click: { type: 'open', view: 'status' },
    atMs: 0,
    ...over,
  });
  const setup = (platform: NodeJS.Platform) => {
    const actions: TrayAction[] = [];
    const sink = createMemorySink();
    let failed = 0;
    const n = createNotifier({
      platform,
      onAction: (a) => actions.push(a),
      logger: createLogger({ sink: sink.sink }),
      onFailed: () => failed++,
    });
    return { n, actions, sink, failed: () => failed };
  };

  it('shows a macOS notification with the "Back to Available" action', () => {
    const { n, actions } = setup('darwin');
    n.show(intent());
    const shown = FakeNotification.instances[0]!;
    expect(shown.shown).toBe(true);
    expect(shown.options).toMatchObject({
      title: 'Break is over its limit',
      body: 'Lunch has run 61 minutes (limit 60).',
      actions: [{ type: 'button', text: 'Back to Available' }],
    });
    shown.fire('action', {}, 0);
    expect(actions).toEqual([{ type: 'setStatus', status: 'free' }]);
  });

  it('opens the window on click, and offers no buttons on Windows/Linux', () => {
    const { n, actions } = setup('linux');
    n.show(intent());
    const shown = FakeNotification.instances.at(-1)!;
    expect(shown.options.actions).toEqual([]);
    shown.fire('click');
    expect(actions).toEqual([{ type: 'open', view: 'status' }]);
    expect(fake.notificationActivation).toBeNull();
  });

  it('Windows: handles a click that arrives after the toast closed (Action Center), once', () => {
    const { n, actions } = setup('win32');
    n.show(intent({ click: { type: 'open', view: 'settings' } }));
    const shown = FakeNotification.instances.at(-1)!;
    expect(shown.options).toMatchObject({ id: 'breakOverLimit:1', actions: [] });
    shown.fire('close'); // timed out into Action Center: the object is gone from the notifier
    // The toast's tag (our id) comes back in the activation arguments.
    fake.notificationActivation!({ type: 'click', arguments: 'tag=breakOverLimit:1' });
    expect(actions).toEqual([{ type: 'open', view: 'settings' }]);
    // A live toast's own click event is not handled a second time (activation covers it).
    shown.fire('click');
    expect(actions).toHaveLength(1);
  });

  it('Windows: an activation no recent notification matches (e.g. after a restart) opens the window', () => {
    const { actions } = setup('win32');
    fake.notificationActivation!({ type: 'click', arguments: 'tag=from-before-a-restart' });
    expect(actions).toEqual([{ type: 'open', view: 'status' }]);
  });

  it('reports a notification the OS refused to show (unsigned macOS build)', () => {
    const { n, failed, sink } = setup('darwin');
    n.show(intent());
    FakeNotification.instances[0]!.fire('failed', {}, 'Notifications are not allowed');
    expect(failed()).toBe(1);
    expect(sink.lines.join('\n')).toContain('failed to show');
  });

  it('replaces a notification with the same id and closes all on dispose', () => {
    const { n } = setup('darwin');
    n.show(intent());
    n.show(intent({ body: 'now 62 minutes' }));
    expect(FakeNotification.instances[0]!.closed).toBe(true);
    n.show(intent({ id: 'drift:2', kind: 'drift' }));
    n.dispose();
    expect(FakeNotification.instances.slice(1).every((x) => x.closed)).toBe(true);
  });

  it('logs instead of showing where notifications are unsupported', () => {
    FakeNotification.supported = false;
    const { n, sink } = setup('linux');
    n.show(intent());
    expect(FakeNotification.instances).toHaveLength(0);
    expect(sink.lines.join('\n')).toContain('not supported');
  });
});
