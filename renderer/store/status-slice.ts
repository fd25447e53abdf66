import type { ChangeOutcome, DriftEvent, StatusSnapshot } from '../../shared/snapshot';
import type { SettableStatus } from '../../shared/vocabulary';
import type { SliceCreator } from './types';

/** What the agent asked for and has not been answered yet (the buttons show it as busy). */
export type Requesting = SettableStatus | 'cancel' | 'undo' | null;

/** The agent's status as main reports it, plus the feedback around own changes and drift. */
export interface StatusSlice {
  snapshot: StatusSnapshot | null;
  /** The latest change made elsewhere, until dismissed or superseded by an own change. */
  drift: DriftEvent | null;
  /** The latest own change's outcome: the undo / error toast shows it. */
  outcome: ChangeOutcome | null;
  requesting: Requesting;
  applySnapshot(snapshot: StatusSnapshot): void;
  applyDrift(drift: DriftEvent): void;
  applyOutcome(outcome: ChangeOutcome | null): void;
  requestStatus(status: SettableStatus, reason?: string): Promise<void>;
  cancelPending(): Promise<void>;
  undo(): Promise<void>;
  refresh(): Promise<void>;
  dismissDrift(): void;
  dismissOutcome(): void;
}

/**
 * Status slice: snapshots and events from main; own changes sent through the API. Each outcome
 * arrives one way: an own change's as the answer to its request, a change the app made itself
 * (tray, shortcut, screen lock) as a status:outcome event.
 */
export const createStatusSlice: SliceCreator<StatusSlice> = (set, get, api) => ({
  snapshot: null,
  drift: null,
  outcome: null,
  requesting: null,
  applySnapshot: (snapshot) => set({ snapshot }),
  // A change made elsewhere makes the toast about the agent's own last change stale.
  applyDrift: (drift) => set({ drift, outcome: null }),
  applyOutcome: (outcome) => {
    if (outcome === null || outcome.outcome === 'superseded') return;
    const prev = get().outcome;
    if (prev && prev.id === outcome.id && prev.outcome === outcome.outcome) return;
    set({ outcome });
  },
  requestStatus: async (status, reason) => {
    set({ requesting: status, drift: null });
    const result = await api.setStatus(reason === undefined ? { status } : { status, reason });
    set({ requesting: null });
    if (result.ok) get().applyOutcome(result.value);
    else get().showError(result.message);
  },
  cancelPending: async () => {
    set({ requesting: 'cancel' });
    const result = await api.cancelPending();
    set({ requesting: null });
    if (result.ok) get().applyOutcome(result.value);
    else get().showError(result.message);
  },
  undo: async () => {
    set({ requesting: 'undo', outcome: null });
    const result = await api.undo();
    set({ requesting: null });
    if (result.ok) get().applyOutcome(result.value);
    else get().showError(result.message);
  },
  refresh: async () => {
    const result = await api.refresh();
    if (result.ok) set({ snapshot: result.value });
    else get().showError(result.message);
  },
  dismissDrift: () => set({ drift: null }),
  dismissOutcome: () => set({ outcome: null }),
});
