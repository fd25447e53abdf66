import type { Ref } from 'react';
import { Banner } from '../../components/Banner';
import { Field } from '../../components/Field';
import { useLocale, useT } from '../../lib/i18n';
import { useDeadlinePassed } from '../../lib/use-deadline';
import { useApp } from '../../store/store-context';

/**
 * How long before the expiry the saved temporary credentials count as "about to expire": the
 * same lead as the notification policy's warning (electron/core/notify), so both agree.
 */
export const EXPIRY_WARNING_MS = 15 * 60_000;

/** The expiry of temporary credentials being entered: a `datetime-local` input (local time). */
export function TokenExpiryField({
  id,
  inputRef,
  value,
  error,
  onChange,
}: {
  id: string;
  /** The input itself, so the form can read `validity.badInput` (a half-typed date). */
  inputRef?: Ref<HTMLInputElement>;
  value: string;
  error: string | null;
  onChange: (value: string) => void;
}) {
  const t = useT();
  return (
    <Field
      id={id}
      label={t('settings.tokenExpiry')}
      hint={t('settings.tokenExpiry.hint')}
      error={error}
    >
      {(control) => (
        <input
          {...control}
          ref={inputRef}
          className="input"
          type="datetime-local"
          step={60}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/**
 * The saved temporary credentials' expiry (credentials:status): a hint while it is far, a warning
 * once it is near, an error once it has passed. Re-renders only at those two moments (no tick).
 * Renders nothing for permanent or unsaved credentials.
 */
export function SavedTokenExpiry({ testId }: { testId: string }) {
  const t = useT();
  const locale = useLocale();
  const temporary = useApp((s) => s.credentials?.ccc.set === true && s.credentials.ccc.temporary);
  const expiresAtMs = useApp((s) => s.credentials?.ccc.expiresAtMs ?? null);
  const at = temporary ? expiresAtMs : null;
  const near = useDeadlinePassed(at === null ? null : at - EXPIRY_WARNING_MS);
  const past = useDeadlinePassed(at);
  if (!temporary) return null;
  if (at === null) {
    return (
      <p className="field-hint" data-testid={testId}>
        {t('settings.tokenExpiry.unknown')}
      </p>
    );
  }
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    at,
  );
  if (past) {
    return (
      <Banner tone="error" testId={testId}>
        {t('settings.tokenExpiry.expired', { time })}
      </Banner>
    );
  }
  if (near) {
    return (
      <Banner tone="warning" testId={testId}>
        {t('settings.tokenExpiry.soon', { time })}
      </Banner>
    );
  }
  return (
    <p className="field-hint" data-testid={testId}>
      {t('settings.tokenExpiry.saved', { time })}
    </p>
  );
}
