import { useApp } from '../../store/store-context';
import { useT } from '../../lib/i18n';
import { AccountForm } from '../settings/AccountForm';
import { ConnectionTest } from '../settings/ConnectionTest';
import { DemoControls } from '../settings/DemoControls';

/** First run: connect an account (with a connection test) or try demo mode. */
export function FirstRunScreen() {
  const t = useT();
  const settings = useApp((s) => s.settings);
  return (
    <div className="screen first-run" data-testid="first-run">
      <h2 className="screen-title">{t('firstRun.title')}</h2>
      <p>{t('firstRun.body')}</p>
      <section className="card card-accent" aria-labelledby="first-run-demo">
        <h3 id="first-run-demo" className="section-title">
          {t('firstRun.demoTitle')}
        </h3>
        <DemoControls />
      </section>
      {settings ? (
        <section className="card" aria-label={t('firstRun.connect')}>
          <AccountForm settings={settings} idPrefix="first-run" />
          <ConnectionTest />
        </section>
      ) : null}
    </div>
  );
}
