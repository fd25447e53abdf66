import type { View } from '../../shared/vocabulary';
import type { SliceCreator } from './types';

/** A short-lived message that is not tied to a status change (an IPC call failed). */
export interface Notice {
  id: number;
  text: string;
}

/** Which view is shown, and the transient error notice. */
export interface UiSlice {
  view: View;
  notice: Notice | null;
  navigate(view: View): void;
  showError(text: string): void;
  clearNotice(): void;
}

let noticeId = 0;

/** UI slice: navigation (also driven by main's app:navigate) and notices. */
export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  view: 'status',
  notice: null,
  navigate: (view) => set({ view }),
  showError: (text) => set({ notice: { id: ++noticeId, text } }),
  clearNotice: () => set({ notice: null }),
});
