import type { StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../shared/ipc-contract';
import type { StatusSlice } from './status-slice';
import type { StatsSlice } from './stats-slice';
import type { SettingsSlice } from './settings-slice';
import type { UiSlice } from './ui-slice';
import type { ShellSlice } from './shell-slice';

/** The whole renderer state: one store made of typed slices. */
export type AppState = StatusSlice & StatsSlice & SettingsSlice & UiSlice & ShellSlice;

/** The store instance (vanilla zustand; React reads it through StoreProvider). */
export type AppStore = StoreApi<AppState>;

/** How each slice is built: it may read and write the whole state and call the IPC API. */
export type SliceCreator<T> = (
  set: AppStore['setState'],
  get: AppStore['getState'],
  api: RendererApi,
) => T;

/** A value that is loading, loaded, or failed with a message. */
export type Loadable<T> =
  { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; message: string };
