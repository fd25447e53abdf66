import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SettingsScreen } from '../../../../renderer/features/settings/SettingsScreen';
import { createFakeApi } from '../../helpers/fake-api';
import { renderWithStore } from '../../helpers/render-app';

const accountForm = () => screen.getByRole('form', { name: 'Contact Center account' });

describe('SettingsScreen', () => {
  it('puts a message next to each invalid account field and saves nothing', async () => {
    const user = userEvent.setup();
    const { fake } = await renderWithStore(<SettingsScreen />);
    const form = accountForm();
    await user.type(within(form).getByLabelText('SdkAppId'), '14x');
    await user.selectOptions(within(form).getByLabelText('Endpoint'), 'custom');
    await user.type(within(form).getByLabelText('Custom endpoint URL'), 'ftp://proxy');
    await user.type(within(form).getByLabelText('SecretId'), 'AKID with spaces');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(within(form).getByRole('alert')).toHaveTextContent('Fix the fields marked below.');
    expect(within(form).getByLabelText('SdkAppId')).toHaveAccessibleDescription(
      /Enter a whole number\./,
    );
    expect(within(form).getByLabelText('Agent account')).toHaveAccessibleDescription(/Required\./);
    expect(within(form).getByLabelText('Custom endpoint URL')).toHaveAccessibleDescription(
      'Enter an http:// or https:// URL.',
    );
    expect(within(form).getByLabelText('SecretId')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('account-secretId-error')).toHaveTextContent(
      'Only letters, digits, - and _',
    );
    expect(screen.getByTestId('account-secretKey-error')).toHaveTextContent(
      'Enter both SecretId and SecretKey.',
    );
    expect(
      fake.calls.some((c) => c.method === 'updateSettings' || c.method === 'saveCccCredentials'),
    ).toBe(false);
  });

  it('saves the account and the write-only secrets, then clears them', async () => {
    const user = userEvent.setup();
    const { fake } = await renderWithStore(<SettingsScreen />);
    const form = accountForm();
    await user.type(within(form).getByLabelText('SdkAppId'), '1400000001');
    await user.type(within(form).getByLabelText('Agent account'), 'ada@example.com');
    await user.type(within(form).getByLabelText('SecretId'), 'AKIDexample12345');
    await user.type(within(form).getByLabelText('SecretKey'), 'secret-key-123456');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await within(form).findByText('Saved.')).toBeInTheDocument();
    expect(fake.state.settings.account).toMatchObject({
      sdkAppId: 1400000001,
      agentId: 'ada@example.com',
      endpoint: 'mainland',
    });
    expect(fake.calls.find((c) => c.method === 'saveCccCredentials')?.input).toEqual({
      secretId: 'AKIDexample12345',
      secretKey: 'secret-key-123456',
    });
    expect(within(form).getByLabelText('SecretKey')).toHaveValue('');
    expect(form).toHaveTextContent('Saved key AKIDexam…;');
    expect(form).not.toHaveTextContent('……');
  });

  it('shows the precise result of a connection test', async () => {
    const user = userEvent.setup();
    await renderWithStore(<SettingsScreen />);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const result = screen.getByTestId('test-result');
    expect(result).toHaveTextContent('Contact Center: Failed');
    expect(result).toHaveTextContent('The SecretId is not known.');
    expect(result).toHaveTextContent('AuthFailure.SecretIdNotFound');
    expect(result).toHaveTextContent('RequestId req-1');
  });

  it('validates preferences: polling range, shortcut, duplicate and bad reason limits', async () => {
    const user = userEvent.setup();
    const { fake } = await renderWithStore(<SettingsScreen />);
    const form = screen.getByTestId('preferences-form');
    const visible = within(form).getByLabelText('While this window is open (seconds)');
    await user.clear(visible);
    await user.type(visible, '1');
    const shortcut = within(form).getByLabelText('Break shortcut');
    await user.clear(shortcut);
    await user.type(shortcut, 'B');
    const second = within(form).getByLabelText('Reason 2');
    await user.clear(second);
    await user.type(second, 'lunch');
    await user.type(within(form).getByLabelText('Limit for reason 3 (minutes)'), '999');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(visible).toHaveAccessibleDescription('Enter a number from 2 to 300.');
    expect(shortcut).toHaveAccessibleDescription(/Use modifiers and one key/);
    expect(screen.getByTestId('reason-1-label-error')).toHaveTextContent(
      'This reason is listed twice.',
    );
    expect(screen.getByTestId('reason-2-limit-error')).toHaveTextContent(
      'Enter a number from 1 to 480.',
    );
    expect(fake.calls.some((c) => c.method === 'updateSettings')).toBe(false);
  });

  it('saves preferences: a new reason with a limit, theme and language', async () => {
    const user = userEvent.setup();
    const { fake } = await renderWithStore(<SettingsScreen />);
    const form = screen.getByTestId('preferences-form');
    await user.click(within(form).getByRole('button', { name: 'Add a reason' }));
    await user.type(within(form).getByLabelText('Reason 5'), 'Coaching');
    await user.type(within(form).getByLabelText('Limit for reason 5 (minutes)'), '30');
    await user.click(within(form).getByRole('button', { name: 'Remove Training' }));
    await user.selectOptions(within(form).getByLabelText('Theme'), 'dark');
    await user.selectOptions(within(form).getByLabelText('Language'), 'zh-CN');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(fake.state.settings.breakReasons.map((r) => [r.label, r.limitMinutes])).toEqual([
      ['Lunch', 60],
      ['Break', 15],
      ['Meeting', null],
      ['Coaching', 30],
    ]);
    expect(fake.state.settings.theme).toBe('dark');
    expect(await screen.findByRole('heading', { name: '设置' })).toBeInTheDocument();
  });

  it('requires the desk fields only when the desk is enabled', async () => {
    const user = userEvent.setup();
    const { fake } = await renderWithStore(<SettingsScreen />);
    const form = screen.getByRole('form', { name: 'Daily stats (IM desk)' });
    await user.click(within(form).getByLabelText('Load chat statistics from the desk'));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByLabelText('Desk SDKAppID')).toHaveAccessibleDescription('Required.');
    expect(within(form).getByLabelText('UserSig')).toHaveAccessibleDescription(/Required\./);

    await user.type(within(form).getByLabelText('Desk SDKAppID'), '1600000001');
    await user.type(within(form).getByLabelText('UserSig'), 'eJyrVgrxCdYrSy1SslIyUqoFAC8-BTc');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Saved.')).toBeInTheDocument();
    expect(fake.state.settings.desk).toMatchObject({
      enabled: true,
      imSdkAppId: 1600000001,
      userSigMode: 'pasted',
    });
    expect(fake.calls.find((c) => c.method === 'saveDeskCredentials')?.input).toEqual({
      mode: 'pasted',
      userSig: 'eJyrVgrxCdYrSy1SslIyUqoFAC8-BTc',
    });
  });

  it('keeps the UI keyboard-reachable: every control has an accessible name', async () => {
    await renderWithStore(<SettingsScreen />, createFakeApi());
    for (const el of screen.getAllByRole('textbox')) expect(el).toHaveAccessibleName();
    for (const el of screen.getAllByRole('combobox')) expect(el).toHaveAccessibleName();
    for (const el of screen.getAllByRole('button')) expect(el).toHaveAccessibleName();
    for (const el of screen.getAllByRole('checkbox')) expect(el).toHaveAccessibleName();
  });
});
