import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeTray, fake, resetFakeElectron } from '../../helpers/fake-electron';
import { FakeClock } from '../../helpers/fake-clock';
import {
  buildTrayModel,
  type TrayAction,
  type TrayModel,
} from '../../../electron/core/tray/tray-model';
import { createTray, toMenuTemplate, trayIconPath } from '../../../electron/main/tray';
import { defaultSettings, type Settings } from '../../../shared/settings';
import type { StatusSnapshot } from '../../../shared/snapshot';
import type { DisplayStatus } from '../../../shared/vocabulary';

vi.mock('electron', () => import('../../helpers/fake-electron').then((m) => m.electronModule));

const ICONS = join(__dirname, '../../../build/icons/tray');
const START = Date.UTC(2026, 0, 5, 9, 0, 0);

const snap = (over: Partial<StatusSnapshot> = {}): StatusSnapshot => ({
  agentId: 'agent@example.com',
  status: 'free',
  rawStatus: 'free',
  reason: '',
  statusSinceMs: START - 64_000,
  reserveRest: false,
  reserveNotReady: false,
  statusExtra: null,
  today: { online: 0, free: 0, busy: 0, rest: 0, notReady: 0, afterCallWork: 0 },
  useMobileAccept: 0,
  useMobileCallOut: false,
  lastSyncMs: START,
  connection: 'ok',
  lastError: null,
  pending: null,
  undo: null,
  clockOffsetMs: 0,
  ...over,
});

/** A core stand-in: the real tray model over a snapshot the test changes. */
function coreFor(
  clock: FakeClock,
  initial: StatusSnapshot,
  settings: Settings = defaultSettings(),
) {
  let snapshot = initial;
  const listeners = new Set<() => void>();
  return {
    getModel: (): TrayModel =>
      buildTrayModel(snapshot, settings, 'en', clock.now(), { formatClock: () => '09:00' }),
    onModelChanged: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    set(next: Partial<StatusSnapshot>) {
      snapshot = { ...snapshot, ...next };
      for (const l of listeners) l();
    },
    listenerCount: () => listeners.size,
  };
}

