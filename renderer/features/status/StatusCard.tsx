import { isOnCall } from '../../../shared/vocabulary';
import { useApp } from '../../store/store-context';
import { useT } from '../../lib/i18n';
import { StatusIcon } from '../../components/StatusIcon';
import { StatusTimer } from './StatusTimer';

/** The current status: colour and icon, label, reason, channel while busy, and the live timer. */
export function StatusCard() {
  const t = useT();
  const status = useApp((s) => s.snapshot?.status ?? 'unknown');
  const reason = useApp((s) => s.snapshot?.reason ?? '');
  const pending = useApp((s) => s.snapshot?.pending?.status ?? null);
  const channel = useApp((s) => s.snapshot?.statusExtra?.type ?? null);
  const direction = useApp((s) => s.snapshot?.statusExtra?.direction ?? null);
  const showChannel = channel !== null && isOnCall(status);
  const directionText = direction ? t(`direction.${direction}`) : '';
  return (
    <section
      className={`status-card st-${status}`}
      aria-labelledby="status-heading"
      data-status={status}
    >
      <h2 id="status-heading" className="visually-hidden">
        {t('status.heading')}
      </h2>
      <div className="status-badge">
        <StatusIcon status={status} size={32} />
      </div>
      <div className="status-main" aria-live="polite" aria-busy={pending !== null}>
        <p className="status-label" data-testid="status-label">
          {t(`status.${status}`)}
        </p>
        {reason && status !== 'free' ? (
          <p className="status-reason" data-testid="status-reason">
            {reason}
          </p>
        ) : null}
        {showChannel ? (
          <p className="status-channel" data-testid="status-channel">
            {t(`channel.${channel}`)}
            {directionText ? ` · ${directionText}` : ''}
          </p>
        ) : null}
        {pending ? (
          <p className="status-pending" data-testid="status-pending">
            <span className="spinner" aria-hidden="true" />
            {t('status.changingTo', { status: t(`status.${pending}`) })}
          </p>
        ) : null}
      </div>
      <StatusTimer />
    </section>
  );
}
