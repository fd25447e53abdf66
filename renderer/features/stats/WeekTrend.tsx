import { useState } from 'react';
import { formatTotal } from '../../../shared/time-format';
import type { DayStatsDto } from '../../../shared/stats-dto';
import { useLocale, useT } from '../../lib/i18n';
import { formatDayShort } from '../../lib/time';
import { TIMED_STATUSES } from '../../../shared/vocabulary';

const H = 100;

type Mode = 'time' | 'calls';

/** Calls handled that day (null when the day has no voice stats). */
const callsHandled = (d: DayStatsDto): number | null =>
  d.voice?.kpis.find((k) => k.id === 'callsHandled')?.value ?? null;

/**
 * Seven columns, one per day, the picked day highlighted: stacked status time, or (when the days
 * have voice stats) the calls handled.
 */
export function WeekTrend({
  days,
  selected,
  onPick,
}: {
  days: DayStatsDto[];
  selected: string;
  onPick: (day: string) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const [picked, setMode] = useState<Mode>('time');
  const hasCalls = days.some((d) => d.voice !== null);
  const mode: Mode = hasCalls ? picked : 'time';
  const total = (d: DayStatsDto): number =>
    TIMED_STATUSES.reduce((a, s) => a + (d.statusSeconds[s] ?? 0), 0);
  const value = (d: DayStatsDto): number => (mode === 'time' ? total(d) : (callsHandled(d) ?? 0));
  const max = Math.max(1, ...days.map(value));
  const shown = (d: DayStatsDto): string =>
    mode === 'time' ? formatTotal(total(d)) : String(callsHandled(d) ?? t('stats.noValue'));
  return (
    <section className="card" aria-labelledby="week-heading">
      <div className="section-head">
        <h3 id="week-heading" className="section-title">
          {t('stats.week')}
        </h3>
        {hasCalls ? (
          <div className="segmented" role="group" aria-label={t('stats.weekShows')}>
            {(['time', 'calls'] as const).map((m) => (
              <button
                key={m}
                type="button"
                className="btn btn-small"
                aria-pressed={mode === m}
                onClick={() => setMode(m)}
              >
                {t(m === 'time' ? 'stats.weekTime' : 'stats.weekCalls')}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      <ol
        className="week"
        aria-label={t(mode === 'time' ? 'stats.weekChart' : 'stats.weekCallsChart')}
        data-mode={mode}
      >
        {days.map((d) => {
          let y = H;
          const label = formatDayShort(d.day, locale);
          return (
            <li
              key={d.day}
              className={d.day === selected ? 'week-day week-day-selected' : 'week-day'}
            >
              <button
                type="button"
                className="week-button"
                onClick={() => onPick(d.day)}
                aria-pressed={d.day === selected}
                aria-label={
                  mode === 'time'
                    ? `${label}: ${shown(d)}`
                    : t('stats.weekCallsDay', { day: label, count: shown(d) })
                }
              >
                <span className="week-total" aria-hidden="true">
                  {shown(d)}
                </span>
                <svg
                  className="week-bar"
                  viewBox={`0 0 10 ${H}`}
                  preserveAspectRatio="none"
                  aria-hidden="true"
                >
                  {mode === 'time' ? (
                    TIMED_STATUSES.map((s) => {
                      const h = ((d.statusSeconds[s] ?? 0) / max) * H;
                      y -= h;
                      return (
                        <rect
                          key={s}
                          className={`fill-st st-${s}`}
                          x={0}
                          y={y}
                          width={10}
                          height={h}
                        />
                      );
                    })
                  ) : (
                    <rect
                      className="fill-st st-busy"
                      x={0}
                      y={H - (value(d) / max) * H}
                      width={10}
                      height={(value(d) / max) * H}
                    />
                  )}
                </svg>
                <span className="week-label" aria-hidden="true">
                  {label}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
