import { reservedStatus } from '../../../shared/vocabulary';
import { useApp } from '../../store/store-context';
import { useT } from '../../lib/i18n';
import { Banner } from '../../components/Banner';

/** "Break pending after this call" (or not ready), with a button that cancels the reservation. */
export function ReserveBanner() {
  const t = useT();
  const reserved = useApp((s) => (s.snapshot ? reservedStatus(s.snapshot) : null));
  const cancelling = useApp((s) => s.requesting === 'cancel');
  const cancel = useApp((s) => s.cancelPending);
  if (!reserved) return null;
  return (
    <Banner
      tone="info"
      title={t(`pending.${reserved}`)}
      testId="reserve-banner"
      actions={
        <button
          type="button"
          className="btn btn-small"
          disabled={cancelling}
          onClick={() => void cancel()}
        >
          {t('reserve.cancel')}
        </button>
      }
    >
      {t('reserve.hint')}
    </Banner>
  );
}
