import type { ChannelInput, ChannelOutput, TestConnectionResult } from '../../shared/ipc-contract';
import type { CredentialStatus, Settings } from '../../shared/settings';
import type { SliceCreator } from './types';

type AppInfo = ChannelOutput<'app:info'>;

/** Null on success, else the message to show next to the form. */
export type SaveError = string | null;

/** Settings, the non-secret credential status, app info, and the connection test. */
export interface SettingsSlice {
  settings: Settings | null;
  credentials: CredentialStatus | null;
  appInfo: AppInfo | null;
  testResult: TestConnectionResult | null;
  testing: boolean;
  applySettings(settings: Settings): void;
  applyCredentials(credentials: CredentialStatus): void;
  loadInitial(): Promise<void>;
  saveSettings(next: Settings): Promise<SaveError>;
  saveCccCredentials(input: ChannelInput<'credentials:saveCcc'>): Promise<SaveError>;
  saveDeskCredentials(input: ChannelInput<'credentials:saveDesk'>): Promise<SaveError>;
  testConnection(): Promise<void>;
  startDemo(): Promise<SaveError>;
  stopDemo(): Promise<SaveError>;
  signOut(): Promise<SaveError>;
  openHelp(topic: ChannelInput<'app:openHelp'>['topic']): void;
}

/** Settings slice: every write goes to main, which answers with the stored value. */
export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get, api) => {
  const refreshAppInfo = async (): Promise<void> => {
    const r = await api.getAppInfo();
    if (r.ok) set({ appInfo: r.value });
  };
  return {
    settings: null,
    credentials: null,
    appInfo: null,
    testResult: null,
    testing: false,
    applySettings: (settings) => {
      const before = get().settings;
      set({ settings });
      // The resolved locale and the demo flag live in app info: refresh it when they may change.
      if (
        before &&
        (before.language !== settings.language || before.demoMode !== settings.demoMode)
      ) {
        void refreshAppInfo();
      }
    },
    applyCredentials: (credentials) => set({ credentials }),
    loadInitial: async () => {
      const [status, settings, credentials, appInfo] = await Promise.all([
        api.getStatus(),
        api.getSettings(),
        api.getCredentialStatus(),
        api.getAppInfo(),
      ]);
      // An event may have arrived while these were in flight: it is newer, keep it.
      const s = get();
      set({
        snapshot: s.snapshot ?? (status.ok ? status.value : null),
        settings: s.settings ?? (settings.ok ? settings.value : null),
        credentials: s.credentials ?? (credentials.ok ? credentials.value : null),
        appInfo: appInfo.ok ? appInfo.value : s.appInfo,
      });
      const failed = [status, settings, credentials, appInfo].find((r) => !r.ok);
      if (failed && !failed.ok) get().showError(failed.message);
    },
    saveSettings: async (next) => {
      const r = await api.updateSettings(next);
      if (!r.ok) return r.message;
      get().applySettings(r.value);
      return null;
    },
    saveCccCredentials: async (input) => {
      const r = await api.saveCccCredentials(input);
      if (!r.ok) return r.message;
      set({ credentials: r.value, testResult: null });
      return null;
    },
    saveDeskCredentials: async (input) => {
      const r = await api.saveDeskCredentials(input);
      if (!r.ok) return r.message;
      set({ credentials: r.value, testResult: null });
      return null;
    },
    testConnection: async () => {
      set({ testing: true, testResult: null });
      const r = await api.testConnection();
      set({ testing: false, testResult: r.ok ? r.value : null });
      if (!r.ok) get().showError(r.message);
    },
    startDemo: async () => {
      const r = await api.startDemo();
      if (!r.ok) return r.message;
      await refreshAppInfo();
      get().navigate('status');
      return null;
    },
    stopDemo: async () => {
      const r = await api.stopDemo();
      if (!r.ok) return r.message;
      await refreshAppInfo();
      return null;
    },
    signOut: async () => {
      const r = await api.signOut();
      if (!r.ok) return r.message;
      set({ credentials: r.value, testResult: null });
      return null;
    },
    openHelp: (topic) => {
      void api.openHelp({ topic });
    },
  };
};
