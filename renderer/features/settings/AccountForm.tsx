import { useRef, useState, type FormEvent } from 'react';
import type { ChannelInput } from '../../../shared/ipc-contract';
import type { Settings } from '../../../shared/settings';
import { LIMITS as L } from '../../../shared/vocabulary';
import { useApp } from '../../store/store-context';
import { useT } from '../../lib/i18n';
import { SelectField, TextField } from '../../components/Field';
import { FormFooter, type FormState } from './FormFooter';
import { SavedTokenExpiry, TokenExpiryField } from './TokenExpiry';
import {
  checkExpiry,
  checkInt,
  checkSecretId,
  checkText,
  checkUrl,
  collect,
  messageFor,
  type FormErrors,
} from './validate';

type Endpoint = Settings['account']['endpoint'];

/** What the form holds: text as typed. Secrets start empty (write-only) and are cleared after saving. */
interface Draft {
  sdkAppId: string;
  agentId: string;
  endpoint: Endpoint;
  customBaseUrl: string;
  secretId: string;
  secretKey: string;
  token: string;
  /** Expiry of the temporary credentials, as a `datetime-local` value (local time); '' = none. */
  expiresAt: string;
  /** The browser holds a half-typed expiry (its input then reports ''). Read when saving. */
  expiresAtIncomplete?: boolean;
}

/**
 * Validates the draft into the account settings and (when typed) the credentials to save. The
 * expiry counts only with a token, and must be after `nowMs`.
 */
