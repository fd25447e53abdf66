import { translate, type Locale, type MessageKey } from '../../../shared/i18n';
import type { CredentialStatus, Settings } from '../../../shared/settings';
import type { ChangeOutcome, DriftEvent, StatusSnapshot } from '../../../shared/snapshot';
import { isOnCall, type ConnectionState, type SettableStatus } from '../../../shared/vocabulary';
import { formatTotal } from '../../../shared/time-format';
import { breakReasonByLabel } from '../settings/break-reasons';
import { formatClockTime, statusLabel } from '../tray/tray-format';
import type { TrayAction } from '../tray/tray-model';

/**
 * When to tell the agent something with a system notification, decided from engine events,
 * settings and the clock, with no I/O and no timers of its own: every method returns the
 * notifications to show now, and `nextDueMs()` says when time alone could produce the next one
 * (the app core schedules ONE timer for it). Rules:
 * - a break running past its reason's limit: once per break, with a "Back to Available" button;
 * - status changed elsewhere (drift), except the transitions a call causes by itself;
 * - connection lost only after it stayed degraded/offline for `connectionLostAfterMs` (a single
 *   failed poll never notifies), and "restored" only after a "lost" was shown;
 * - credentials rejected: once per transition into that state;
 * - temporary credentials / pasted UserSig: `expiryWarningMs` before they run out, once each;
 * - a failed own change while the window is hidden; a lock-screen break to end; settings reset.
 * Each kind honours its switch in `settings.notifications` (the last three have none).
 */

export type NotificationKind =
  | 'breakOverLimit'
  | 'drift'
  | 'connectionLost'
  | 'connectionRestored'
  | 'credentialsRejected'
  | 'credentialsExpiring'
  | 'userSigExpiring'
  | 'lockBreakReturn'
  | 'changeFailed'
  | 'settingsReset';

/** A notification to show: localized text, buttons and a click, each as an action value. */
export interface NotificationIntent {
  /** Stable per occurrence (usable as a notification tag). */
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  actions: Array<{ id: string; label: string; action: TrayAction }>;
  /** What clicking the notification does. */
  click: TrayAction;
  atMs: number;
}

/** What every decision needs besides the event itself. */
export interface PolicyContext {
  settings: Settings;
  locale: Locale;
  nowMs: number;
}

export interface NotificationPolicyOptions {
  /** How long the connection must stay degraded/offline before "lost" is shown. Default 60 s. */
  connectionLostAfterMs?: number;
  /** How long before an expiry to warn. Default 15 min. */
  expiryWarningMs?: number;
}

/** The policy's decisions; it remembers only what it needs to avoid repeating itself. */
export interface NotificationPolicy {
  onSnapshot(snapshot: StatusSnapshot, ctx: PolicyContext): NotificationIntent[];
  onDrift(drift: DriftEvent, ctx: PolicyContext): NotificationIntent[];
  onOutcome(
    outcome: ChangeOutcome,
    ctx: PolicyContext & { windowVisible: boolean },
  ): NotificationIntent[];
  onCredentials(status: CredentialStatus, ctx: PolicyContext): NotificationIntent[];
  /** Time-based checks (break limit, connection debounce, expiries). */
  tick(ctx: PolicyContext): NotificationIntent[];
  /** The earliest future time `tick` could notify, or null (nothing time-based pending). */
  nextDueMs(ctx: PolicyContext): number | null;
  lockBreakReturn(
    status: Exclude<SettableStatus, 'free'>,
    reason: string,
    ctx: PolicyContext,
  ): NotificationIntent;
  settingsReset(ctx: PolicyContext): NotificationIntent;
  /** Forgets the status history (account switched, demo started/stopped). */
  reset(): void;
}

const TROUBLE: ReadonlySet<ConnectionState> = new Set(['degraded', 'offline']);
const OPEN_STATUS: TrayAction = { type: 'open', view: 'status' };
const OPEN_SETTINGS: TrayAction = { type: 'open', view: 'settings' };
const BACK_TO_AVAILABLE: TrayAction = { type: 'setStatus', status: 'free' };

/** Whether a drift is worth a notification: not the first sync, not what a call does by itself. */
export function isNotableDrift(drift: DriftEvent): boolean {
  const { before, after } = drift;
  if (before.status === 'unknown' || after.status === 'unknown') return false;
  // A call arriving (-> busy / wrap-up) or ending (busy / wrap-up -> anything) is routine.
  if (isOnCall(after.status) || isOnCall(before.status)) return false;
  return before.status !== after.status || before.reason !== after.reason;
}

