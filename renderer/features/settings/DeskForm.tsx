import { useState, type FormEvent } from 'react';
import type { ChannelInput } from '../../../shared/ipc-contract';
import { DEFAULT_TZ_OFFSET_MINUTES } from '../../../shared/day-key';
import type { Settings } from '../../../shared/settings';
import { DATA_CENTRES, LIMITS as L, type DataCentre } from '../../../shared/vocabulary';
import { useApp } from '../../store/store-context';
import { useT } from '../../lib/i18n';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { FormFooter, type FormState } from './FormFooter';
import { checkInt, checkText, collect, messageFor, type FormErrors } from './validate';

type Mode = Settings['desk']['userSigMode'];

interface Draft {
  enabled: boolean;
  dataCentre: DataCentre;
  imSdkAppId: string;
  adminIdentifier: string;
  userSigMode: Mode;
  /** The UserSig or the IM key, depending on the mode; write-only. */
  secret: string;
  timeZone: string;
}

/** Validates the desk draft into settings and (when typed, or required) the desk credential. */
export function checkDesk(
  d: Draft,
  savedMode: Mode | null,
): {
  errors: FormErrors;
  desk?: Omit<Settings['desk'], 'customBaseUrl'>;
  credential?: ChannelInput<'credentials:saveDesk'> | null;
} {
  const errors: FormErrors = {};
  const timeZone = collect(
    errors,
    'timeZone',
    checkInt(d.timeZone, L.timeZoneOffsetMinutes.min, L.timeZoneOffsetMinutes.max),
  );
  let imSdkAppId: number | null = null;
  let admin = d.adminIdentifier.trim();
  let credential: ChannelInput<'credentials:saveDesk'> | null = null;
  if (d.enabled) {
    imSdkAppId =
      collect(errors, 'imSdkAppId', checkInt(d.imSdkAppId, L.appId.min, L.appId.max)) ?? null;
    admin =
      collect(errors, 'adminIdentifier', checkText(d.adminIdentifier, 1, L.adminIdentifier.max)) ??
      admin;
    const needSecret = d.secret.trim() !== '' || savedMode !== d.userSigMode;
    if (needSecret) {
      const limit = d.userSigMode === 'key' ? L.imKey : L.userSig;
      const secret = collect(errors, 'secret', checkText(d.secret, limit.min, limit.max));
      if (secret !== undefined) {
        credential =
          d.userSigMode === 'key'
            ? { mode: 'key', imKey: secret }
            : { mode: 'pasted', userSig: secret };
      }
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    desk: {
      enabled: d.enabled,
      dataCentre: d.dataCentre,
      imSdkAppId,
      adminIdentifier: admin,
      userSigMode: d.userSigMode,
      timeZoneOffsetMinutes: timeZone ?? DEFAULT_TZ_OFFSET_MINUTES,
    },
    credential,
  };
}

/** Desk form: data centre, SDKAppID, admin identifier, UserSig or IM key (write-only), time zone. */
export function DeskForm({ settings }: { settings: Settings }) {
  const t = useT();
  const savedMode = useApp((s) => (s.credentials?.desk.set ? s.credentials.desk.mode : null));
  const saveSettings = useApp((s) => s.saveSettings);
  const saveDesk = useApp((s) => s.saveDeskCredentials);
  const openHelp = useApp((s) => s.openHelp);
  const [draft, setDraft] = useState<Draft>(() => ({
    enabled: settings.desk.enabled,
    dataCentre: settings.desk.dataCentre,
    imSdkAppId: settings.desk.imSdkAppId === null ? '' : String(settings.desk.imSdkAppId),
    adminIdentifier: settings.desk.adminIdentifier,
    userSigMode: settings.desk.userSigMode,
    secret: '',
    timeZone: String(settings.desk.timeZoneOffsetMinutes),
  }));
  const [errors, setErrors] = useState<FormErrors>({});
  const [state, setState] = useState<FormState>({ kind: 'idle' });
  const edit = (patch: Partial<Draft>): void => setDraft((d) => ({ ...d, ...patch }));
  const err = (field: string): string | null => messageFor(errors, field, t);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const checked = checkDesk(draft, savedMode);
    setErrors(checked.errors);
    if (!checked.desk) return setState({ kind: 'invalid' });
    setState({ kind: 'saving' });
    const failed =
      (await saveSettings({
        ...settings,
        desk: { ...checked.desk, customBaseUrl: settings.desk.customBaseUrl },
      })) ?? (checked.credential ? await saveDesk(checked.credential) : null);
    if (failed) return setState({ kind: 'failed', message: failed });
    edit({ secret: '' });
    setState({ kind: 'saved' });
  };

  const secretLabel = draft.userSigMode === 'key' ? t('settings.imKey') : t('settings.userSig');
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-labelledby="desk-heading"
    >
      <h3 id="desk-heading" className="section-title">
        {t('settings.desk')}
      </h3>
      <CheckboxField
        id="desk-enabled"
        label={t('settings.deskEnabled')}
        checked={draft.enabled}
        onChange={(v) => edit({ enabled: v })}
      />
      {draft.enabled ? (
        <>
          <div className="grid-2">
            <SelectField<DataCentre>
              id="desk-dataCentre"
              label={t('settings.dataCentre')}
              value={draft.dataCentre}
              options={DATA_CENTRES.map((v) => ({ value: v, label: v }))}
              onChange={(v) => edit({ dataCentre: v })}
            />
            <TextField
              id="desk-imSdkAppId"
              label={t('settings.imSdkAppId')}
              inputMode="numeric"
              value={draft.imSdkAppId}
              error={err('imSdkAppId')}
              onChange={(v) => edit({ imSdkAppId: v })}
            />
          </div>
          <TextField
            id="desk-adminIdentifier"
            label={t('settings.adminIdentifier')}
            value={draft.adminIdentifier}
            error={err('adminIdentifier')}
            onChange={(v) => edit({ adminIdentifier: v })}
          />
          <SelectField<Mode>
            id="desk-userSigMode"
            label={t('settings.userSigMode')}
            value={draft.userSigMode}
            options={(['pasted', 'key'] as const).map((v) => ({
              value: v,
              label: t(`settings.userSigMode.${v}`),
            }))}
            onChange={(v) => edit({ userSigMode: v })}
          />
          <TextField
            id="desk-secret"
            label={secretLabel}
            type="password"
            autoComplete="new-password"
            hint={
              savedMode === draft.userSigMode
                ? t('settings.deskSecret.saved')
                : t('settings.secret.hint')
            }
            value={draft.secret}
            error={err('secret')}
            onChange={(v) => edit({ secret: v })}
          />
          <p className="field-hint">
            <button type="button" className="link" onClick={() => openHelp('usersig')}>
              {t('settings.help.usersig')}
            </button>
          </p>
        </>
      ) : null}
      <TextField
        id="desk-timeZone"
        label={t('settings.timeZone')}
        hint={t('settings.timeZone.hint')}
        inputMode="numeric"
        value={draft.timeZone}
        error={err('timeZone')}
        onChange={(v) => edit({ timeZone: v })}
      />
      <FormFooter state={state} />
    </form>
  );
}
