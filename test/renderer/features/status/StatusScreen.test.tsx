import { commitProbe } from '../../helpers/install-commit-probe';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StatusScreen } from '../../../../renderer/features/status/StatusScreen';
import type { ChangeOutcome } from '../../../../shared/snapshot';
import { createFakeApi, makeSnapshot } from '../../helpers/fake-api';
import { renderWithStore } from '../../helpers/render-app';

afterEach(() => {
  vi.useRealTimers();
});

describe('StatusScreen', () => {
  it('shows the status, its reason and the channel while busy', async () => {
    const fake = createFakeApi({
      snapshot: makeSnapshot({
        status: 'busy',
        reason: '',
        statusExtra: { type: 'tel', direction: 'in' },
      }),
    });
    await renderWithStore(<StatusScreen />, fake);
    expect(screen.getByTestId('status-label')).toHaveTextContent('Busy');
    expect(screen.getByTestId('status-channel')).toHaveTextContent('Phone · inbound');
    expect(screen.getByRole('timer', { name: 'Time in status' })).toHaveTextContent(/^1:0\d$/);
  });

  it('shows a break with its reason, and the buttons say which status is current', async () => {
    const fake = createFakeApi({ snapshot: makeSnapshot({ status: 'rest', reason: 'Lunch' }) });
    await renderWithStore(<StatusScreen />, fake);
    expect(screen.getByTestId('status-reason')).toHaveTextContent('Lunch');
    expect(screen.getByTestId('action-rest')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('action-free')).toHaveAttribute('aria-pressed', 'false');
  });

  it('asks for a break with the picked reason; Escape closes the picker and returns focus', async () => {
    const user = userEvent.setup();
    const { fake } = await renderWithStore(<StatusScreen />);
    await user.click(screen.getByTestId('action-rest'));
    const picker = screen.getByRole('group', { name: 'Break reason' });
    expect(within(picker).getByTestId('reason-break')).toHaveFocus(); // the default reason
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Break reason' })).toBeNull();
    expect(screen.getByTestId('action-rest')).toHaveFocus();

    await user.click(screen.getByTestId('action-rest'));
    await user.click(screen.getByTestId('reason-lunch'));
    expect(fake.calls.filter((c) => c.method === 'setStatus')).toEqual([
      { method: 'setStatus', input: { status: 'rest', reason: 'Lunch' } },
    ]);
    expect(await screen.findByTestId('status-label')).toHaveTextContent('Break');
  });

  it('shows a pending state while a change is in flight and disables the actions', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    let resolve: (o: ChangeOutcome) => void = () => {};
    fake.override('setStatus', (input) => {
      fake.emit('status:changed', {
        ...fake.state.snapshot,
        status: input.status,
        pending: { id: 1, status: input.status, reason: '', requestedAtMs: Date.now() },
      });
      return new Promise((r) => {
        resolve = (o) => r({ ok: true, value: o });
      });
    });
    await renderWithStore(<StatusScreen />, fake);
    await user.click(screen.getByTestId('action-notReady'));
    expect(screen.getByTestId('status-pending')).toHaveTextContent('Changing to Not ready…');
    expect(screen.getByTestId('action-free')).toBeDisabled();
    expect(screen.getByTestId('action-notReady')).toHaveAttribute('aria-busy', 'true');
    await act(async () => {
      resolve({
        id: 1,
        requested: { status: 'notReady', reason: '' },
        outcome: 'applied',
        error: null,
        atMs: 0,
      });
    });
    expect(screen.getByTestId('action-free')).toBeEnabled();
  });

  it('shows the reserved break as a banner whose button cancels it', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({
      snapshot: makeSnapshot({
        status: 'busy',
        reserveRest: true,
        statusExtra: { type: 'im', direction: 'in' },
      }),
    });
    await renderWithStore(<StatusScreen />, fake);
    const banner = screen.getByTestId('reserve-banner');
    expect(banner).toHaveTextContent('Break pending after this call');
    await user.click(within(banner).getByRole('button', { name: 'Cancel' }));
    expect(fake.calls.some((c) => c.method === 'cancelPending')).toBe(true);
  });

  it('warns when calls ring the mobile phone', async () => {
    const fake = createFakeApi({ snapshot: makeSnapshot({ useMobileAccept: 2 }) });
    await renderWithStore(<StatusScreen />, fake);
    expect(screen.getByTestId('mobile-warning')).toHaveTextContent(
      'Calls also ring your mobile phone',
    );
  });

  it('says when a break will reach its limit, then warns once it is over', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fake = createFakeApi({
      snapshot: makeSnapshot({
        status: 'rest',
        reason: 'Break',
        statusSinceMs: Date.now() - 14 * 60_000,
      }),
    });
    await renderWithStore(<StatusScreen />, fake);
    expect(screen.getByTestId('break-limit-info')).toHaveTextContent('Break limit: 15 min');
    await act(async () => {
      vi.advanceTimersByTime(61_000);
    });
    expect(screen.getByTestId('break-limit')).toHaveTextContent(
      'Your Break break is over its 15 min limit.',
    );
  });

  it('shows today per status in whole minutes', async () => {
    await renderWithStore(<StatusScreen />);
    const today = screen.getByTestId('today-totals');
    expect(today).toHaveTextContent('Online 3h 00m');
    expect(within(today).getByRole('img', { name: 'Time per status today' })).toBeInTheDocument();
    expect(today).toHaveTextContent('Busy1h 06m');
  });

  it('does not tick while the window is hidden, and catches up when shown', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fake = createFakeApi({ snapshot: makeSnapshot({ statusSinceMs: Date.now() - 5_000 }) });
    await renderWithStore(<StatusScreen />, fake);
    const setVisibility = (state: 'hidden' | 'visible') => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    const before = commitProbe().timerRenders;
    try {
      act(() => setVisibility('hidden'));
      await act(async () => {
        vi.advanceTimersByTime(10_000);
      });
      expect(commitProbe().timerRenders).toBe(before);
      act(() => setVisibility('visible'));
      expect(screen.getByRole('timer')).toHaveTextContent('0:15');
    } finally {
      delete (document as { visibilityState?: string }).visibilityState;
    }
  });

  it('ticks the timer once a second and re-renders nothing else', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fake = createFakeApi({ snapshot: makeSnapshot({ statusSinceMs: Date.now() - 5_000 }) });
    await renderWithStore(<StatusScreen />, fake);
    const timer = screen.getByRole('timer');
    expect(timer).toHaveTextContent('0:05');
    const before = { ...commitProbe(), other: { ...commitProbe().other } };
    // Ticks land just after each whole second of elapsed time.
    for (const ms of [1_010, 1_000, 1_000]) {
      await act(async () => {
        vi.advanceTimersByTime(ms);
      });
    }
    expect(timer).toHaveTextContent('0:08');
    const after = commitProbe();
    expect(after.timerRenders - before.timerRenders).toBe(3);
    expect(after.otherRenders - before.otherRenders).toBe(0);

    // A poll that only adds seconds to today's totals re-renders nothing either.
    await act(async () => {
      fake.emit('status:changed', {
        ...fake.state.snapshot,
        lastSyncMs: Date.now(),
        today: { ...fake.state.snapshot.today, free: 3601 },
      });
    });
    expect(commitProbe().otherRenders - before.otherRenders).toBe(0);

    // The probe does see other components render: a real change re-renders the card.
    await act(async () => {
      fake.emit('status:changed', { ...fake.state.snapshot, status: 'notReady' });
    });
    expect(commitProbe().other.StatusCard).toBeGreaterThan(before.other.StatusCard ?? 0);
  });
});