/** Creates a policy with its own memory of what was already shown. */
export function createNotificationPolicy(
  options: NotificationPolicyOptions = {},
): NotificationPolicy {
  const lostAfterMs = options.connectionLostAfterMs ?? 60_000;
  const warnMs = options.expiryWarningMs ?? 15 * 60_000;

  let snapshot: StatusSnapshot | null = null;
  let credentials: CredentialStatus | null = null;
  let firedBreakKey: string | null = null;
  let troubleSinceMs: number | null = null;
  let lostShown = false;
  let lastConnection: ConnectionState | null = null;
  const warnedExpiries = new Set<string>();

  const intent = (
    kind: NotificationKind,
    key: string | number,
    ctx: PolicyContext,
    text: { title: MessageKey; body: MessageKey; params?: Record<string, string | number> },
    click: TrayAction,
    actions: NotificationIntent['actions'] = [],
  ): NotificationIntent => ({
    id: `${kind}:${key}`,
    kind,
    title: translate(ctx.locale, text.title),
    body: translate(ctx.locale, text.body, text.params),
    actions,
    click,
    atMs: ctx.nowMs,
  });

  const backButton = (ctx: PolicyContext) => [
    {
      id: 'backToAvailable',
      label: translate(ctx.locale, 'notify.action.backToAvailable'),
      action: BACK_TO_AVAILABLE,
    },
  ];
  const settingsButton = (ctx: PolicyContext) => [
    {
      id: 'openSettings',
      label: translate(ctx.locale, 'notify.action.openSettings'),
      action: OPEN_SETTINGS,
    },
  ];

  /** The running break's limit, when it has one: key identifies this break. */
  const breakLimit = (
    ctx: PolicyContext,
  ): { key: string; dueMs: number; reason: string; limit: number } | null => {
    if (!snapshot || snapshot.status !== 'rest' || snapshot.statusSinceMs === null) return null;
    if (snapshot.connection === 'unconfigured') return null;
    const reason = breakReasonByLabel(ctx.settings, snapshot.reason);
    if (!reason || reason.limitMinutes === null) return null;
    return {
      key: `${snapshot.statusSinceMs}|${reason.id}`,
      dueMs: snapshot.statusSinceMs + reason.limitMinutes * 60_000,
      reason: reason.label,
      limit: reason.limitMinutes,
    };
  };

  const expiries = (): Array<{ kind: 'credentialsExpiring' | 'userSigExpiring'; atMs: number }> => {
    const out: Array<{ kind: 'credentialsExpiring' | 'userSigExpiring'; atMs: number }> = [];
    if (credentials?.ccc.set && credentials.ccc.temporary && credentials.ccc.expiresAtMs !== null) {
      out.push({ kind: 'credentialsExpiring', atMs: credentials.ccc.expiresAtMs });
    }
    if (
      credentials?.desk.set &&
      credentials.desk.mode === 'pasted' &&
      credentials.desk.userSigExpiresAtMs !== null
    ) {
      out.push({ kind: 'userSigExpiring', atMs: credentials.desk.userSigExpiresAtMs });
    }
    return out;
  };

  const evaluate = (ctx: PolicyContext): NotificationIntent[] => {
    const out: NotificationIntent[] = [];
    const n = ctx.settings.notifications;

    const limit = breakLimit(ctx);
    if (
      limit &&
      limit.key !== firedBreakKey &&
      ctx.nowMs >= limit.dueMs &&
      n.breakOverLimit &&
      snapshot
    ) {
      firedBreakKey = limit.key;
      const elapsed = formatTotal(
        Math.floor((ctx.nowMs - (snapshot.statusSinceMs ?? ctx.nowMs)) / 1000),
      );
      out.push(
        intent(
          'breakOverLimit',
          limit.key,
          ctx,
          {
            title: 'notify.breakOverLimit.title',
            body: 'notify.breakOverLimit.body',
            params: { reason: limit.reason, elapsed, limit: limit.limit },
          },
          OPEN_STATUS,
          backButton(ctx),
        ),
      );
    }

    if (
      troubleSinceMs !== null &&
      !lostShown &&
      ctx.nowMs - troubleSinceMs >= lostAfterMs &&
      n.connection
    ) {
      lostShown = true;
      out.push(
        intent(
          'connectionLost',
          troubleSinceMs,
          ctx,
          { title: 'notify.connectionLost.title', body: 'notify.connectionLost.body' },
          OPEN_STATUS,
        ),
      );
    }

    for (const e of expiries()) {
      const key = `${e.kind}:${e.atMs}`;
      if (warnedExpiries.has(key) || !n.credentials) continue;
      if (ctx.nowMs >= e.atMs - warnMs && ctx.nowMs < e.atMs) {
        warnedExpiries.add(key);
        out.push(
          intent(
            e.kind,
            e.atMs,
            ctx,
            {
              title:
                e.kind === 'credentialsExpiring'
                  ? 'notify.credentialsExpiring.title'
                  : 'notify.userSigExpiring.title',
              body:
                e.kind === 'credentialsExpiring'
                  ? 'notify.credentialsExpiring.body'
                  : 'notify.userSigExpiring.body',
              params: { time: formatClockTime(e.atMs) },
            },
            OPEN_SETTINGS,
            settingsButton(ctx),
          ),
        );
      }
    }
    return out;
  };

  return {
    onSnapshot(next, ctx) {
      snapshot = next;
      const out: NotificationIntent[] = [];
      const prev = lastConnection;
      lastConnection = next.connection;
      if (next.connection === 'unconfigured') {
        troubleSinceMs = null;
        lostShown = false;
        return out;
      }
      if (TROUBLE.has(next.connection)) {
        troubleSinceMs ??= ctx.nowMs;
      } else {
        if (next.connection === 'ok' && lostShown && ctx.settings.notifications.connection) {
          out.push(
            intent(
              'connectionRestored',
              ctx.nowMs,
              ctx,
              { title: 'notify.connectionRestored.title', body: 'notify.connectionRestored.body' },
              OPEN_STATUS,
            ),
          );
        }
        if (next.connection !== 'connecting') {
          troubleSinceMs = null;
          lostShown = false;
        }
      }
      if (
        next.connection === 'credentials_rejected' &&
        prev !== 'credentials_rejected' &&
        ctx.settings.notifications.credentials
      ) {
        out.push(
          intent(
            'credentialsRejected',
            ctx.nowMs,
            ctx,
            { title: 'notify.credentialsRejected.title', body: 'notify.credentialsRejected.body' },
            OPEN_SETTINGS,
            settingsButton(ctx),
          ),
        );
      }
      return [...out, ...evaluate(ctx)];
    },

    onDrift(drift, ctx) {
      if (!ctx.settings.notifications.drift || !isNotableDrift(drift)) return [];
      const describe = (s: DriftEvent['before']) =>
        [statusLabel(ctx.locale, s.status), s.reason.trim()].filter(Boolean).join(' · ');
      return [
        intent(
          'drift',
          drift.atMs,
          ctx,
          {
            title: 'notify.drift.title',
            body: 'notify.drift.body',
            params: { before: describe(drift.before), after: describe(drift.after) },
          },
          OPEN_STATUS,
          drift.after.status === 'free' ? [] : backButton(ctx),
        ),
      ];
    },

    onOutcome(outcome, ctx) {
      if (outcome.outcome !== 'failed' || ctx.windowVisible) return [];
      return [
        intent(
          'changeFailed',
          outcome.id,
          ctx,
          {
            title: 'notify.changeFailed.title',
            body: 'notify.changeFailed.body',
            params: {
              status: statusLabel(ctx.locale, outcome.requested.status),
              message: outcome.error?.message ?? '',
            },
          },
          OPEN_STATUS,
        ),
      ];
    },

    onCredentials(status, ctx) {
      credentials = status;
      return evaluate(ctx);
    },

    tick: (ctx) => evaluate(ctx),

    nextDueMs(ctx) {
      const candidates: number[] = [];
      const n = ctx.settings.notifications;
      const limit = breakLimit(ctx);
      if (limit && limit.key !== firedBreakKey && n.breakOverLimit) candidates.push(limit.dueMs);
      if (troubleSinceMs !== null && !lostShown && n.connection)
        candidates.push(troubleSinceMs + lostAfterMs);
      if (n.credentials) {
        for (const e of expiries()) {
          if (!warnedExpiries.has(`${e.kind}:${e.atMs}`) && ctx.nowMs < e.atMs)
            candidates.push(e.atMs - warnMs);
        }
      }
      return candidates.length === 0 ? null : Math.max(ctx.nowMs, Math.min(...candidates));
    },

    lockBreakReturn(status, reason, ctx) {
      const what = [statusLabel(ctx.locale, status), reason.trim()].filter(Boolean).join(' · ');
      return intent(
        'lockBreakReturn',
        ctx.nowMs,
        ctx,
        {
          title: 'notify.lockBreakReturn.title',
          body: 'notify.lockBreakReturn.body',
          params: { status: what },
        },
        OPEN_STATUS,
        backButton(ctx),
      );
    },

    settingsReset: (ctx) =>
      intent(
        'settingsReset',
        ctx.nowMs,
        ctx,
        { title: 'notify.settingsReset.title', body: 'notify.settingsReset.body' },
        OPEN_SETTINGS,
      ),

    reset() {
      snapshot = null;
      firedBreakKey = null;
      troubleSinceMs = null;
      lostShown = false;
      lastConnection = null;
      // Expiry warnings are keyed by the expiry itself: they stay shown across a reset.
    },
  };
}
