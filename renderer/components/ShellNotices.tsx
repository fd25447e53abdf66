import { ON_CALL_STATUSES } from '../../shared/status';
import { useApp } from '../store/store-context';
import { useT } from '../lib/i18n';
import { Banner } from './Banner';

/**
 * Notices from the desktop shell: a downloaded update with "Restart to update" (disabled while on
 * a call: never a restart during one), and, once, that native notifications cannot be shown.
 */
export function ShellNotices() {
  const t = useT();
  const update = useApp((s) => (s.shell?.update.phase === 'ready' ? s.shell.update : null));
  const failed = useApp(
    (s) => s.shell?.notificationsFailed === true && !s.notificationsNoticeDismissed,
  );
  const onCall = useApp((s) =>
    (ON_CALL_STATUSES as readonly string[]).includes(s.snapshot?.status ?? ''),
  );
  const restart = useApp((s) => s.restartToUpdate);
  const dismiss = useApp((s) => s.dismissNotificationsNotice);
  return (
    <>
      {update ? (
        <Banner
          tone="info"
          title={t('update.ready.title', { version: update.version ?? '' })}
          testId="update-ready"
          actions={
            <button
              type="button"
              className="btn btn-small"
              disabled={onCall}
              onClick={() => void restart()}
            >
              {t('update.restart')}
            </button>
          }
        >
          {onCall ? t('update.ready.onCall') : t('update.ready.body')}
        </Banner>
      ) : null}
      {failed ? (
        <Banner
          tone="warning"
          title={t('notifyFailed.title')}
          testId="notifications-failed"
          actions={
            <button type="button" className="btn btn-small" onClick={dismiss}>
              {t('toast.dismiss')}
            </button>
          }
        >
          {t('notifyFailed.body')}
        </Banner>
      ) : null}
    </>
  );
}
