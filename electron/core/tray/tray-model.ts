import { translate, type Locale } from '../../../shared/i18n';
import type { Settings } from '../../../shared/settings';
import type { UpdateState } from '../../../shared/shell';
import type { DisplayStatus, StatusSnapshot } from '../../../shared/snapshot';
import { ON_CALL_STATUSES, type SettableStatus } from '../../../shared/status';
import { elapsedSince, formatDuration } from '../../../shared/time-format';
import { formatClockTime, statusDetail, statusLabel } from './tray-format';

/**
 * The tray as plain data: icon, tooltip, macOS title and menu, built from the status snapshot and
 * the settings. electron/main/tray.ts only renders it (Menu.buildFromTemplate, setToolTip, ...).
 *
 * Rebuild policy: the tooltip and title carry the running timer and change every second; the MENU
 * carries no running time (its header says "since 12:03", the local time the status began), so
 * `menuKey` changes only when the status, connection, reservation, undo or settings change. The
 * glue may recompute the model every second for the tooltip and rebuild the native menu only when
 * `menuKey` differs from the last one it built.
 */

/** What a menu item or a notification button asks for. The glue maps it to core/window calls. */
export type TrayAction =
  | { type: 'setStatus'; status: SettableStatus; reason?: string }
  | { type: 'cancelPending' }
  | { type: 'undo' }
  | { type: 'refresh' }
  | { type: 'restartToUpdate' }
  | { type: 'open'; view: 'status' | 'stats' | 'settings' }
  | { type: 'quit' };

/** One menu entry. `checked` present = a checkbox item; absent = a normal item. */
export type TrayMenuItem =
  | { kind: 'label'; id: string; label: string }
  | { kind: 'separator'; id: string }
  | {
      kind: 'action';
      id: string;
      label: string;
      enabled: boolean;
      checked?: boolean;
      action: TrayAction;
    }
  | {
      kind: 'submenu';
      id: string;
      label: string;
      enabled: boolean;
      checked?: boolean;
      items: TrayMenuItem[];
    };

/** Badge over the status shape; same names as electron/main/tray-icon-names.ts. */
export type TrayIconMark = 'none' | 'pending' | 'degraded';

export interface TrayIcon {
  /** The status shape; 'unknown' while unconfigured or before the first sync. */
  status: DisplayStatus;
  /** One badge: 'degraded' (connection trouble) wins over 'pending' (reserved or in flight). */
  mark: TrayIconMark;
  /** A break / not-ready is reserved, or an own change is in flight. */
  pending: boolean;
  /** Connection degraded, offline, or credentials rejected. */
  degraded: boolean;
}

export interface TrayModel {
  icon: TrayIcon;
  /** `<status>` or `<status>-<mark>`: the icon file base name. */
  iconKey: string;
  /** `Break - Lunch - 12:04`, plus lines for a reservation and connection trouble. */
  tooltip: string;
  /** macOS menu-bar timer (`12:04`), or null when off / nothing to time. */
  title: string | null;
  menu: TrayMenuItem[];
  /** Equal keys mean identical menus (cheap structural equality). */
  menuKey: string;
}

export interface TrayModelOptions {
  /** Formats the local time a status began (default `HH:MM` in the machine's zone). */
  formatClock?: (ms: number) => string;
  /** The update's state: a downloaded one adds "Restart to update". */
  update?: UpdateState | null;
}

/** Windows truncates tooltips at 127 characters. */
const TOOLTIP_MAX = 127;
const DEGRADED_STATES = new Set(['degraded', 'offline', 'credentials_rejected']);

