import { describe, expect, it } from 'vitest';
import { readyUpdate } from '../../../helpers/update-state';
import {
  buildStartingTrayModel,
  buildTrayModel,
  sameTrayMenu,
  type TrayMenuItem,
  type TrayModel,
} from '../../../../electron/core/tray/tray-model';
import { defaultSettings, type Settings } from '../../../../shared/settings';
import type { DisplayStatus, StatusSnapshot } from '../../../../shared/snapshot';

const NOW = Date.UTC(2026, 10, 21, 4, 30, 0);
const SINCE = NOW - (12 * 60 + 4) * 1000; // 12:04 ago
const clockFmt = (ms: number) => `@${new Date(ms).toISOString().slice(11, 16)}`;

const snap = (over: Partial<StatusSnapshot> = {}): StatusSnapshot => ({
  agentId: 'agent@example.com',
  status: 'free',
  rawStatus: 'free',
  reason: '',
  statusSinceMs: SINCE,
  reserveRest: false,
  reserveNotReady: false,
  statusExtra: null,
  today: { online: 0, free: 0, busy: 0, rest: 0, notReady: 0, afterCallWork: 0 },
  useMobileAccept: 0,
  useMobileCallOut: false,
  lastSyncMs: NOW - 1000,
  connection: 'ok',
  lastError: null,
  pending: null,
  undo: null,
  clockOffsetMs: 0,
  ...over,
});

const settings = (over: Partial<Settings> = {}): Settings => ({ ...defaultSettings(), ...over });
const build = (
  s: StatusSnapshot,
  st: Settings = settings(),
  nowMs = NOW,
  locale: 'en' | 'zh-CN' = 'en',
) => buildTrayModel(s, st, locale, nowMs, { formatClock: clockFmt });

