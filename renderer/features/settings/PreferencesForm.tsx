import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../shared/settings';
import { UPDATE_CHANNELS } from '../../../shared/update';
import { useApp } from '../../store/store-context';
import { useT } from '../../lib/i18n';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { FormFooter, type FormState } from './FormFooter';
import { BreakReasonsEditor, type ReasonDraft } from './BreakReasonsEditor';
import {
  checkInt,
  checkShortcut,
  checkText,
  collect,
  messageFor,
  type FormErrors,
} from './validate';

interface Draft {
  visibleSeconds: string;
  hiddenSeconds: string;
  teamSize: string;
  reasons: ReasonDraft[];
  defaultReasonId: string;
  shortcut: string;
  notifications: Settings['notifications'];
  language: Settings['language'];
  theme: Settings['theme'];
  updateChannel: Settings['updates']['channel'];
  launchAtLogin: boolean;
  menuBarTimer: boolean;
  lockBreak: boolean;
}

/** Builds the settings the preferences draft describes, or the field errors. */
export function checkPreferences(
  d: Draft,
  base: Settings,
): { errors: FormErrors; settings?: Settings } {
  const errors: FormErrors = {};
  const visible = collect(errors, 'pref-visibleSeconds', checkInt(d.visibleSeconds, 2, 300));
  const hidden = collect(errors, 'pref-hiddenSeconds', checkInt(d.hiddenSeconds, 5, 1800));
  const teamSize = collect(errors, 'pref-teamSize', checkInt(d.teamSize, 1, 10_000, true));
  const shortcut = collect(errors, 'pref-shortcut', checkShortcut(d.shortcut));
  const seen = new Set<string>();
  const reasons = d.reasons.map((r, i) => {
    const label = collect(errors, `reason-${i}-label`, checkText(r.label, 1, 32));
    const limit = collect(errors, `reason-${i}-limit`, checkInt(r.limit, 1, 480, true));
    if (label !== undefined) {
      if (seen.has(label.toLowerCase())) errors[`reason-${i}-label`] = { key: 'invalid.duplicate' };
      seen.add(label.toLowerCase());
    }
    return { id: r.id, label: label ?? '', limitMinutes: limit ?? null };
  });
  if (Object.keys(errors).length > 0) return { errors };
  const defaultId = reasons.some((r) => r.id === d.defaultReasonId)
    ? d.defaultReasonId
    : (reasons[0]?.id ?? '');
  return {
    errors,
    settings: {
      ...base,
      polling: {
        visibleSeconds: visible ?? 5,
        hiddenSeconds: hidden ?? 30,
        teamSize: teamSize ?? null,
      },
      breakReasons: reasons,
      defaultBreakReasonId: defaultId,
      shortcut: shortcut ?? '',
      notifications: d.notifications,
      language: d.language,
      theme: d.theme,
      updates: { channel: d.updateChannel },
      launchAtLogin: d.launchAtLogin,
      menuBarTimer: d.menuBarTimer,
      lockBreak: { enabled: d.lockBreak, reasonId: defaultId },
    },
  };
}

const draftFrom = (s: Settings): Draft => ({
  visibleSeconds: String(s.polling.visibleSeconds),
  hiddenSeconds: String(s.polling.hiddenSeconds),
  teamSize: s.polling.teamSize === null ? '' : String(s.polling.teamSize),
  reasons: s.breakReasons.map((r) => ({
    id: r.id,
    label: r.label,
    limit: r.limitMinutes === null ? '' : String(r.limitMinutes),
  })),
  defaultReasonId: s.defaultBreakReasonId,
  shortcut: s.shortcut,
  notifications: s.notifications,
  language: s.language,
  theme: s.theme,
  updateChannel: s.updates.channel,
  launchAtLogin: s.launchAtLogin,
  menuBarTimer: s.menuBarTimer,
  lockBreak: s.lockBreak.enabled,
});

