import { useApp } from '../store/store-context';
import { useLocale, useT } from '../lib/i18n';
import { formatClock } from '../lib/time';
import { Banner } from './Banner';

/** Offline / degraded / credentials-rejected / connecting banner, each with the way to fix it. */
export function ConnectionBanner() {
  const t = useT();
  const locale = useLocale();
  const connection = useApp((s) => s.snapshot?.connection ?? null);
  const message = useApp((s) => s.snapshot?.lastError?.message ?? '');
  // Read the sync time only while it is shown: it changes on every poll.
  const lastSyncMs = useApp((s) =>
    s.snapshot?.connection === 'ok' ? null : (s.snapshot?.lastSyncMs ?? null),
  );
  const refresh = useApp((s) => s.refresh);
  const navigate = useApp((s) => s.navigate);

  const lastSync =
    lastSyncMs === null ? '' : ` ${t('conn.lastSync', { time: formatClock(lastSyncMs, locale) })}`;
  const retry = (
    <button type="button" className="btn btn-small" onClick={() => void refresh()}>
      {t('conn.retry')}
    </button>
  );
  switch (connection) {
    case 'offline':
      return (
        <Banner
          tone="warning"
          title={t('connection.offline')}
          actions={retry}
          testId="connection-banner"
        >
          {t('conn.offline') + lastSync}
        </Banner>
      );
    case 'degraded':
      return (
        <Banner
          tone="warning"
          title={t('connection.degraded')}
          actions={retry}
          testId="connection-banner"
        >
          {t('conn.degraded', { message }) + lastSync}
        </Banner>
      );
    case 'credentials_rejected':
      return (
        <Banner
          tone="error"
          title={t('connection.credentials_rejected')}
          testId="connection-banner"
          actions={
            <button type="button" className="btn btn-small" onClick={() => navigate('settings')}>
              {t('conn.fix')}
            </button>
          }
        >
          {t('conn.rejected', { message })}
        </Banner>
      );
    case 'connecting':
      return (
        <Banner tone="info" testId="connection-banner">
          {t('conn.connecting')}
        </Banner>
      );
    default:
      return null;
  }
}
