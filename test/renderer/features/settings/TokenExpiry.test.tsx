import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsScreen } from '../../../../renderer/features/settings/SettingsScreen';
import type { CredentialStatus } from '../../../../shared/settings';
import { createFakeApi } from '../../helpers/fake-api';
import { renderWithStore } from '../../helpers/render-app';

/** The expiry of temporary (STS) credentials: entered with the token, shown once saved. */

const accountForm = () => screen.getByRole('form', { name: 'Contact Center account' });
const MIN = 60_000;

/** `YYYY-MM-DDTHH:mm` of an instant in the computer's zone (what a datetime-local input holds). */
function localInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

const formatted = (ms: number) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(ms);

function temporary(expiresAtMs: number | null): CredentialStatus {
  return {
    ccc: { set: true, secretIdPrefix: 'AKIDtemp', temporary: true, expiresAtMs },
    desk: { set: false, mode: null, userSigExpiresAtMs: null, userSigIdentifier: null },
  };
}

/** A fake whose saveCccCredentials keeps the expiry, as the credential service does. */
function fakeKeepingExpiry() {
  const fake = createFakeApi();
  fake.override('saveCccCredentials', (input) => {
    fake.state.credentials = {
      ...fake.state.credentials,
      ccc: {
        set: true,
        secretIdPrefix: input.secretId.slice(0, 8),
        temporary: Boolean(input.token),
        expiresAtMs: input.expiresAtMs ?? null,
      },
    };
    return Promise.resolve({ ok: true, value: fake.state.credentials });
  });
  return fake;
}