/** Polling, break reasons, shortcut, notifications, language, theme, launch at login. */
export function PreferencesForm({ settings, platform }: { settings: Settings; platform: string }) {
  const t = useT();
  const saveSettings = useApp((s) => s.saveSettings);
  const updatesManaged = useApp((s) => s.shell?.update.offReason === 'policy');
  const [draft, setDraft] = useState<Draft>(() => draftFrom(settings));
  const [errors, setErrors] = useState<FormErrors>({});
  const [state, setState] = useState<FormState>({ kind: 'idle' });
  const edit = (patch: Partial<Draft>): void => setDraft((d) => ({ ...d, ...patch }));
  const err = (field: string): string | null => messageFor(errors, field, t);
  const notify = (key: keyof Settings['notifications']) => (
    <CheckboxField
      id={`notify-${key}`}
      label={t(`settings.notify.${key}`)}
      checked={draft.notifications[key]}
      onChange={(v) => edit({ notifications: { ...draft.notifications, [key]: v } })}
    />
  );

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const checked = checkPreferences(draft, settings);
    setErrors(checked.errors);
    if (!checked.settings) return setState({ kind: 'invalid' });
    setState({ kind: 'saving' });
    const failed = await saveSettings(checked.settings);
    setState(failed ? { kind: 'failed', message: failed } : { kind: 'saved' });
  };

  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-labelledby="prefs-heading"
      data-testid="preferences-form"
    >
      <h3 id="prefs-heading" className="section-title">
        {t('settings.general')}
      </h3>
      <div className="grid-2">
        <SelectField<Settings['language']>
          id="pref-language"
          label={t('settings.language')}
          value={draft.language}
          options={(['system', 'en', 'zh-CN'] as const).map((v) => ({
            value: v,
            label: t(`settings.language.${v}`),
          }))}
          onChange={(v) => edit({ language: v })}
        />
        <SelectField<Settings['theme']>
          id="pref-theme"
          label={t('settings.theme')}
          value={draft.theme}
          options={(['system', 'light', 'dark'] as const).map((v) => ({
            value: v,
            label: t(`settings.theme.${v}`),
          }))}
          onChange={(v) => edit({ theme: v })}
        />
        <SelectField<Settings['updates']['channel']>
          id="pref-updateChannel"
          label={t('settings.updates')}
          value={draft.updateChannel}
          options={UPDATE_CHANNELS.map((v) => ({ value: v, label: t(`settings.updates.${v}`) }))}
          onChange={(v) => edit({ updateChannel: v })}
          {...(updatesManaged ? { hint: t('settings.updates.managed') } : {})}
        />
      </div>
      <CheckboxField
        id="pref-launchAtLogin"
        label={t('settings.launchAtLogin')}
        checked={draft.launchAtLogin}
        onChange={(v) => edit({ launchAtLogin: v })}
      />
      {platform === 'darwin' ? (
        <CheckboxField
          id="pref-menuBarTimer"
          label={t('settings.menuBarTimer')}
          checked={draft.menuBarTimer}
          onChange={(v) => edit({ menuBarTimer: v })}
        />
      ) : null}
      <CheckboxField
        id="pref-lockBreak"
        label={t('settings.lockBreak')}
        checked={draft.lockBreak}
        onChange={(v) => edit({ lockBreak: v })}
      />
      <TextField
        id="pref-shortcut"
        label={t('settings.shortcut')}
        hint={t('settings.shortcut.hint')}
        value={draft.shortcut}
        error={err('pref-shortcut')}
        onChange={(v) => edit({ shortcut: v })}
      />

      <BreakReasonsEditor
        reasons={draft.reasons}
        errors={errors}
        onChange={(reasons) => edit({ reasons })}
      />
      <SelectField<string>
        id="pref-defaultReason"
        label={t('settings.defaultReason')}
        value={draft.defaultReasonId}
        options={draft.reasons.map((r) => ({ value: r.id, label: r.label || r.id }))}
        onChange={(v) => edit({ defaultReasonId: v })}
      />

      <fieldset className="fieldset">
        <legend className="section-title">{t('settings.polling')}</legend>
        <div className="grid-2">
          <TextField
            id="pref-visibleSeconds"
            label={t('settings.visibleSeconds')}
            inputMode="numeric"
            value={draft.visibleSeconds}
            error={err('pref-visibleSeconds')}
            onChange={(v) => edit({ visibleSeconds: v })}
          />
          <TextField
            id="pref-hiddenSeconds"
            label={t('settings.hiddenSeconds')}
            inputMode="numeric"
            value={draft.hiddenSeconds}
            error={err('pref-hiddenSeconds')}
            onChange={(v) => edit({ hiddenSeconds: v })}
          />
        </div>
        <TextField
          id="pref-teamSize"
          label={t('settings.teamSize')}
          hint={t('settings.teamSize.hint')}
          inputMode="numeric"
          value={draft.teamSize}
          error={err('pref-teamSize')}
          onChange={(v) => edit({ teamSize: v })}
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend className="section-title">{t('settings.notifications')}</legend>
        {notify('breakOverLimit')}
        {notify('drift')}
        {notify('connection')}
        {notify('credentials')}
      </fieldset>
      <FormFooter state={state} />
    </form>
  );
}
