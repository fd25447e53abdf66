import type { UpdateState } from '../../shared/shell';

/** A downloaded update, ready to install (tests of the tray, the shell state and the window). */
export const readyUpdate = (over: Partial<UpdateState> = {}): UpdateState => ({
  phase: 'ready',
  channel: 'stable',
  version: '0.2.0',
  percent: null,
  offReason: null,
  error: null,
  ...over,
});
