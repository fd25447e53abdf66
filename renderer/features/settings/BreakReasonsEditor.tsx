import { useT } from '../../lib/i18n';
import { messageFor, type FormErrors } from './validate';

/** A break reason as the form holds it (limit as typed). */
export interface ReasonDraft {
  id: string;
  label: string;
  limit: string;
}

/** Most reasons the settings accept. */
export const MAX_REASONS = 20;

/** Edits the list of break reasons: label and optional limit per row, add and remove. */
export function BreakReasonsEditor({
  reasons,
  errors,
  onChange,
}: {
  reasons: ReasonDraft[];
  errors: FormErrors;
  onChange: (reasons: ReasonDraft[]) => void;
}) {
  const t = useT();
  const err = (field: string): string | null => messageFor(errors, field, t);
  const update = (i: number, patch: Partial<ReasonDraft>): void =>
    onChange(reasons.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="fieldset">
      <legend className="section-title">{t('settings.breakReasons')}</legend>
      <div className="reason-row reason-head" aria-hidden="true">
        <span>{t('settings.reason.col.label')}</span>
        <span>{t('settings.reason.col.limit')}</span>
      </div>
      <ul className="reason-rows">
        {reasons.map((r, i) => {
          const labelError = err(`reason-${i}-label`);
          const limitError = err(`reason-${i}-limit`);
          const n = i + 1;
          return (
            <li key={r.id} className="reason-row">
              <input
                id={`reason-${i}-label`}
                className="input"
                aria-label={t('settings.reason.label', { n })}
                aria-invalid={labelError ? true : undefined}
                aria-describedby={labelError ? `reason-${i}-label-error` : undefined}
                value={r.label}
                onChange={(e) => update(i, { label: e.target.value })}
              />
              <input
                id={`reason-${i}-limit`}
                className="input input-narrow"
                inputMode="numeric"
                placeholder="∞"
                aria-label={t('settings.reason.limit', { n })}
                aria-invalid={limitError ? true : undefined}
                aria-describedby={limitError ? `reason-${i}-limit-error` : undefined}
                value={r.limit}
                onChange={(e) => update(i, { limit: e.target.value })}
              />
              <button
                type="button"
                className="btn btn-small btn-quiet"
                disabled={reasons.length <= 1}
                aria-label={t('settings.reason.remove', { reason: r.label || String(n) })}
                onClick={() => onChange(reasons.filter((_, j) => j !== i))}
              >
                ×
              </button>
              {labelError ? (
                <p
                  className="field-error"
                  id={`reason-${i}-label-error`}
                  data-testid={`reason-${i}-label-error`}
                >
                  {labelError}
                </p>
              ) : null}
              {limitError ? (
                <p
                  className="field-error"
                  id={`reason-${i}-limit-error`}
                  data-testid={`reason-${i}-limit-error`}
                >
                  {limitError}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      <p className="field-hint">{t('settings.reason.limitHint')}</p>
      <button
        type="button"
        className="btn btn-small"
        disabled={reasons.length >= MAX_REASONS}
        onClick={() =>
          onChange([...reasons, { id: `r${Date.now().toString(36)}`, label: '', limit: '' }])
        }
      >
        {t('settings.reason.add')}
      </button>
    </fieldset>
  );
}