async function typeTemporaryCredentials(user: ReturnType<typeof userEvent.setup>) {
  const form = accountForm();
  await user.type(within(form).getByLabelText('SdkAppId'), '1400000001');
  await user.type(within(form).getByLabelText('Agent account'), 'ada@example.com');
  await user.type(within(form).getByLabelText('SecretId'), 'AKIDtemporary123');
  await user.type(within(form).getByLabelText('SecretKey'), 'secret-key-123456');
  return form;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('temporary credentials expiry', () => {
  it('asks for the expiry once a token is typed, and refuses a time in the past next to the field', async () => {
    const user = userEvent.setup();
    const { fake } = await renderWithStore(<SettingsScreen />, fakeKeepingExpiry());
    const form = await typeTemporaryCredentials(user);
    expect(within(form).queryByLabelText('Token expires at (optional)')).toBeNull();
    await user.type(within(form).getByLabelText('Temporary token (optional)'), 'sts-token-abc');
    const expiry = within(form).getByLabelText('Token expires at (optional)');
    expect(expiry).toHaveAttribute('type', 'datetime-local');
    fireEvent.change(expiry, { target: { value: localInput(Date.now() - 5 * MIN) } });
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(screen.getByTestId('account-expiresAt-error')).toHaveTextContent(
      'Pick a time in the future',
    );
    expect(expiry).toHaveAttribute('aria-invalid', 'true');
    expect(fake.calls.some((c) => c.method === 'saveCccCredentials')).toBe(false);
    // Clearing the token hides the field and drops the expiry.
    await user.clear(within(form).getByLabelText('Temporary token (optional)'));
    expect(within(form).queryByLabelText('Token expires at (optional)')).toBeNull();
  });

  it('a half-typed date gets a message instead of being saved without an expiry', async () => {
    const user = userEvent.setup();
    const { fake } = await renderWithStore(<SettingsScreen />, fakeKeepingExpiry());
    const form = await typeTemporaryCredentials(user);
    await user.type(within(form).getByLabelText('Temporary token (optional)'), 'sts-token-abc');
    const expiry = within(form).getByLabelText('Token expires at (optional)');
    // What Chromium reports for "11/20/2026, --:--": value '' and validity.badInput.
    Object.defineProperty(expiry, 'validity', { value: { badInput: true }, configurable: true });
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(screen.getByTestId('account-expiresAt-error')).toHaveTextContent(
      'Enter a date and a time.',
    );
    expect(fake.calls.some((c) => c.method === 'saveCccCredentials')).toBe(false);
  });

  it('sends a future expiry as expiresAtMs, then shows the saved expiry', async () => {
    const user = userEvent.setup();
    const { fake } = await renderWithStore(<SettingsScreen />, fakeKeepingExpiry());
    const form = await typeTemporaryCredentials(user);
    await user.type(within(form).getByLabelText('Temporary token (optional)'), 'sts-token-abc');
    const at = new Date(Date.now() + 2 * 3_600_000);
    at.setSeconds(0, 0);
    fireEvent.change(within(form).getByLabelText('Token expires at (optional)'), {
      target: { value: localInput(at.getTime()) },
    });
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await within(form).findByText('Saved.')).toBeInTheDocument();
    expect(fake.calls.find((c) => c.method === 'saveCccCredentials')?.input).toEqual({
      secretId: 'AKIDtemporary123',
      secretKey: 'secret-key-123456',
      token: 'sts-token-abc',
      expiresAtMs: at.getTime(),
    });
    expect(within(form).queryByLabelText('Token expires at (optional)')).toBeNull();
    expect(screen.getByTestId('account-savedExpiry')).toHaveTextContent(
      `The saved temporary credentials expire at ${formatted(at.getTime())}.`,
    );
    expect(within(form).queryByRole('alert')).toBeNull();
  });

  it('saves temporary credentials without an expiry when none is given, and says it cannot warn', async () => {
    const user = userEvent.setup();
    const { fake } = await renderWithStore(<SettingsScreen />, fakeKeepingExpiry());
    const form = await typeTemporaryCredentials(user);
    await user.type(within(form).getByLabelText('Temporary token (optional)'), 'sts-token-abc');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Saved.')).toBeInTheDocument();
    expect(fake.calls.find((c) => c.method === 'saveCccCredentials')?.input).not.toHaveProperty(
      'expiresAtMs',
    );
    expect(screen.getByTestId('account-savedExpiry')).toHaveTextContent(
      'have no expiry: the app cannot warn you',
    );
  });

  it('warns once the saved expiry is near, and says so once it has passed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const expiresAtMs = Date.now() + 20 * MIN;
    await renderWithStore(
      <SettingsScreen />,
      createFakeApi({ credentials: temporary(expiresAtMs) }),
    );
    const saved = () => screen.getByTestId('account-savedExpiry');
    expect(saved()).toHaveTextContent(
      `The saved temporary credentials expire at ${formatted(expiresAtMs)}.`,
    );
    expect(saved()).not.toHaveAttribute('role', 'alert');
    await act(async () => {
      vi.advanceTimersByTime(6 * MIN);
    });
    expect(saved()).toHaveAttribute('role', 'alert');
    expect(saved()).toHaveTextContent(
      `The saved temporary credentials expire at ${formatted(expiresAtMs)}. Request new ones`,
    );
    await act(async () => {
      vi.advanceTimersByTime(15 * MIN);
    });
    expect(saved()).toHaveClass('banner-error');
    expect(saved()).toHaveTextContent(
      `The saved temporary credentials expired at ${formatted(expiresAtMs)}. Request new ones`,
    );
  });

  it('shows nothing for permanent credentials, and speaks Chinese', async () => {
    const { unmount } = await renderWithStore(
      <SettingsScreen />,
      createFakeApi({
        credentials: {
          ...temporary(null),
          ccc: { set: true, secretIdPrefix: 'AKIDperm', temporary: false, expiresAtMs: null },
        },
      }),
    );
    expect(screen.queryByTestId('account-savedExpiry')).toBeNull();
    unmount();

    const user = userEvent.setup();
    await renderWithStore(
      <SettingsScreen />,
      createFakeApi({ locale: 'zh-CN', credentials: temporary(Date.now() - MIN) }),
    );
    // Already past: the deadline hook reports it on its first (zero-delay) timer.
    expect(await screen.findByText(/已保存的临时凭证已于 .+ 过期。/)).toHaveClass('banner-body');
    await user.type(screen.getByLabelText('临时令牌（可选）'), 'sts-token');
    expect(screen.getByLabelText('令牌过期时间（可选）')).toHaveAttribute('type', 'datetime-local');
  });
});
