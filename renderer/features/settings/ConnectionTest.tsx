import type { TestConnectionResult } from '../../../shared/ipc-contract';
import { useApp } from '../../store/store-context';
import { useT, type T } from '../../lib/i18n';

type Check = TestConnectionResult['ccc'];

function CheckLine({ name, check, t }: { name: string; check: Check; t: T }) {
  return (
    <li className={check.ok ? 'check check-ok' : 'check check-failed'}>
      <strong>
        {name}: {check.ok ? t('settings.test.ok') : t('settings.test.failed')}
      </strong>{' '}
      <span>{check.message}</span>
      {check.code ? <code className="check-code">{check.code}</code> : null}
      {check.requestId ? (
        <span className="muted small">
          {' '}
          {t('settings.test.requestId', { id: check.requestId })}
        </span>
      ) : null}
    </li>
  );
}

/** "Test connection": runs both checks in main and shows each one's precise result. */
export function ConnectionTest() {
  const t = useT();
  const testing = useApp((s) => s.testing);
  const result = useApp((s) => s.testResult);
  const test = useApp((s) => s.testConnection);
  return (
    <div className="connection-test">
      <button
        type="button"
        className="btn"
        onClick={() => void test()}
        disabled={testing}
        aria-busy={testing}
      >
        {testing ? t('settings.testing') : t('settings.test')}
      </button>
      <ul className="checks" aria-live="polite" data-testid="test-result">
        {result ? <CheckLine name={t('settings.test.ccc')} check={result.ccc} t={t} /> : null}
        {result?.desk ? (
          <CheckLine name={t('settings.test.desk')} check={result.desk} t={t} />
        ) : null}
      </ul>
    </div>
  );
}
