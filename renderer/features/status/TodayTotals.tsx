import { useShallow } from 'zustand/react/shallow';
import { formatTotal } from '../../../shared/time-format';
import { useApp } from '../../store/store-context';
import { useT } from '../../lib/i18n';
import { TIMED_STATUSES, type StatusDurations } from '../../../shared/vocabulary';
import { StackedBar } from '../../components/StackedBar';

/**
 * Today's time per status as a stacked bar with a legend. Totals are read in whole minutes, so
 * the polls (which add a few seconds each time) re-render this at most once a minute.
 */
export function TodayTotals() {
  const t = useT();
  const minutes = useApp(
    useShallow((s) => {
      const d = s.snapshot?.today;
      if (!d) return null;
      // Flat (online and each timed status): useShallow compares the minutes one by one.
      return Object.fromEntries(
        Object.entries(d).map(([k, sec]) => [k, Math.floor(sec / 60)]),
      ) as StatusDurations;
    }),
  );
  if (!minutes) return null;
  const parts = TIMED_STATUSES.map((st) => ({
    key: st,
    value: minutes[st],
    className: `fill-st st-${st}`,
    title: `${t(`status.${st}`)} ${formatTotal(minutes[st] * 60)}`,
  }));
  const empty = parts.every((p) => p.value === 0);
  return (
    <section className="today" aria-labelledby="today-heading" data-testid="today-totals">
      <div className="section-head">
        <h2 id="today-heading" className="section-title">
          {t('today.heading')}
        </h2>
        <span className="muted">
          {t('today.online', { total: formatTotal(minutes.online * 60) })}
        </span>
      </div>
      {empty ? (
        <p className="muted">{t('today.empty')}</p>
      ) : (
        <>
          <StackedBar parts={parts} label={t('today.chart')} />
          <ul className="legend">
            {parts.map((p) => (
              <li key={p.key}>
                <span className={`swatch st-${p.key}`} aria-hidden="true" />
                <span className="legend-label">{t(`status.${p.key}`)}</span>
                <span className="legend-value">{formatTotal(p.value * 60)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
