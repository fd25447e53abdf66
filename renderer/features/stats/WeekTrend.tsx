import { formatTotal } from '../../../shared/time-format';
import type { DayStatsDto } from '../../../shared/stats-dto';
import { useLocale, useT } from '../../lib/i18n';
import { formatDayShort } from '../../lib/time';
import { TIMED_STATUSES } from '../../../shared/vocabulary';

const H = 100;

/** Seven columns of stacked status time, one per day; the picked day is highlighted. */
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
  const total = (d: DayStatsDto): number =>
    TIMED_STATUSES.reduce((a, s) => a + (d.statusSeconds[s] ?? 0), 0);
  const max = Math.max(1, ...days.map(total));
  return (
    <section className="card" aria-labelledby="week-heading">
      <h3 id="week-heading" className="section-title">
        {t('stats.week')}
      </h3>
      <ol className="week" aria-label={t('stats.weekChart')}>
        {days.map((d) => {
          let y = H;
          const sum = total(d);
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
                aria-label={`${formatDayShort(d.day, locale)}: ${formatTotal(sum)}`}
              >
                <span className="week-total" aria-hidden="true">
                  {formatTotal(sum)}
                </span>
                <svg
                  className="week-bar"
                  viewBox={`0 0 10 ${H}`}
                  preserveAspectRatio="none"
                  aria-hidden="true"
                >
                  {TIMED_STATUSES.map((s) => {
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
                  })}
                </svg>
                <span className="week-label" aria-hidden="true">
                  {formatDayShort(d.day, locale)}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
