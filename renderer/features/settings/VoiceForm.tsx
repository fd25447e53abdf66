import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../shared/settings';
import { useApp } from '../../store/store-context';
import { useT } from '../../lib/i18n';
import { CheckboxField } from '../../components/Field';
import { FormFooter, type FormState } from './FormFooter';

/**
 * Phone stats: off by default, with the warning that turning them on downloads the whole contact
 * centre's call records of each day shown (the API has no agent filter).
 */
export function VoiceForm({ settings }: { settings: Settings }) {
  const t = useT();
  const saveSettings = useApp((s) => s.saveSettings);
  const [enabled, setEnabled] = useState(settings.voice.enabled);
  const [state, setState] = useState<FormState>({ kind: 'idle' });

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setState({ kind: 'saving' });
    const failed = await saveSettings({ ...settings, voice: { ...settings.voice, enabled } });
    setState(failed ? { kind: 'failed', message: failed } : { kind: 'saved' });
  };

  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-labelledby="voice-heading"
      data-testid="voice-form"
    >
      <h3 id="voice-heading" className="section-title">
        {t('settings.voice')}
      </h3>
      <CheckboxField
        id="voice-enabled"
        label={t('settings.voiceEnabled')}
        checked={enabled}
        onChange={setEnabled}
      />
      <p className="field-hint" data-testid="voice-warning">
        {t('settings.voice.warning')}
      </p>
      <FormFooter state={state} />
    </form>
  );
}
