import { err, ok, type AppError, type Result } from '../../../shared/result';
import type { ShellState, UpdateState } from '../../../shared/shell';
import type { StatusSnapshot } from '../../../shared/snapshot';
import { ON_CALL_STATUSES } from '../../../shared/status';
import type { UpdateChannel } from '../../../shared/update';

/**
 * What the desktop shell reports (update progress, failing notifications) and the one rule about
 * restarting: never during a call. Main feeds it (electron/main/updater.ts, notifications.ts);
 * the window reads it over app:shell / app:shellChanged, the tray model shows "Restart to update".
 */

export interface ShellHooks {
  /** Quits and installs the downloaded update. Absent where nothing can install (the preview). */
  restartToUpdate?(): void;
}

export interface ShellStateStore {
  get(): ShellState;
  setUpdate(update: UpdateState): void;
  /** Records that a native notification failed; only the first one changes anything. */
  notificationFailed(): void;
  /** The restart rule, then the hook. */
  restartToUpdate(): Result<void>;
}

const refusal = (code: string, message: string): AppError => ({
  source: 'app',
  code,
  kind: 'refused',
  message,
  retryable: false,
});

/** Initial update state: off until main says otherwise (the preview never does). */
export const updatesUnsupported = (channel: UpdateChannel): UpdateState => ({
  phase: 'off',
  channel,
  version: null,
  percent: null,
  offReason: 'unsupported',
  error: null,
});

/** True while the agent is on a call or wrapping one up. */
export const onCall = (snapshot: StatusSnapshot): boolean =>
  (ON_CALL_STATUSES as readonly string[]).includes(snapshot.status);

/** Creates the store; `changed` runs after every change (IPC event + tray refresh). */
export function createShellState(deps: {
  channel(): UpdateChannel;
  snapshot(): StatusSnapshot;
  hooks: ShellHooks;
  changed(state: ShellState): void;
}): ShellStateStore {
  let state: ShellState = {
    update: updatesUnsupported(deps.channel()),
    notificationsFailed: false,
  };
  const set = (next: ShellState) => {
    if (JSON.stringify(next) === JSON.stringify(state)) return;
    state = next;
    deps.changed(state);
  };
  return {
    get: () => state,
    setUpdate: (update) => set({ ...state, update }),
    notificationFailed() {
      if (!state.notificationsFailed) set({ ...state, notificationsFailed: true });
    },
    restartToUpdate() {
      if (state.update.phase !== 'ready') {
        return err(refusal('update_not_ready', 'No update has been downloaded yet.'));
      }
      if (onCall(deps.snapshot())) {
        return err(
          refusal(
            'update_on_call',
            'You are on a call: restart to update once the call and wrap-up are over (or it installs when you quit).',
          ),
        );
      }
      if (!deps.hooks.restartToUpdate) {
        return err(refusal('unsupported', 'Updates cannot be installed from here.'));
      }
      deps.hooks.restartToUpdate();
      return ok(undefined);
    },
  };
}
