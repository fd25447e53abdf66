import type { ShellState } from '../../shared/shell';
import type { SliceCreator } from './types';

/** What the desktop shell reports (update, notifications), and the window's answers to it. */
export interface ShellSlice {
  shell: ShellState | null;
  /** The agent dismissed the "notifications cannot be shown" notice (told once). */
  notificationsNoticeDismissed: boolean;
  applyShell(shell: ShellState): void;
  loadShell(): Promise<void>;
  restartToUpdate(): Promise<void>;
  dismissNotificationsNotice(): void;
}

/** Shell slice: main pushes app:shellChanged; a refused restart shows main's reason. */
export const createShellSlice: SliceCreator<ShellSlice> = (set, get, api) => ({
  shell: null,
  notificationsNoticeDismissed: false,
  applyShell: (shell) => set({ shell }),
  loadShell: async () => {
    const r = await api.getShellState();
    if (r.ok) set({ shell: r.value });
  },
  restartToUpdate: async () => {
    const r = await api.restartToUpdate();
    if (!r.ok) get().showError(r.message);
  },
  dismissNotificationsNotice: () => set({ notificationsNoticeDismissed: true }),
});
