import { createStore } from 'zustand/vanilla';
import type { RendererApi } from '../../shared/ipc-contract';
import { createStatusSlice } from './status-slice';
import { createStatsSlice } from './stats-slice';
import { createSettingsSlice } from './settings-slice';
import { createUiSlice } from './ui-slice';
import { createShellSlice } from './shell-slice';
import type { AppState, AppStore } from './types';

/** Builds the one renderer store from its slices; every IPC call goes through `api`. */
export function createAppStore(api: RendererApi): AppStore {
  return createStore<AppState>()((set, get) => ({
    ...createStatusSlice(set, get, api),
    ...createStatsSlice(set, get, api),
    ...createSettingsSlice(set, get, api),
    ...createUiSlice(set, get, api),
    ...createShellSlice(set, get, api),
  }));
}
