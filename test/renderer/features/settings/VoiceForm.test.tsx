import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SettingsScreen } from '../../../../renderer/features/settings/SettingsScreen';
import { renderWithStore } from '../../helpers/render-app';

describe('VoiceForm', () => {
  it('is off by default, warns what turning it on downloads, and saves voice.enabled', async () => {
    const user = userEvent.setup();
    const { fake } = await renderWithStore(<SettingsScreen />);
    const form = screen.getByRole('form', { name: 'Phone stats' });
    const box = within(form).getByLabelText('Show my calls in the daily stats');
    expect(box).not.toBeChecked();
    expect(within(form).getByTestId('voice-warning')).toHaveTextContent(
      /WHOLE contact centre’s call records.*ccc:DescribeTelCdr/,
    );
    await user.click(box);
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Saved.')).toBeInTheDocument();
    expect(fake.state.settings.voice.enabled).toBe(true);
    // The rest of the settings went back unchanged.
    expect(fake.state.settings.desk.enabled).toBe(false);
  });
});
