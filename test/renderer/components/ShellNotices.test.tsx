import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/App';
import type { ShellState } from '../../../shared/shell';
import { createFakeApi, makeSnapshot } from '../helpers/fake-api';
import { renderWithStore } from '../helpers/render-app';
import { readyUpdate } from '../../helpers/update-state';

const shell = (over: Partial<ShellState> = {}): ShellState => ({
  update: readyUpdate(),
  notificationsFailed: false,
  ...over,
});

describe('shell notices', () => {
  it('offers "Restart to update" for a downloaded update, disabled during a call', async () => {
    const fake = createFakeApi({ shell: shell() });
    await renderWithStore(<App />, fake);
    const banner = await screen.findByTestId('update-ready');
    expect(banner).toHaveTextContent('Update ready: version 0.2.0');
    const button = within(banner).getByRole('button', { name: 'Restart to update' });
    expect(button).toBeEnabled();
    act(() => button.click());
    expect(fake.calls.some((c) => c.method === 'restartToUpdate')).toBe(true);

    act(() => fake.emit('status:changed', makeSnapshot({ status: 'busy' })));
    expect(within(banner).getByRole('button', { name: 'Restart to update' })).toBeDisabled();
    expect(banner).toHaveTextContent('once your call and wrap-up are over');
  });

  it('shows main’s reason when the restart is refused', async () => {
    const fake = createFakeApi({ shell: shell() });
    fake.override('restartToUpdate', () =>
      Promise.resolve({ ok: false, code: 'update_on_call', message: 'You are on a call.' }),
    );
    await renderWithStore(<App />, fake);
    await act(async () =>
      (await screen.findByRole('button', { name: 'Restart to update' })).click(),
    );
    expect(await screen.findByText(/You are on a call\./)).toBeInTheDocument();
  });

  it('says once that notifications cannot be shown, until dismissed', async () => {
    const fake = createFakeApi({ shell: shell({ update: { ...shell().update, phase: 'idle' } }) });
    await renderWithStore(<App />, fake);
    expect(screen.queryByTestId('notifications-failed')).toBeNull();
    expect(screen.queryByTestId('update-ready')).toBeNull();
    act(() =>
      fake.emit('app:shellChanged', {
        ...shell({ notificationsFailed: true }),
        update: { ...shell().update, phase: 'idle' },
      }),
    );
    const notice = screen.getByTestId('notifications-failed');
    expect(notice).toHaveTextContent('System Settings > Notifications');
    act(() => within(notice).getByRole('button', { name: 'Dismiss' }).click());
    expect(screen.queryByTestId('notifications-failed')).toBeNull();
    act(() =>
      fake.emit(
        'app:shellChanged',
        shell({ notificationsFailed: true, update: { ...shell().update, phase: 'idle' } }),
      ),
    );
    expect(screen.queryByTestId('notifications-failed')).toBeNull();
  });
});