/** Builds the tray model. Pure: same inputs, same output. */
export function buildTrayModel(
  snapshot: StatusSnapshot,
  settings: Settings,
  locale: Locale,
  nowMs: number,
  options: TrayModelOptions = {},
): TrayModel {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const formatClock = options.formatClock ?? formatClockTime;
  const unconfigured = snapshot.connection === 'unconfigured';
  const status: DisplayStatus = unconfigured ? 'unknown' : snapshot.status;
  const onCall = (ON_CALL_STATUSES as readonly string[]).includes(status);
  const reserved = !unconfigured && (snapshot.reserveRest || snapshot.reserveNotReady);
  const degraded = DEGRADED_STATES.has(snapshot.connection);
  const pending = reserved || (!unconfigured && snapshot.pending !== null);
  const mark: TrayIconMark = degraded ? 'degraded' : pending ? 'pending' : 'none';
  const icon: TrayIcon = { status, mark, pending, degraded };

  const detail = unconfigured ? null : statusDetail(locale, snapshot);
  const elapsed =
    !unconfigured && snapshot.statusSinceMs !== null
      ? formatDuration(elapsedSince(snapshot.statusSinceMs, nowMs))
      : null;
  const reservedLine = snapshot.reserveRest
    ? t('pending.rest')
    : snapshot.reserveNotReady
      ? t('pending.notReady')
      : null;
  const connectionLine =
    snapshot.connection === 'ok' ? null : t(`connection.${snapshot.connection}`);

  // Tooltip: `Break - Lunch - 12:04`.
  const lines: string[] = [];
  if (unconfigured) {
    lines.push(`${t('tray.appName')} - ${t('connection.unconfigured')}`);
  } else {
    const head = [statusLabel(locale, status), detail, elapsed]
      .filter((p): p is string => !!p)
      .join(' - ');
    lines.push(settings.demoMode ? `${head} (${t('tray.demo')})` : head);
    if (reserved && reservedLine) lines.push(reservedLine);
    if (connectionLine) lines.push(connectionLine);
  }
  const tooltip = truncate(lines.join('\n'), TOOLTIP_MAX);
  const title = settings.menuBarTimer && !unconfigured && elapsed !== null ? elapsed : null;

  const menu = buildMenu({
    snapshot,
    settings,
    status,
    onCall,
    reserved,
    detail,
    reservedLine,
    connectionLine,
    unconfigured,
    nowMs,
    t,
    formatClock,
    locale,
    update: options.update ?? null,
  });
  return {
    icon,
    iconKey: mark === 'none' ? status : `${status}-${mark}`,
    tooltip,
    title,
    menu,
    menuKey: JSON.stringify(menu),
  };
}

/**
 * The tray while the app starts: shown at once, before settings and the keychain are read (a
 * keychain prompt on macOS can hold start-up), so the agent sees the app is there and why it waits.
 */
export function buildStartingTrayModel(locale: Locale): TrayModel {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const menu: TrayMenuItem[] = [
    { kind: 'label', id: 'header.who', label: t('tray.appName') },
    { kind: 'label', id: 'header.status', label: t('tray.waitingKeychain') },
    { kind: 'label', id: 'header.hint', label: t('tray.waitingKeychainHint') },
    { kind: 'separator', id: 'sep.quit' },
    { kind: 'action', id: 'quit', label: t('menu.quit'), enabled: true, action: { type: 'quit' } },
  ];
  return {
    icon: { status: 'unknown', mark: 'pending', pending: true, degraded: false },
    iconKey: 'unknown-pending',
    tooltip: truncate(`${t('tray.appName')} - ${t('tray.waitingKeychain')}`, TOOLTIP_MAX),
    title: null,
    menu,
    menuKey: JSON.stringify(menu),
  };
}

/** Whether two models would render the same native menu. */
export function sameTrayMenu(a: TrayModel | null, b: TrayModel | null): boolean {
  return a !== null && b !== null && a.menuKey === b.menuKey;
}