export function checkAccount(
  d: Draft,
  credentialsSet: boolean,
  nowMs: number,
): {
  errors: FormErrors;
  account?: Omit<Settings['account'], 'apiLanguage'>;
  ccc?: ChannelInput<'credentials:saveCcc'> | null;
} {
  const errors: FormErrors = {};
  const sdkAppId = collect(errors, 'sdkAppId', checkInt(d.sdkAppId, L.appId.min, L.appId.max));
  const agentId = collect(errors, 'agentId', checkText(d.agentId, 1, L.agentId.max));
  const customBaseUrl =
    d.endpoint === 'custom' ? collect(errors, 'customBaseUrl', checkUrl(d.customBaseUrl)) : null;
  const typed = d.secretId.trim() !== '' || d.secretKey.trim() !== '' || d.token.trim() !== '';
  let ccc: ChannelInput<'credentials:saveCcc'> | null = null;
  if (typed || !credentialsSet) {
    const secretId = collect(errors, 'secretId', checkSecretId(d.secretId));
    const secretKey = collect(
      errors,
      'secretKey',
      checkText(d.secretKey, L.secretKey.min, L.secretKey.max),
    );
    const token = collect(errors, 'token', checkText(d.token, 0, L.securityToken.max));
    const expiresAtMs = token
      ? collect(errors, 'expiresAt', checkExpiry(d.expiresAt, nowMs, d.expiresAtIncomplete))
      : null;
    if (typed && d.secretId.trim() !== '' && d.secretKey.trim() === '')
      errors.secretKey = { key: 'invalid.pair' };
    if (typed && d.secretKey.trim() !== '' && d.secretId.trim() === '')
      errors.secretId = { key: 'invalid.pair' };
    if (secretId !== undefined && secretKey !== undefined && token !== undefined) {
      ccc = token ? { secretId, secretKey, token } : { secretId, secretKey };
      if (token && expiresAtMs) ccc.expiresAtMs = expiresAtMs;
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    account: {
      sdkAppId: sdkAppId ?? null,
      agentId: agentId ?? '',
      endpoint: d.endpoint,
      customBaseUrl: customBaseUrl ?? null,
    },
    ccc,
  };
}

/**
 * Account form: SdkAppId, agent account, endpoint, the write-only SecretId / SecretKey / token,
 * the expiry of temporary credentials, and the saved credentials' expiry.
 */
export function AccountForm({
  settings,
  idPrefix = 'account',
}: {
  settings: Settings;
  idPrefix?: string;
}) {
  const t = useT();
  const credentialsSet = useApp((s) => s.credentials?.ccc.set === true);
  const prefix = useApp((s) => s.credentials?.ccc.secretIdPrefix ?? null);
  const saveSettings = useApp((s) => s.saveSettings);
  const saveCcc = useApp((s) => s.saveCccCredentials);
  const openHelp = useApp((s) => s.openHelp);
  const [draft, setDraft] = useState<Draft>(() => ({
    sdkAppId: settings.account.sdkAppId === null ? '' : String(settings.account.sdkAppId),
    agentId: settings.account.agentId,
    endpoint: settings.account.endpoint,
    customBaseUrl: settings.account.customBaseUrl ?? '',
    secretId: '',
    secretKey: '',
    token: '',
    expiresAt: '',
  }));
  const [errors, setErrors] = useState<FormErrors>({});
  const [state, setState] = useState<FormState>({ kind: 'idle' });
  const expiryInput = useRef<HTMLInputElement>(null);
  const edit = (patch: Partial<Draft>): void => setDraft((d) => ({ ...d, ...patch }));
  const err = (field: string): string | null => messageFor(errors, field, t);
  const id = (field: string): string => `${idPrefix}-${field}`;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const incomplete = expiryInput.current?.validity.badInput === true;
    const checked = checkAccount(
      { ...draft, expiresAtIncomplete: incomplete },
      credentialsSet,
      Date.now(),
    );
    setErrors(checked.errors);
    if (!checked.account) return setState({ kind: 'invalid' });
    setState({ kind: 'saving' });
    const failed =
      (await saveSettings({
        ...settings,
        account: { ...checked.account, apiLanguage: settings.account.apiLanguage },
      })) ?? (checked.ccc ? await saveCcc(checked.ccc) : null);
    if (failed) return setState({ kind: 'failed', message: failed });
    edit({ secretId: '', secretKey: '', token: '', expiresAt: '' });
    setState({ kind: 'saved' });
  };

  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-labelledby={id('heading')}
    >
      <h3 id={id('heading')} className="section-title">
        {t('settings.account')}
      </h3>
      <div className="grid-2">
        <TextField
          id={id('sdkAppId')}
          label={t('settings.sdkAppId')}
          hint={t('settings.sdkAppId.hint')}
          inputMode="numeric"
          value={draft.sdkAppId}
          error={err('sdkAppId')}
          onChange={(v) => edit({ sdkAppId: v })}
        />
        <TextField
          id={id('agentId')}
          label={t('settings.agentId')}
          hint={t('settings.agentId.hint')}
          type="email"
          value={draft.agentId}
          error={err('agentId')}
          onChange={(v) => edit({ agentId: v })}
        />
      </div>
      <SelectField<Endpoint>
        id={id('endpoint')}
        label={t('settings.endpoint')}
        value={draft.endpoint}
        options={(['mainland', 'international', 'custom'] as const).map((v) => ({
          value: v,
          label: t(`settings.endpoint.${v}`),
        }))}
        onChange={(v) => edit({ endpoint: v })}
      />
      {draft.endpoint === 'custom' ? (
        <TextField
          id={id('customBaseUrl')}
          label={t('settings.customBaseUrl')}
          type="url"
          placeholder="https://"
          value={draft.customBaseUrl}
          error={err('customBaseUrl')}
          onChange={(v) => edit({ customBaseUrl: v })}
        />
      ) : null}
      <div className="grid-2">
        <TextField
          id={id('secretId')}
          label={t('settings.secretId')}
          type="password"
          autoComplete="new-password"
          value={draft.secretId}
          error={err('secretId')}
          onChange={(v) => edit({ secretId: v })}
        />
        <TextField
          id={id('secretKey')}
          label={t('settings.secretKey')}
          type="password"
          autoComplete="new-password"
          value={draft.secretKey}
          error={err('secretKey')}
          onChange={(v) => edit({ secretKey: v })}
        />
      </div>
      <p className="field-hint">
        {credentialsSet && prefix
          ? t('settings.secret.saved', { prefix })
          : t('settings.secret.hint')}{' '}
        <button type="button" className="link" onClick={() => openHelp('cam-policy')}>
          {t('settings.help.cam')}
        </button>
      </p>
      <TextField
        id={id('token')}
        label={t('settings.token')}
        hint={t('settings.token.hint')}
        type="password"
        autoComplete="off"
        value={draft.token}
        error={err('token')}
        onChange={(v) => edit({ token: v })}
      />
      {draft.token.trim() !== '' ? (
        <TokenExpiryField
          id={id('expiresAt')}
          inputRef={expiryInput}
          value={draft.expiresAt}
          error={err('expiresAt')}
          onChange={(v) => edit({ expiresAt: v })}
        />
      ) : null}
      <SavedTokenExpiry testId={id('savedExpiry')} />
      <p className="field-hint">
        <button type="button" className="link" onClick={() => openHelp('temporary-credentials')}>
          {t('settings.help.temporary')}
        </button>
      </p>
      <FormFooter state={state} />
    </form>
  );
}
