import { useEffect } from 'react';
import { useApp } from '../../store/store-context';
import { selectZoneOffset } from '../../store/selectors';
import { useLocale, useT } from '../../lib/i18n';
import { dayKeyAt } from '../../../shared/day-key';
import { formatClock } from '../../lib/time';
import { Banner } from '../../components/Banner';
import { DayPicker } from './DayPicker';
import { StatusTimeChart } from './StatusTimeChart';
import { DayTimeline } from './DayTimeline';
import { RestByReason } from './RestByReason';
import { WeekTrend } from './WeekTrend';
import { KpiList } from './KpiList';
import { SessionList } from './SessionList';
import { CallList } from './CallList';

/**
 * Daily stats for today or a picked day, with the 7-day trend ending on that day. Each channel
 * (phone, chat) shows only when it is turned on or had activity that day.
 */
export function StatsScreen() {
  const t = useT();
  const locale = useLocale();
  const offset = useApp(selectZoneOffset);
  const picked = useApp((s) => s.statsDay);
  const selectDay = useApp((s) => s.selectDay);
  const loadDay = useApp((s) => s.loadDay);
  const loadWeek = useApp((s) => s.loadWeek);
  // eslint-disable-next-line react-hooks/purity -- "today" is read from the clock when the view renders
  const today = dayKeyAt(Date.now(), offset);
  const day = picked ?? today;
  const entry = useApp((s) => s.days[day]);
  const week = useApp((s) => s.weeks[day]);

  // Past days are final once loaded; today is fetched again each time the view opens on it.
  useEffect(() => {
    void loadDay(day, day === today);
    void loadWeek(day, day === today);
  }, [day, today, loadDay, loadWeek]);

  // The desk is on when it sent KPIs; it also shows for a day with sessions or a desk problem.
  const deskShown =
    entry?.state === 'ready' &&
    (entry.data.kpis.length > 0 ||
      entry.data.sessions.length > 0 ||
      entry.data.problems.some((p) => p.part === 'desk' || p.part === 'sessions'));

  const refresh = (): void => {
    void loadDay(day, true);
    void loadWeek(day, true);
  };

  return (
    <div className="screen stats-screen" data-testid="stats-screen">
      <div className="stats-head">
        <h2 className="screen-title">{t('stats.heading')}</h2>
        <DayPicker day={day} today={today} onChange={selectDay} />
      </div>
      {!entry || entry.state === 'loading' ? (
        <p className="muted" role="status">
          {t('stats.loading')}
        </p>
      ) : entry.state === 'error' ? (
        <Banner
          tone="error"
          actions={
            <button type="button" className="btn btn-small" onClick={refresh}>
              {t('stats.refresh')}
            </button>
          }
        >
          {t('stats.loadFailed', { message: entry.message })}
        </Banner>
      ) : (
        <div className="stats-body" data-testid="stats-body" data-day={entry.data.day}>
          {entry.data.problems.map((p) => (
            <Banner key={p.part} tone="warning" title={t(`stats.part.${p.part}`)}>
              {p.message}
            </Banner>
          ))}
          <StatusTimeChart seconds={entry.data.statusSeconds} />
          <DayTimeline day={day} offsetMinutes={offset} segments={entry.data.timeline} />
          <RestByReason byReason={entry.data.restByReason} />
          {week?.state === 'ready' ? (
            <WeekTrend
              days={week.data.days}
              selected={day}
              onPick={(d) => selectDay(d >= today ? null : d)}
            />
          ) : null}
          {entry.data.voice ? <KpiList kpis={entry.data.voice.kpis} channel="voice" /> : null}
          {deskShown ? <KpiList kpis={entry.data.kpis} /> : null}
          {entry.data.voice ? (
            <CallList calls={entry.data.voice.calls} offsetMinutes={offset} />
          ) : null}
          {deskShown ? <SessionList sessions={entry.data.sessions} offsetMinutes={offset} /> : null}
          {!deskShown && !entry.data.voice ? (
            <p className="card muted" data-testid="channels-off">
              {t('stats.channelsOff')}
            </p>
          ) : null}
          <p className="muted small stats-foot">
            {t('stats.updated', { time: formatClock(entry.data.fetchedAtMs, locale) })}{' '}
            <button type="button" className="btn btn-small btn-quiet" onClick={refresh}>
              {t('stats.refresh')}
            </button>
          </p>
        </div>
      )}
    </div>
  );
}
