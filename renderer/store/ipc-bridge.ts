import type { RENDERER_API_GLOBAL, RendererApi } from '../../shared/ipc-contract';
import type { AppStore } from './types';

/**
 * The only module that touches `window.ccc` (exposed by the preload, or by the browser
 * preview's bridge). It hands the API to the store and starts every IPC subscription, once.
 */

/**
 * The global's name, spelled here rather than imported: the contract module's value imports
 * would pull zod into the renderer bundle. The type check keeps it equal to the contract's.
 */
const API_GLOBAL: typeof RENDERER_API_GLOBAL = 'ccc';

/** The API the page was given, or null when the page runs without one. */
export function getRendererApi(): RendererApi | null {
  const api = (window as unknown as Record<string, unknown>)[API_GLOBAL];
  return api && typeof api === 'object' ? (api as RendererApi) : null;
}

/**
 * Subscribes to every main -> renderer event, loads the initial state and reports the window's
 * visibility (main polls faster while it is visible). Call once per store; returns a stop function.
 */
export function startIpcSync(api: RendererApi, store: AppStore): () => void {
  const state = store.getState;
  const unsubscribers = [
    api.onStatusChanged((snapshot) => state().applySnapshot(snapshot)),
    api.onDrift((drift) => state().applyDrift(drift)),
    api.onOutcome((outcome) => state().applyOutcome(outcome)),
    api.onSettingsChanged((settings) => state().applySettings(settings)),
    api.onCredentialsChanged((credentials) => state().applyCredentials(credentials)),
    api.onNavigate(({ view }) => state().navigate(view)),
    api.onShellChanged((shell) => state().applyShell(shell)),
  ];
  void state().loadInitial();
  void state().loadShell();
  const reportVisibility = (): void => {
    void api.setVisibility({ visible: document.visibilityState === 'visible' });
  };
  document.addEventListener('visibilitychange', reportVisibility);
  reportVisibility();
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    document.removeEventListener('visibilitychange', reportVisibility);
  };
}
