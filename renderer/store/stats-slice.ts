import type { DayStatsDto, WeekTrendDto } from '../../shared/stats-dto';
import type { Loadable, SliceCreator } from './types';

/** Daily stats: the day the view shows, and what was loaded per day and per 7-day window. */
export interface StatsSlice {
  /** The day picked in the stats view; null follows "today". */
  statsDay: string | null;
  days: Record<string, Loadable<DayStatsDto>>;
  /** Keyed by the window's last day. */
  weeks: Record<string, Loadable<WeekTrendDto>>;
  selectDay(day: string | null): void;
  /** Loads a day unless it is loaded or loading (`force` reloads). */
  loadDay(day: string, force?: boolean): Promise<void>;
  loadWeek(endDay: string, force?: boolean): Promise<void>;
}

/** Stats slice: loads days and weeks on demand and keeps them for the session. */
export const createStatsSlice: SliceCreator<StatsSlice> = (set, get, api) => ({
  statsDay: null,
  days: {},
  weeks: {},
  selectDay: (statsDay) => set({ statsDay }),
  loadDay: async (day, force = false) => {
    const known = get().days[day];
    if (known && !force && known.state !== 'error') return;
    // A reload keeps showing what is there until the new answer arrives.
    if (known?.state !== 'ready') set({ days: { ...get().days, [day]: { state: 'loading' } } });
    const r = await api.getDayStats({ day });
    const entry: Loadable<DayStatsDto> = r.ok
      ? { state: 'ready', data: r.value }
      : { state: 'error', message: r.message };
    set({ days: { ...get().days, [day]: entry } });
  },
  loadWeek: async (endDay, force = false) => {
    const known = get().weeks[endDay];
    if (known && !force && known.state !== 'error') return;
    if (known?.state !== 'ready')
      set({ weeks: { ...get().weeks, [endDay]: { state: 'loading' } } });
    const r = await api.getWeekTrend({ endDay });
    const entry: Loadable<WeekTrendDto> = r.ok
      ? { state: 'ready', data: r.value }
      : { state: 'error', message: r.message };
    set({ weeks: { ...get().weeks, [endDay]: entry } });
  },
});