interface MenuInput {
  snapshot: StatusSnapshot;
  settings: Settings;
  status: DisplayStatus;
  onCall: boolean;
  reserved: boolean;
  detail: string | null;
  reservedLine: string | null;
  connectionLine: string | null;
  unconfigured: boolean;
  nowMs: number;
  locale: Locale;
  t: (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => string;
  formatClock: (ms: number) => string;
  update: UpdateState | null;
}

function buildMenu(m: MenuInput): TrayMenuItem[] {
  const { snapshot, settings, status, t } = m;
  // No status changes without a working account, or before the first status is known.
  const canChange = !['unconfigured', 'credentials_rejected', 'connecting'].includes(
    snapshot.connection,
  );
  const items: TrayMenuItem[] = [];

  const who = snapshot.agentId || settings.account.agentId || t('tray.appName');
  items.push({
    kind: 'label',
    id: 'header.who',
    label: settings.demoMode ? `${who} (${t('tray.demo')})` : who,
  });
  if (m.unconfigured) {
    items.push({ kind: 'label', id: 'header.status', label: t('connection.unconfigured') });
    items.push({ kind: 'label', id: 'header.hint', label: t('tray.notConfigured') });
  } else {
    const since =
      snapshot.pending !== null
        ? t('tray.changing', { status: statusLabel(m.locale, status) })
        : snapshot.statusSinceMs !== null
          ? t('tray.since', { time: m.formatClock(snapshot.statusSinceMs) })
          : null;
    const parts = [statusLabel(m.locale, status), m.detail, since].filter((p): p is string => !!p);
    items.push({ kind: 'label', id: 'header.status', label: parts.join(' · ') });
    if (m.connectionLine)
      items.push({ kind: 'label', id: 'header.connection', label: m.connectionLine });
  }
  items.push({ kind: 'separator', id: 'sep.status' });

  // Available. Busy cannot be left by asking (the call ends it); wrap-up can be ended early.
  items.push({
    kind: 'action',
    id: 'status.free',
    label: statusLabel(m.locale, 'free'),
    enabled: canChange && status !== 'free' && status !== 'busy',
    checked: status === 'free',
    action: { type: 'setStatus', status: 'free' },
  });

  // Break > reasons. While on a call a request is reserved until the call and wrap-up end.
  const onBreak = status === 'rest';
  items.push({
    kind: 'submenu',
    id: 'status.rest',
    label: m.onCall ? t('menu.breakAfterCall') : statusLabel(m.locale, 'rest'),
    enabled: canChange,
    checked: onBreak || snapshot.reserveRest,
    items: settings.breakReasons.map((reason): TrayMenuItem => {
      const current = onBreak && snapshot.reason.trim() === reason.label;
      return {
        kind: 'action',
        id: `status.rest.${reason.id}`,
        label: reason.label,
        enabled: canChange && !current,
        checked: current,
        action: { type: 'setStatus', status: 'rest', reason: reason.label },
      };
    }),
  });

  items.push({
    kind: 'action',
    id: 'status.notReady',
    label: m.onCall ? t('menu.notReadyAfterCall') : statusLabel(m.locale, 'notReady'),
    enabled: canChange && status !== 'notReady' && !snapshot.reserveNotReady,
    checked: status === 'notReady' || snapshot.reserveNotReady,
    action: { type: 'setStatus', status: 'notReady' },
  });

  if (m.reserved && m.reservedLine) {
    items.push({ kind: 'separator', id: 'sep.pending' });
    items.push({ kind: 'label', id: 'pending', label: m.reservedLine });
    items.push({
      kind: 'action',
      id: 'cancelPending',
      label: t(snapshot.reserveRest ? 'menu.cancelPending.rest' : 'menu.cancelPending.notReady'),
      enabled: canChange,
      action: { type: 'cancelPending' },
    });
  }

  if (!m.unconfigured && snapshot.undo && snapshot.undo.untilMs > m.nowMs) {
    const back = [statusLabel(m.locale, snapshot.undo.status), snapshot.undo.reason.trim()]
      .filter(Boolean)
      .join(' · ');
    items.push({
      kind: 'action',
      id: 'undo',
      label: t('menu.undo', { status: back }),
      enabled: canChange,
      action: { type: 'undo' },
    });
  }

  if (m.update?.phase === 'ready') {
    // Never a restart during a call: offered again once the call and wrap-up are over.
    items.push({ kind: 'separator', id: 'sep.update' });
    items.push({
      kind: 'action',
      id: 'update.restart',
      label: m.onCall
        ? t('menu.restartAfterCall')
        : t('menu.restartToUpdate', { version: m.update.version ?? '' }),
      enabled: !m.onCall,
      action: { type: 'restartToUpdate' },
    });
  }

  items.push({ kind: 'separator', id: 'sep.app' });
  items.push({
    kind: 'action',
    id: 'open',
    label: t('menu.open'),
    enabled: true,
    action: { type: 'open', view: 'status' },
  });
  items.push({
    kind: 'action',
    id: 'stats',
    label: t('menu.stats'),
    enabled: !m.unconfigured,
    action: { type: 'open', view: 'stats' },
  });
  items.push({
    kind: 'action',
    id: 'refresh',
    label: t('menu.refresh'),
    enabled: !m.unconfigured,
    action: { type: 'refresh' },
  });
  items.push({
    kind: 'action',
    id: 'settings',
    label: t('menu.settings'),
    enabled: true,
    action: { type: 'open', view: 'settings' },
  });
  items.push({ kind: 'separator', id: 'sep.quit' });
  items.push({
    kind: 'action',
    id: 'quit',
    label: t('menu.quit'),
    enabled: true,
    action: { type: 'quit' },
  });
  return items;
}

const truncate = (s: string, max: number): string =>
  s.length <= max ? s : `${s.slice(0, max - 1)}…`;
