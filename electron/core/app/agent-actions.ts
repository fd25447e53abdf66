import type { IpcResult } from '../../../shared/ipc-contract';
import type { AppError, Result } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';
import type { ChangeOutcome } from '../../../shared/snapshot';
import type {
  NotificationIntent,
  NotificationPolicy,
  PolicyContext,
} from '../notify/notification-policy';
import type { Logger } from '../ports';
import { breakReasonById, defaultBreakReason } from '../settings/break-reasons';
import type { StatusEngine } from '../status/engine';
import type { TrayAction } from '../tray/tray-model';

/**
 * What the agent does outside the window: tray and notification actions, the global break
 * shortcut, and the optional break on screen lock (with "Back to Available" offered on unlock,
 * only if the break the app set is still the current status).
 */

export type PowerEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen';

export interface AgentActions {
  perform(action: TrayAction): Promise<void>;
  toggleBreak(): Promise<IpcResult<ChangeOutcome>>;
  onPowerEvent(event: PowerEvent): void;
}

export interface AgentActionDeps {
  engine(): StatusEngine | null;
  settings(): Settings;
  notConfigured(): AppError;
  navigate(view: 'status' | 'stats' | 'settings'): void;
  notify(intents: NotificationIntent[]): void;
  policy: NotificationPolicy;
  ctx(): PolicyContext;
  logger: Logger;
  /** Installs a downloaded update unless the agent is on a call (shell-state.ts). */
  restartToUpdate(): Result<void>;
}

/** Creates the actions over the current engine (which may change or be absent). */
export function createAgentActions(d: AgentActionDeps): AgentActions {
  let lockBreak: { reason: string } | null = null;

  return {
    async perform(action) {
      const engine = d.engine();
      switch (action.type) {
        case 'open':
          d.navigate(action.view);
          return;
        case 'quit':
          return; // the glue quits the app (and disposes the core)
        case 'setStatus':
          if (engine) await engine.setStatus(action.status, action.reason ?? '');
          return;
        case 'cancelPending':
          if (engine) await engine.cancelPending();
          return;
        case 'undo':
          if (engine) await engine.undo();
          return;
        case 'refresh':
          if (engine) await engine.refresh();
          return;
        case 'restartToUpdate': {
          const r = d.restartToUpdate();
          if (!r.ok) d.logger.log('info', 'update: restart refused', { code: r.error.code });
          return;
        }
      }
    },

    async toggleBreak() {
      const engine = d.engine();
      if (!engine)
        return { ok: false, code: d.notConfigured().code, message: d.notConfigured().message };
      const s = engine.snapshot();
      if (s.connection === 'credentials_rejected') {
        return {
          ok: false,
          code: 'credentials_rejected',
          message: s.lastError?.message ?? 'The credentials were rejected: fix them in Settings.',
        };
      }
      // On a break -> Available; a break pending after the call -> cancel it; else the default
      // break (which CCC reserves while on a call).
      const outcome =
        s.status === 'rest'
          ? await engine.setStatus('free')
          : s.reserveRest
            ? await engine.cancelPending()
            : await engine.setStatus('rest', defaultBreakReason(d.settings()).label);
      return { ok: true, value: outcome };
    },

    onPowerEvent(event) {
      const engine = d.engine();
      d.logger.log('info', 'app: power event', { event });
      if (!engine) return;
      if (event === 'resume') engine.resume();
      if (event === 'lock-screen') {
        const settings = d.settings();
        if (!settings.lockBreak.enabled || lockBreak) return;
        const s = engine.snapshot();
        // Only from Available: never override a call, a not-ready or a break the agent chose.
        if (s.status !== 'free' || s.connection === 'credentials_rejected') return;
        const reason = breakReasonById(settings, settings.lockBreak.reasonId).label;
        lockBreak = { reason };
        void engine.setStatus('rest', reason).then((o) => {
          if (o.outcome !== 'applied' && lockBreak?.reason === reason) lockBreak = null;
        });
      }
      if (event === 'unlock-screen') {
        engine.resume();
        const taken = lockBreak;
        lockBreak = null;
        const s = engine.snapshot();
        if (taken && s.status === 'rest' && s.reason === taken.reason) {
          d.notify([d.policy.lockBreakReturn('rest', taken.reason, d.ctx())]);
        }
      }
    },
  };
}
