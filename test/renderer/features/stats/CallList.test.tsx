import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DayStatsDto, VoiceDayDto } from '../../../../shared/stats-dto';
import { StatsScreen } from '../../../../renderer/features/stats/StatsScreen';
import { createFakeApi, makeDayStats } from '../../helpers/fake-api';
import { renderWithStore } from '../../helpers/render-app';

/** A voice day: 3 handled calls, one missed, one outbound nobody answered. */
function voiceDay(day: string, handled = 3): VoiceDayDto {
  const start = Date.parse(`${day}T01:00:00Z`); // 09:00 UTC+8
  const kpi = (
    id: string,
    value: number | null,
    unit: 'count' | 'seconds' | 'ratio' = 'count',
  ) => ({
    id,
    value,
    unit,
    definition: `core definition of ${id}`,
  });
  return {
    kpis: [
      kpi('callsHandled', handled),
      kpi('callsAnsweredIn', 2),
      kpi('callsOutbound', 2),
      kpi('outboundConnectedRate', 0.5, 'ratio'),
      kpi('talkTime', 754, 'seconds'),
      kpi('avgHandleTime', 270, 'seconds'),
      kpi('avgTimeToAnswer', null, 'seconds'),
      kpi('ringsNotAnswered', 1),
      kpi('transfersIn', 0),
      kpi('transfersOut', 1),
    ],
    calls: [
      {
        sessionId: 'c1',
        startMs: start,
        direction: 'in',
        customer: '•••5678',
        talkSeconds: 300,
        outcome: 'completed',
        endStatus: 'ok',
      },
      {
        sessionId: 'c2',
        startMs: start + 600_000,
        direction: 'in',
        customer: '•••1111',
        talkSeconds: 0,
        outcome: 'missed',
        endStatus: 'ringingGiveUp',
      },
      {
        sessionId: 'c3',
        startMs: start + 1_200_000,
        direction: 'out',
        customer: '•••2222',
        talkSeconds: 0,
        outcome: 'notConnected',
        endStatus: 'notAnswer',
      },
      {
        sessionId: 'c4',
        startMs: start + 1_800_000,
        direction: 'out',
        customer: '',
        talkSeconds: 454,
        outcome: 'transferred',
        endStatus: 'ok',
      },
    ],
  };
}

const withDay = (over: (day: string) => Partial<DayStatsDto>) => {
  const fake = createFakeApi();
  fake.override('getDayStats', async ({ day }) => ({
    ok: true,
    value: makeDayStats(day, over(day)),
  }));
  fake.override('getWeekTrend', async () => ({
    ok: true,
    value: {
      days: [1, 2, 3, 4, 5, 6, 7].map((d) =>
        makeDayStats(`2026-11-0${d}`, { voice: voiceDay(`2026-11-0${d}`, d) }),
      ),
      requests: 0,
    },
  }));
  return fake;
};

describe('StatsScreen: phone stats', () => {
  it('shows the phone KPIs beside the chat KPIs, and the calls beside the sessions', async () => {
    await renderWithStore(
      <StatsScreen />,
      withDay((day) => ({ voice: voiceDay(day) })),
    );
    await screen.findByTestId('stats-body');
    const voice = screen.getByTestId('kpis-voice');
    expect(within(voice).getByRole('heading')).toHaveTextContent('Phone KPIs');
    expect(within(voice).getByTestId('kpi-callsHandled')).toHaveTextContent('Calls handled3');
    expect(within(voice).getByTestId('kpi-talkTime')).toHaveTextContent('12:34');
    expect(within(voice).getByTestId('kpi-outboundConnectedRate')).toHaveTextContent('50%');
    expect(within(voice).getByTestId('kpi-avgTimeToAnswer')).toHaveTextContent('—');
    expect(within(voice).getByTestId('kpi-avgHandleTime')).toHaveTextContent(
      'Talk time plus the wrap-up after each call, divided by the calls you handled.',
    );
    expect(screen.getByTestId('kpis-desk')).toBeInTheDocument();
    const rows = within(screen.getByTestId('call-list'))
      .getAllByRole('row')
      .slice(1) as HTMLTableRowElement[];
    expect(
      rows.map((r) => [r.dataset.direction, ...Array.from(r.cells).map((c) => c.textContent)]),
    ).toEqual([
      ['in', '09:00', '↙inbound •••5678', '5:00', 'Completed'],
      ['in', '09:10', '↙inbound •••1111', '0:00', 'Missed'],
      ['out', '09:20', '↗outbound •••2222', '0:00', 'Not answered'],
      ['out', '09:30', '↗outbound Hidden', '7:34', 'Transferred'],
    ]);
    expect(rows[1]!.cells[3]).toHaveAttribute('title', 'Hung up while ringing');
  });

  it('shows only the channels that are on or had activity', async () => {
    // Voice on, desk off (no KPIs, no sessions): no chat sections.
    await renderWithStore(
      <StatsScreen />,
      withDay((day) => ({ voice: voiceDay(day), kpis: [], sessions: [] })),
    );
    await screen.findByTestId('stats-body');
    expect(screen.getByTestId('call-list')).toBeInTheDocument();
    expect(screen.queryByTestId('kpis-desk')).toBeNull();
    expect(screen.queryByRole('heading', { name: /Sessions/ })).toBeNull();
  });

  it('with neither channel, says where to turn them on', async () => {
    await renderWithStore(
      <StatsScreen />,
      withDay(() => ({ kpis: [], sessions: [] })),
    );
    await screen.findByTestId('stats-body');
    expect(screen.getByTestId('channels-off')).toHaveTextContent(
      'Turn on the desk (chat) or phone stats in Settings',
    );
    expect(screen.queryByTestId('call-list')).toBeNull();
  });

  it('the 7-day trend can show the calls handled per day', async () => {
    const user = userEvent.setup();
    await renderWithStore(
      <StatsScreen />,
      withDay((day) => ({ voice: voiceDay(day) })),
    );
    await screen.findByRole('list', { name: 'Time per status, last 7 days' });
    await user.click(screen.getByRole('button', { name: 'Calls handled' }));
    const list = screen.getByRole('list', { name: 'Calls handled, last 7 days' });
    const labels = within(list)
      .getAllByRole('button')
      .map((b) => b.getAttribute('aria-label'));
    expect(labels.map((l) => l!.replace(/^.*: /, ''))).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => `${n} calls`),
    );
  });

  it('speaks Chinese', async () => {
    const fake = withDay((day) => ({ voice: voiceDay(day) }));
    fake.state.locale = 'zh-CN';
    await renderWithStore(<StatsScreen />, fake);
    await screen.findByTestId('stats-body');
    expect(within(screen.getByTestId('kpis-voice')).getByRole('heading')).toHaveTextContent(
      '电话指标',
    );
    const rows = within(screen.getByTestId('call-list')).getAllByRole('row');
    expect(rows[3]).toHaveTextContent('呼出');
    expect(rows[3]).toHaveTextContent('未接听');
    expect(rows[2]).toHaveTextContent('未接听'); // missed: 未接听 as well
  });
});
