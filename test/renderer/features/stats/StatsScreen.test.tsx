import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { StatsScreen } from '../../../../renderer/features/stats/StatsScreen';
import { formatKpi } from '../../../../renderer/features/stats/KpiList';
import { addDays, dayKeyAt } from '../../../../shared/day-key';
import { createFakeApi, makeDayStats } from '../../helpers/fake-api';
import { renderWithStore } from '../../helpers/render-app';

const today = () => dayKeyAt(Date.now(), 480);

describe('StatsScreen', () => {
  it("loads today's stats and the 7-day trend ending today", async () => {
    const { fake } = await renderWithStore(<StatsScreen />);
    const body = await screen.findByTestId('stats-body');
    expect(body).toHaveAttribute('data-day', today());
    expect(fake.calls.find((c) => c.method === 'getWeekTrend')?.input).toEqual({ endDay: today() });
    expect(screen.getByRole('heading', { name: 'Time per status' })).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').some((li) => li.textContent === 'Busy3h 20m')).toBe(
      true,
    );
    expect(
      screen.getByRole('list', { name: 'Time per status, last 7 days' }).children,
    ).toHaveLength(7);
  });

  it('shows KPIs with their definitions, and sessions with how they ended', async () => {
    await renderWithStore(<StatsScreen />);
    await screen.findByTestId('stats-body');
    const kpi = screen.getByTestId('kpi-satisfactionRate');
    expect(kpi).toHaveTextContent('Satisfaction');
    expect(kpi).toHaveTextContent('75%');
    expect(kpi).toHaveTextContent('Share of rated sessions rated 4 or 5 stars.');
    expect(screen.getByTestId('kpi-avgFirstResponse')).toHaveTextContent('—');
    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Ada');
    expect(rows[1]).toHaveTextContent('5:12');
    expect(rows[1]).toHaveTextContent('Ended by the customer');
    expect(rows[2]).toHaveTextContent('SomethingNew'); // an unknown end status is shown as sent
  });

  it('goes to a past day and back; the next-day button stops at today', async () => {
    const user = userEvent.setup();
    const { fake } = await renderWithStore(<StatsScreen />);
    await screen.findByTestId('stats-body');
    expect(screen.getByRole('button', { name: 'Next day' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Previous day' }));
    const yesterday = addDays(today(), -1);
    expect(await screen.findByTestId('stats-body')).toHaveAttribute('data-day', yesterday);
    expect(
      fake.calls.some(
        (c) => c.method === 'getDayStats' && (c.input as { day: string }).day === yesterday,
      ),
    ).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Today' }));
    expect(await screen.findByTestId('stats-body')).toHaveAttribute('data-day', today());
  });

  it('names the parts that could not be loaded and still shows the rest', async () => {
    const fake = createFakeApi();
    fake.override('getDayStats', async ({ day }) => ({
      ok: true,
      value: makeDayStats(day, {
        kpis: [],
        problems: [{ part: 'desk', message: 'UserSig expired' }],
      }),
    }));
    await renderWithStore(<StatsScreen />, fake);
    await screen.findByTestId('stats-body');
    expect(screen.getByRole('alert')).toHaveTextContent('Desk KPIs');
    expect(screen.getByRole('alert')).toHaveTextContent('UserSig expired');
    expect(screen.getByText('Connect the desk in Settings to see chat KPIs.')).toBeInTheDocument();
  });

  it('speaks Chinese', async () => {
    const fake = createFakeApi({ locale: 'zh-CN' });
    await renderWithStore(<StatsScreen />, fake);
    await screen.findByTestId('stats-body');
    expect(screen.getByRole('heading', { name: '各状态时长' })).toBeInTheDocument();
    expect(screen.getByTestId('kpi-satisfactionRate')).toHaveTextContent('满意度');
  });

  it('formats KPI values by unit', () => {
    const k = (unit: 'count' | 'seconds' | 'ratio', value: number | null) => ({
      id: 'x',
      unit,
      value,
      definition: '',
    });
    expect(formatKpi(k('count', 1234), 'en')).toBe('1,234');
    expect(formatKpi(k('seconds', 75), 'en')).toBe('1:15');
    expect(formatKpi(k('ratio', 0.456), 'en')).toBe('46%');
    expect(formatKpi(k('ratio', null), 'en')).toBeNull();
  });
});
