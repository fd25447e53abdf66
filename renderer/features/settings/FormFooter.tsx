import { useT } from '../../lib/i18n';

/** Where a form stands after Save: nothing yet, saving, saved, fields invalid, or main's message. */
export type FormState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'invalid' }
  | { kind: 'failed'; message: string };

/** The Save button and the form's outcome line (errors are announced). */
export function FormFooter({ state, children }: { state: FormState; children?: React.ReactNode }) {
  const t = useT();
  return (
    <div className="form-footer">
      <button type="submit" className="btn btn-primary" disabled={state.kind === 'saving'}>
        {state.kind === 'saving' ? t('settings.saving') : t('settings.save')}
      </button>
      {children}
      <span
        className="form-outcome"
        role={state.kind === 'invalid' || state.kind === 'failed' ? 'alert' : 'status'}
      >
        {state.kind === 'saved' ? <span className="ok-text">{t('settings.saved')}</span> : null}
        {state.kind === 'invalid' ? (
          <span className="error-text">{t('settings.fixFields')}</span>
        ) : null}
        {state.kind === 'failed' ? <span className="error-text">{state.message}</span> : null}
      </span>
    </div>
  );
}