type Item = Record<string, unknown> & { submenu?: Item[] };
const lastTemplate = (tray: FakeTray) => tray.contextMenus.at(-1)!.template as Item[];
const byId = (items: Item[], id: string): Item | undefined => {
  for (const i of items) {
    if (i.id === id) return i;
    const inner = i.submenu ? byId(i.submenu, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
};

function start(platform: NodeJS.Platform, initial = snap(), settings?: Settings) {
  const clock = new FakeClock(START);
  const core = coreFor(clock, initial, settings);
  const actions: TrayAction[] = [];
  const controller = createTray({
    getModel: core.getModel,
    onModelChanged: core.onModelChanged,
    onAction: (a) => actions.push(a),
    iconDir: ICONS,
    platform,
    timers: clock,
  });
  const tray = FakeTray.instances.at(-1)!;
  return { clock, core, actions, controller, tray };
}

beforeEach(() => resetFakeElectron());

const STATUSES: Array<[DisplayStatus, Partial<StatusSnapshot>]> = [
  ['free', {}],
  ['busy', { status: 'busy', rawStatus: 'busy', statusExtra: { type: 'tel', direction: 'in' } }],
  ['rest', { status: 'rest', rawStatus: 'rest', reason: 'Lunch' }],
  ['notReady', { status: 'notReady', rawStatus: 'notReady', reason: 'Admin' }],
  ['afterCallWork', { status: 'afterCallWork', rawStatus: 'afterCallWork' }],
  ['offline', { status: 'offline', rawStatus: 'offline' }],
  ['unknown', { connection: 'unconfigured' }],
];

describe('tray rendering per status', () => {
  it.each(STATUSES)('%s: icon, tooltip and the menu the model describes', (status, over) => {
    const { tray, core } = start('linux', snap(over));
    const model = core.getModel();
    expect(tray.image.path).toBe(join(ICONS, `${status}.png`));
    expect(existsSync(tray.image.path)).toBe(true);
    expect(tray.tooltips).toEqual([model.tooltip]);
    const template = lastTemplate(tray);
    // Same items, same order, same enabled/checked flags as the model.
    const flat = (items: Item[]): Array<[unknown, unknown, unknown]> =>
      items.flatMap((i) => [[i.id, i.enabled, i.checked], ...(i.submenu ? flat(i.submenu) : [])]);
    const flatModel = (items: TrayModel['menu']): Array<[unknown, unknown, unknown]> =>
      items.flatMap((i) => [
        [
          i.id,
          i.kind === 'label' ? false : i.kind === 'separator' ? undefined : i.enabled,
          i.kind === 'action' ? i.checked : undefined,
        ],
        ...(i.kind === 'submenu' ? flatModel(i.items) : []),
      ]);
    expect(flat(template)).toEqual(flatModel(model.menu));
  });

  it('shows the checked state of the break submenu in its label', () => {
    const { tray } = start('linux', snap({ status: 'rest', rawStatus: 'rest', reason: 'Lunch' }));
    expect(byId(lastTemplate(tray), 'status.rest')!.label).toBe('✓ Break');
    expect(byId(lastTemplate(tray), 'status.rest.lunch')).toMatchObject({
      type: 'checkbox',
      checked: true,
      enabled: false,
    });
  });

  it('uses the badge icons for pending and degraded', () => {
    const { tray, core } = start(
      'linux',
      snap({ status: 'busy', rawStatus: 'busy', reserveRest: true }),
    );
    expect(tray.image.path).toBe(join(ICONS, 'busy-pending.png'));
    core.set({ connection: 'degraded' });
    expect(tray.image.path).toBe(join(ICONS, 'busy-degraded.png'));
  });
});

describe('tray updates', () => {
  it('ticks the tooltip each second without rebuilding the menu', () => {
    const { tray, clock } = start('win32');
    expect(fake.menus).toHaveLength(1);
    expect(tray.tooltips.at(-1)).toMatch(/1:04$/);
    clock.advance(1000);
    expect(tray.tooltips.at(-1)).toMatch(/1:05$/);
    clock.advance(5000);
    expect(tray.tooltips.at(-1)).toMatch(/1:10$/);
    expect(tray.tooltips).toHaveLength(7);
    expect(fake.menus).toHaveLength(1);
    expect(tray.contextMenus).toHaveLength(1);
    expect(tray.images).toHaveLength(1);
  });

  it('rebuilds the menu only when the model menu changes', () => {
    const { tray, core, clock } = start('win32');
    core.set({ lastSyncMs: START + 5 }); // nothing the menu shows
    expect(fake.menus).toHaveLength(1);
    core.set({ status: 'rest', rawStatus: 'rest', reason: 'Break', statusSinceMs: START });
    expect(fake.menus).toHaveLength(2);
    expect(tray.image.path).toBe(join(ICONS, 'rest.ico'));
    clock.advance(3000);
    expect(fake.menus).toHaveLength(2);
    core.set({ reason: 'Lunch' });
    expect(fake.menus).toHaveLength(3);
  });

  it('runs the action of a clicked menu item', () => {
    const { tray, actions } = start('win32');
    (byId(lastTemplate(tray), 'status.rest.lunch')!.click as () => void)();
    (byId(lastTemplate(tray), 'quit')!.click as () => void)();
    expect(actions).toEqual([
      { type: 'setStatus', status: 'rest', reason: 'Lunch' },
      { type: 'quit' },
    ]);
  });

  it('stops its timer, listener and icon on dispose', () => {
    const { tray, clock, controller, core } = start('linux');
    controller.dispose();
    expect(clock.pendingTimers()).toBe(0);
    expect(core.listenerCount()).toBe(0);
    expect(tray.destroyed).toBe(true);
  });
});

describe('platform behaviour', () => {
  it('opens the window on left click on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const { tray, actions } = start(platform);
      tray.fire('click');
      expect(actions).toEqual([{ type: 'open', view: 'status' }]);
    }
  });

  it('uses template images, the title timer and the menu on click on macOS', () => {
    const settings = { ...defaultSettings(), menuBarTimer: true };
    const { tray, actions, clock } = start('darwin', snap(), settings);
    expect(tray.image.path).toBe(join(ICONS, 'freeTemplate.png'));
    expect(tray.image.template).toBe(true);
    expect(tray.listenerCount('click')).toBe(0);
    tray.fire('click');
    expect(actions).toEqual([]);
    expect(tray.titles).toEqual(['1:04']);
    clock.advance(1000);
    expect(tray.titles).toEqual(['1:04', '1:05']);
  });

  it('does not set a title outside macOS', () => {
    const { tray } = start('win32', snap(), { ...defaultSettings(), menuBarTimer: true });
    expect(tray.titles).toEqual([]);
  });

  it('names an existing icon file for every status and mark on every platform', () => {
    for (const [status] of STATUSES) {
      for (const mark of ['', '-pending', '-degraded']) {
        for (const platform of ['win32', 'darwin', 'linux'] as const) {
          expect(existsSync(trayIconPath(ICONS, `${status}${mark}`, platform))).toBe(true);
        }
      }
    }
  });
});

describe('toMenuTemplate', () => {
  it('maps labels to disabled items and separators to separators', () => {
    expect(
      toMenuTemplate(
        [
          { kind: 'label', id: 'a', label: 'Hello' },
          { kind: 'separator', id: 's' },
          { kind: 'action', id: 'b', label: 'Go', enabled: true, action: { type: 'refresh' } },
        ],
        () => {},
      ).map(({ click: _c, ...rest }) => rest),
    ).toEqual([
      { id: 'a', label: 'Hello', enabled: false },
      { id: 's', type: 'separator' },
      { id: 'b', label: 'Go', enabled: true, type: 'normal' },
    ]);
  });
});
