import { useApp } from '../../store/store-context';
import { useT } from '../../lib/i18n';
import { AccountForm } from './AccountForm';
import { ConnectionTest } from './ConnectionTest';
import { DemoControls } from './DemoControls';
import { DeskForm } from './DeskForm';
import { PreferencesForm } from './PreferencesForm';
import { VoiceForm } from './VoiceForm';

/** Settings: account and desk connection (with test and demo), phone stats, then preferences. */
export function SettingsScreen() {
  const t = useT();
  const settings = useApp((s) => s.settings);
  const platform = useApp((s) => s.appInfo?.platform ?? '');
  const credentialsSet = useApp(
    (s) => s.credentials?.ccc.set === true || s.credentials?.desk.set === true,
  );
  const signOut = useApp((s) => s.signOut);
  if (!settings) {
    return (
      <p className="muted" role="status">
        {t('app.loading')}
      </p>
    );
  }
  return (
    <div className="screen settings-screen" data-testid="settings-screen">
      <h2 className="screen-title">{t('settings.heading')}</h2>
      <section className="card">
        <AccountForm settings={settings} />
        <ConnectionTest />
      </section>
      <section className="card" aria-labelledby="demo-heading">
        <h3 id="demo-heading" className="section-title">
          {t('settings.demo.heading')}
        </h3>
        <DemoControls />
      </section>
      <section className="card">
        <DeskForm settings={settings} />
      </section>
      <section className="card">
        <VoiceForm settings={settings} />
      </section>
      <section className="card">
        <PreferencesForm settings={settings} platform={platform} />
      </section>
      {credentialsSet ? (
        <button type="button" className="btn btn-danger" onClick={() => void signOut()}>
          {t('settings.signOut')}
        </button>
      ) : null}
    </div>
  );
}
