import { useEffect } from 'react';
import { useApp } from './store/store-context';
import { selectDemo, selectFirstRun, selectTheme } from './store/selectors';
import { useLocale, useT } from './lib/i18n';
import { NavTabs } from './components/NavTabs';
import { ConnectionBanner } from './components/ConnectionBanner';
import { DriftNotice } from './components/DriftNotice';
import { ShellNotices } from './components/ShellNotices';
import { Toasts } from './components/Toasts';
import { StatusScreen } from './features/status/StatusScreen';
import { StatsScreen } from './features/stats/StatsScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { FirstRunScreen } from './features/first-run/FirstRunScreen';

/** Keeps <html lang>, the title and the theme attribute in step with the settings. */
function useDocumentSettings(): void {
  const locale = useLocale();
  const theme = useApp(selectTheme);
  const t = useT();
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
}

/** The window: header with the view switcher, connection and drift notices, the view, toasts. */
export function App() {
  useDocumentSettings();
  const t = useT();
  const view = useApp((s) => s.view);
  const firstRun = useApp(selectFirstRun);
  const demo = useApp(selectDemo);
  const loaded = useApp((s) => s.snapshot !== null && s.settings !== null);
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">
          {t('app.title')}
          {demo ? <span className="badge">{t('app.demo')}</span> : null}
        </h1>
        <NavTabs />
      </header>
      <div className="notices">
        {firstRun ? null : <ConnectionBanner />}
        <DriftNotice />
        <ShellNotices />
      </div>
      <main className="app-main">
        {!loaded ? (
          <p className="muted" role="status">
            {t('app.loading')}
          </p>
        ) : view === 'stats' ? (
          <StatsScreen />
        ) : view === 'settings' ? (
          <SettingsScreen />
        ) : firstRun ? (
          <FirstRunScreen />
        ) : (
          <StatusScreen />
        )}
      </main>
      <Toasts />
    </div>
  );
}
