import type { SessionRow } from '../../../shared/stats-dto';
import { formatDuration } from '../../../shared/time-format';
import { hasMessage, useLocale, useT } from '../../lib/i18n';
import { formatClock } from '../../lib/time';
import { DayTable } from './DayTable';

/** The day's own sessions: start, customer, length, how it ended, rating. */
export function SessionList({
  sessions,
  offsetMinutes,
}: {
  sessions: SessionRow[];
  offsetMinutes: number;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <DayTable
      id="sessions-heading"
      title={t('stats.sessions')}
      count={sessions.length}
      empty={t('stats.sessionsEmpty')}
      className="sessions"
      columns={[
        { label: t('stats.col.start') },
        { label: t('stats.col.customer') },
        { label: t('stats.col.duration'), num: true },
        { label: t('stats.col.end') },
        { label: t('stats.col.rating'), num: true },
      ]}
    >
      {sessions.map((s) => {
        const end = `endStatus.${s.endStatus}`;
        return (
          <tr key={s.sessionId}>
            <td className="num">{formatClock(s.startMs, locale, offsetMinutes)}</td>
            <td className="ellipsis">{s.clientNickName}</td>
            <td className="num">{formatDuration(s.durationSeconds * 1000)}</td>
            <td>{hasMessage(end) ? t(end) : s.endStatus}</td>
            <td className="num">
              {s.rating === null ? t('stats.noValue') : t('stats.rating', { rating: s.rating })}
            </td>
          </tr>
        );
      })}
    </DayTable>
  );
}
