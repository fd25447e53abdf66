import { useApp } from '../store/store-context';
import { useT } from '../lib/i18n';
import { Banner } from './Banner';

/** Says that the status was changed elsewhere (supervisor, system, another device), until dismissed. */
export function DriftNotice() {
  const t = useT();
  const drift = useApp((s) => s.drift);
  const dismiss = useApp((s) => s.dismissDrift);
  if (!drift) return null;
  const label = (x: { status: typeof drift.before.status; reason: string }): string => {
    const name = t(`status.${x.status}`);
    // A reason that only repeats the status name ("Break (Break)") adds nothing.
    return x.reason && x.status === 'rest' && x.reason !== name ? `${name} (${x.reason})` : name;
  };
  return (
    <Banner
      tone="info"
      title={t('drift.title')}
      testId="drift-notice"
      actions={
        <button type="button" className="btn btn-small" onClick={dismiss}>
          {t('toast.dismiss')}
        </button>
      }
    >
      {t('drift.body', { before: label(drift.before), after: label(drift.after) })}
    </Banner>
  );
}