const find = (model: TrayModel, id: string): TrayMenuItem | undefined => {
  const walk = (items: TrayMenuItem[]): TrayMenuItem | undefined => {
    for (const item of items) {
      if (item.id === id) return item;
      if (item.kind === 'submenu') {
        const inner = walk(item.items);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  return walk(model.menu);
};
const action = (model: TrayModel, id: string) => {
  const item = find(model, id);
  if (!item || (item.kind !== 'action' && item.kind !== 'submenu'))
    throw new Error(`no item ${id}`);
  return item;
};
const label = (model: TrayModel, id: string) => {
  const item = find(model, id);
  return item && 'label' in item ? item.label : undefined;
};

describe('tray model per status', () => {
  const statusRow = (
    status: DisplayStatus,
    reason = '',
    extra: StatusSnapshot['statusExtra'] = null,
  ) => build(snap({ status, rawStatus: status, reason, statusExtra: extra }));

  it.each<
    [
      DisplayStatus,
      string,
      StatusSnapshot['statusExtra'],
      string,
      Record<string, [boolean, boolean | undefined]>,
      string,
    ]
  >([
    // status, reason, extra, tooltip, {itemId: [enabled, checked]}, break submenu label
    [
      'free',
      '',
      null,
      'Available - 12:04',
      {
        'status.free': [false, true],
        'status.rest': [true, false],
        'status.notReady': [true, false],
      },
      'Break',
    ],
    [
      'busy',
      '',
      { type: 'tel', direction: 'in' },
      'Busy - Phone inbound - 12:04',
      {
        'status.free': [false, false],
        'status.rest': [true, false],
        'status.notReady': [true, false],
      },
      'Break after this call',
    ],
    [
      'rest',
      'Lunch',
      null,
      'Break - Lunch - 12:04',
      {
        'status.free': [true, false],
        'status.rest': [true, true],
        'status.rest.lunch': [false, true],
        'status.rest.break': [true, false],
        'status.notReady': [true, false],
      },
      'Break',
    ],
    [
      'notReady',
      '',
      null,
      'Not ready - 12:04',
      {
        'status.free': [true, false],
        'status.rest': [true, false],
        'status.notReady': [false, true],
      },
      'Break',
    ],
    [
      'afterCallWork',
      '',
      null,
      'Wrap-up - 12:04',
      {
        'status.free': [true, false],
        'status.rest': [true, false],
        'status.notReady': [true, false],
      },
      'Break after this call',
    ],
    [
      'offline',
      '',
      null,
      'Offline - 12:04',
      {
        'status.free': [true, false],
        'status.rest': [true, false],
        'status.notReady': [true, false],
      },
      'Break',
    ],
    [
      'unknown',
      '',
      null,
      'Unknown - 12:04',
      {
        'status.free': [true, false],
        'status.rest': [true, false],
        'status.notReady': [true, false],
      },
      'Break',
    ],
  ])('%s', (status, reason, extra, tooltip, items, breakLabel) => {
    const m = statusRow(status, reason, extra);
    expect(m.tooltip).toBe(tooltip);
    expect(m.icon).toEqual({ status, mark: 'none', pending: false, degraded: false });
    expect(m.iconKey).toBe(status);
    for (const [id, [enabled, checked]] of Object.entries(items)) {
      const item = action(m, id);
      expect([id, item.enabled, item.checked]).toEqual([id, enabled, checked]);
    }
    expect(label(m, 'status.rest')).toBe(breakLabel);
    // Busy is never offered; the app items are always there.
    expect(JSON.stringify(m.menu)).not.toContain('"status":"busy"');
    expect(m.menu.map((i) => i.id).slice(-6)).toEqual([
      'open',
      'stats',
      'refresh',
      'settings',
      'sep.quit',
      'quit',
    ]);
    expect(action(m, 'quit')).toMatchObject({ action: { type: 'quit' } });
  });

  it('offers every configured break reason with its action value', () => {
    const m = build(snap());
    const breakMenu = action(m, 'status.rest');
    expect(breakMenu.kind).toBe('submenu');
    const reasons = breakMenu.kind === 'submenu' ? breakMenu.items : [];
    expect(reasons.map((r) => (r.kind === 'action' ? r.action : null))).toEqual(
      defaultSettings().breakReasons.map((r) => ({
        type: 'setStatus',
        status: 'rest',
        reason: r.label,
      })),
    );
    expect(action(m, 'status.free').kind === 'action' && action(m, 'status.free')).toMatchObject({
      action: { type: 'setStatus', status: 'free' },
    });
  });

  it('puts who, status, detail and the start time in the header', () => {
    const m = build(snap({ status: 'rest', rawStatus: 'rest', reason: 'Lunch' }));
    expect(label(m, 'header.who')).toBe('agent@example.com');
    expect(label(m, 'header.status')).toBe(`Break · Lunch · since ${clockFmt(SINCE)}`);
  });
});

describe('tray model: reserve, degraded, rejected, unconfigured', () => {
  it('shows a reserved break as pending, with a cancel item, while on a call', () => {
    const m = build(snap({ status: 'busy', rawStatus: 'busy', reserveRest: true }));
    expect(m.icon).toEqual({ status: 'busy', mark: 'pending', pending: true, degraded: false });
    expect(m.iconKey).toBe('busy-pending');
    expect(m.tooltip).toBe('Busy - 12:04\nBreak pending after this call');
    expect(label(m, 'pending')).toBe('Break pending after this call');
    expect(action(m, 'cancelPending')).toMatchObject({
      enabled: true,
      action: { type: 'cancelPending' },
    });
    expect(label(m, 'cancelPending')).toBe('Cancel pending break');
    expect(action(m, 'status.rest').checked).toBe(true);
  });

  it('a reserved not-ready disables asking again and offers its own cancel', () => {
    const m = build(
      snap({ status: 'afterCallWork', rawStatus: 'afterCallWork', reserveNotReady: true }),
    );
    expect(action(m, 'status.notReady')).toMatchObject({
      enabled: false,
      checked: true,
      label: 'Not ready after this call',
    });
    expect(label(m, 'cancelPending')).toBe('Cancel pending not ready');
  });

  it('marks a degraded or offline connection but keeps changes possible', () => {
    for (const connection of ['degraded', 'offline'] as const) {
      const m = build(
        snap({
          status: 'rest',
          rawStatus: 'rest',
          reason: 'Lunch',
          connection,
          reserveRest: false,
        }),
      );
      expect(m.icon.mark).toBe('degraded');
      expect(m.iconKey).toBe('rest-degraded');
      expect(m.tooltip.split('\n')[1]).toBe(
        connection === 'degraded' ? 'Connection unstable' : 'Offline: no network',
      );
      expect(action(m, 'status.free').enabled).toBe(true);
    }
  });

  it('degraded wins over pending for the single badge, both flags stay true', () => {
    const m = build(
      snap({ status: 'busy', rawStatus: 'busy', reserveRest: true, connection: 'degraded' }),
    );
    expect(m.icon).toEqual({ status: 'busy', mark: 'degraded', pending: true, degraded: true });
  });

  it('disables every status change while credentials are rejected', () => {
    const m = build(
      snap({
        status: 'rest',
        rawStatus: 'rest',
        reason: 'Lunch',
        connection: 'credentials_rejected',
      }),
    );
    expect(m.icon.mark).toBe('degraded');
    for (const id of [
      'status.free',
      'status.rest',
      'status.rest.lunch',
      'status.rest.break',
      'status.notReady',
    ]) {
      expect([id, action(m, id).enabled]).toEqual([id, false]);
    }
    expect(label(m, 'header.connection')).toBe('Credentials rejected');
    expect(action(m, 'settings').enabled).toBe(true);
  });

  it('unconfigured: unknown icon, a setup hint, nothing to change or refresh', () => {
    const m = build(
      snap({ connection: 'unconfigured', agentId: '', statusSinceMs: null, status: 'unknown' }),
    );
    expect(m.icon).toEqual({ status: 'unknown', mark: 'none', pending: false, degraded: false });
    expect(m.tooltip).toBe('CCC Agent Status - Not connected');
    expect(label(m, 'header.hint')).toBe('Set up your account in Settings');
    expect(action(m, 'status.free').enabled).toBe(false);
    expect(action(m, 'refresh').enabled).toBe(false);
    expect(action(m, 'open').enabled).toBe(true);
    expect(m.title).toBeNull();
  });

  it('connecting: no changes until the first status is known', () => {
    const m = build(snap({ connection: 'connecting', status: 'unknown', statusSinceMs: null }));
    expect(action(m, 'status.rest').enabled).toBe(false);
    expect(m.tooltip).toBe('Unknown\nConnecting…');
  });

  it('shows an own change in flight and an undo that expires', () => {
    const pending = { id: 3, status: 'rest' as const, reason: 'Lunch', requestedAtMs: NOW };
    const m = build(
      snap({
        status: 'rest',
        rawStatus: 'free',
        reason: 'Lunch',
        pending,
        undo: { status: 'free', reason: '', untilMs: NOW + 5000 },
      }),
    );
    expect(m.icon.mark).toBe('pending');
    expect(label(m, 'header.status')).toBe('Break · Lunch · Changing to Break…');
    expect(action(m, 'undo')).toMatchObject({
      label: 'Undo: back to Available',
      action: { type: 'undo' },
    });
    const later = build(
      snap({ undo: { status: 'free', reason: '', untilMs: NOW + 5000 } }),
      settings(),
      NOW + 5000,
    );
    expect(find(later, 'undo')).toBeUndefined();
  });
});

describe('tray model: tooltip, title, locale, menu key', () => {
  it('shows the macOS title timer only when enabled', () => {
    expect(build(snap()).title).toBeNull();
    expect(build(snap(), settings({ menuBarTimer: true })).title).toBe('12:04');
    expect(
      build(snap({ statusSinceMs: NOW - 3_725_000 }), settings({ menuBarTimer: true })).title,
    ).toBe('1:02:05');
  });

  it('keeps the menu key stable while only time passes; the tooltip changes', () => {
    const a = build(snap({ status: 'rest', rawStatus: 'rest', reason: 'Lunch' }), settings(), NOW);
    const b = build(
      snap({ status: 'rest', rawStatus: 'rest', reason: 'Lunch' }),
      settings(),
      NOW + 61_000,
    );
    expect(a.tooltip).not.toBe(b.tooltip);
    expect(sameTrayMenu(a, b)).toBe(true);
    const c = build(
      snap({ status: 'rest', rawStatus: 'rest', reason: 'Break' }),
      settings(),
      NOW + 61_000,
    );
    expect(sameTrayMenu(a, c)).toBe(false);
    expect(sameTrayMenu(null, a)).toBe(false);
  });

  it('translates into Chinese', () => {
    const m = build(
      snap({ status: 'rest', rawStatus: 'rest', reason: '午餐' }),
      settings(),
      NOW,
      'zh-CN',
    );
    expect(m.tooltip).toBe('小休 - 午餐 - 12:04');
    expect(label(m, 'quit')).toBe('退出');
  });

  it('marks demo mode and truncates long tooltips to the Windows limit', () => {
    const m = build(
      snap({ status: 'rest', rawStatus: 'rest', reason: 'x'.repeat(200) }),
      settings({ demoMode: true }),
    );
    expect(m.tooltip.length).toBeLessThanOrEqual(127);
    expect(label(m, 'header.who')).toBe('agent@example.com (Demo)');
  });
});

describe('tray model: updates and start-up', () => {
  const ready = readyUpdate();
  const withUpdate = (s: StatusSnapshot, update: typeof ready | null) =>
    buildTrayModel(s, settings(), 'en', NOW, { formatClock: clockFmt, update });

  it('offers "Restart to update" once an update is downloaded', () => {
    expect(find(withUpdate(snap(), null), 'update.restart')).toBeUndefined();
    expect(
      find(withUpdate(snap(), { ...ready, phase: 'idle' } as never), 'update.restart'),
    ).toBeUndefined();
    expect(find(withUpdate(snap(), ready), 'update.restart')).toEqual({
      kind: 'action',
      id: 'update.restart',
      label: 'Restart to update to 0.2.0',
      enabled: true,
      action: { type: 'restartToUpdate' },
    });
  });

  it('never offers a restart during a call or its wrap-up', () => {
    for (const status of ['busy', 'afterCallWork'] as const) {
      expect(find(withUpdate(snap({ status }), ready), 'update.restart')).toMatchObject({
        label: 'Restart to update (after this call)',
        enabled: false,
      });
    }
  });

  it('starts with a tray that says it waits for the keychain and only offers Quit', () => {
    const model = buildStartingTrayModel('zh-CN');
    expect(model.tooltip).toBe('CCC 坐席状态 - 正在启动：等待钥匙串…');
    expect(model.iconKey).toBe('unknown-pending');
    const actions = model.menu.filter((i) => i.kind === 'action');
    expect(actions).toEqual([
      { kind: 'action', id: 'quit', label: '退出', enabled: true, action: { type: 'quit' } },
    ]);
  });
});
