import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/App';
import { TOAST_MS } from '../../../renderer/components/Toasts';
import type { ChangeOutcome } from '../../../shared/snapshot';
import { createFakeApi, makeSnapshot } from '../helpers/fake-api';
import { renderWithStore } from '../helpers/render-app';

afterEach(() => {
  vi.useRealTimers();
});

const outcome = (over: Partial<ChangeOutcome> = {}): ChangeOutcome => ({
  id: 7,
  requested: { status: 'rest', reason: 'Lunch' },
  outcome: 'applied',
  error: null,
  atMs: 0,
  ...over,
});

describe('feedback', () => {
  it('offers Undo after a change, then hides the toast after about 10 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = createFakeApi({
      snapshot: makeSnapshot({
        status: 'rest',
        reason: 'Lunch',
        undo: { status: 'free', reason: '', untilMs: Date.now() + 10_000 },
      }),
    });
    await renderWithStore(<App />, fake);
    act(() => fake.emit('status:outcome', outcome()));
    const toast = screen.getByTestId('outcome-toast');
    expect(toast).toHaveTextContent('Status changed to Break.');
    act(() => within(toast).getByRole('button', { name: 'Undo' }).click());
    expect(fake.calls.some((c) => c.method === 'undo')).toBe(true);

    act(() => fake.emit('status:outcome', outcome({ id: 8, outcome: 'reserved' })));
    expect(screen.getByTestId('outcome-toast')).toHaveTextContent(
      'Break will start after this call.',
    );
    await act(async () => {
      vi.advanceTimersByTime(TOAST_MS - 100);
    });
    expect(screen.queryByTestId('outcome-toast')).not.toBeNull();
    await act(async () => {
      vi.advanceTimersByTime(200);
    });
    expect(screen.queryByTestId('outcome-toast')).toBeNull();
  });

  it('says why a change failed, without an Undo', async () => {
    const fake = createFakeApi();
    await renderWithStore(<App />, fake);
    act(() =>
      fake.emit(
        'status:outcome',
        outcome({
          outcome: 'failed',
          error: {
            source: 'ccc',
            code: 'FailedOperation',
            kind: 'refused',
            message: 'The agent is not logged in.',
            retryable: false,
          },
        }),
      ),
    );
    const toast = screen.getByTestId('outcome-toast');
    expect(toast).toHaveTextContent('Could not change to Break: The agent is not logged in.');
    expect(within(toast).queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('shows a drift notice until dismissed', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    await renderWithStore(<App />, fake);
    act(() =>
      fake.emit('status:drift', {
        before: { status: 'free', reason: '' },
        after: { status: 'rest', reason: 'Meeting' },
        atMs: 0,
      }),
    );
    const notice = screen.getByTestId('drift-notice');
    expect(notice).toHaveTextContent('Your status was changed elsewhere');
    expect(notice).toHaveTextContent('Available → Break (Meeting)');
    await user.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('drift-notice')).toBeNull();
  });

  it('shows offline with the last sync and a retry that refreshes', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({
      snapshot: makeSnapshot({ connection: 'offline', lastSyncMs: Date.UTC(2026, 10, 20, 1, 2) }),
    });
    await renderWithStore(<App />, fake);
    const banner = screen.getByTestId('connection-banner');
    expect(banner).toHaveAttribute('role', 'alert');
    expect(banner).toHaveTextContent('Offline: no network');
    expect(banner).toHaveTextContent('Last synced at');
    await user.click(within(banner).getByRole('button', { name: 'Retry now' }));
    expect(fake.calls.some((c) => c.method === 'refresh')).toBe(true);
  });

  it('sends the agent to Settings when the credentials are rejected', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({
      snapshot: makeSnapshot({
        connection: 'credentials_rejected',
        lastError: {
          source: 'ccc',
          code: 'AuthFailure.SecretIdNotFound',
          kind: 'auth',
          message: 'The SecretId is not known',
          retryable: false,
        },
      }),
    });
    await renderWithStore(<App />, fake);
    const banner = screen.getByTestId('connection-banner');
    expect(banner).toHaveTextContent('The SecretId is not known');
    await user.click(within(banner).getByRole('button', { name: 'Fix in Settings' }));
    expect(screen.getByTestId('settings-screen')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Settings' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('follows main asking for a view, and applies language and theme to the document', async () => {
    const fake = createFakeApi();
    await renderWithStore(<App />, fake);
    act(() => fake.emit('app:navigate', { view: 'stats' }));
    expect(await screen.findByTestId('stats-screen')).toBeInTheDocument();
    act(() =>
      fake.emit('settings:changed', { ...fake.state.settings, language: 'zh-CN', theme: 'dark' }),
    );
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(screen.getByRole('button', { name: '每日统计' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    act(() => fake.emit('settings:changed', { ...fake.state.settings, theme: 'system' }));
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('shows the first-run screen until demo mode starts', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({ snapshot: makeSnapshot({ connection: 'unconfigured' }) });
    await renderWithStore(<App />, fake);
    expect(screen.getByTestId('first-run')).toBeInTheDocument();
    await user.click(screen.getByTestId('demo-start'));
    expect(fake.calls.some((c) => c.method === 'startDemo')).toBe(true);
    expect(await screen.findByTestId('status-screen')).toBeInTheDocument();
    expect(screen.getByText('Demo')).toBeInTheDocument();
  });
});
