import { useState } from 'react';
import { useApp } from '../../store/store-context';
import { selectDemo } from '../../store/selectors';
import { useT } from '../../lib/i18n';

/** Starts demo mode (a local simulator) or leaves it. */
export function DemoControls() {
  const t = useT();
  const demo = useApp(selectDemo);
  const startDemo = useApp((s) => s.startDemo);
  const stopDemo = useApp((s) => s.stopDemo);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<string | null>): Promise<void> => {
    setBusy(true);
    setError(await action());
    setBusy(false);
  };
  return (
    <div className="demo-controls">
      <p className="muted">{demo ? t('settings.demo.active') : t('settings.demo.hint')}</p>
      <button
        type="button"
        className={demo ? 'btn' : 'btn btn-primary'}
        disabled={busy}
        aria-busy={busy}
        onClick={() => void run(demo ? stopDemo : startDemo)}
        data-testid={demo ? 'demo-stop' : 'demo-start'}
      >
        {demo ? t('settings.demo.stop') : t('settings.demo')}
      </button>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
