import { useEffect } from 'react';
import { useApp } from '../store/store-context';
import { useT } from '../lib/i18n';

/** How long a toast stays, ms ("about 10 s"). */
export const TOAST_MS = 10_000;

/** The latest own change: "changed to X" with Undo, "X after this call", or why it failed. */
function OutcomeToast() {
  const t = useT();
  const outcome = useApp((s) => s.outcome);
  const canUndo = useApp((s) => s.snapshot?.undo != null);
  const undo = useApp((s) => s.undo);
  const dismiss = useApp((s) => s.dismissOutcome);
  useEffect(() => {
    if (!outcome) return;
    const id = setTimeout(dismiss, TOAST_MS);
    return () => clearTimeout(id);
  }, [outcome, dismiss]);
  if (!outcome) return null;
  const status = t(`status.${outcome.requested.status}`);
  const failed = outcome.outcome === 'failed';
  const text = failed
    ? t('toast.failed', { status, message: outcome.error?.message ?? '' })
    : t(outcome.outcome === 'reserved' ? 'toast.reserved' : 'toast.applied', { status });
  return (
    <div className={failed ? 'toast toast-error' : 'toast'} data-testid="outcome-toast">
      <span className="toast-text">{text}</span>
      {!failed && canUndo ? (
        <button type="button" className="btn btn-small" onClick={() => void undo()}>
          {t('toast.undo')}
        </button>
      ) : null}
      <button
        type="button"
        className="btn btn-small btn-quiet"
        onClick={dismiss}
        aria-label={t('toast.dismiss')}
      >
        ×
      </button>
    </div>
  );
}

/** An IPC call failed outside a status change (loading, saving). */
function ErrorToast() {
  const t = useT();
  const notice = useApp((s) => s.notice);
  const clear = useApp((s) => s.clearNotice);
  useEffect(() => {
    if (!notice) return;
    const id = setTimeout(clear, TOAST_MS);
    return () => clearTimeout(id);
  }, [notice, clear]);
  if (!notice) return null;
  return (
    <div className="toast toast-error" data-testid="error-toast">
      <span className="toast-text">{t('toast.error', { message: notice.text })}</span>
      <button
        type="button"
        className="btn btn-small btn-quiet"
        onClick={clear}
        aria-label={t('toast.dismiss')}
      >
        ×
      </button>
    </div>
  );
}

/** The toast area: a polite live region at the bottom of the window. */
export function Toasts() {
  return (
    <div className="toasts" role="status" aria-live="polite">
      <OutcomeToast />
      <ErrorToast />
    </div>
  );
}
