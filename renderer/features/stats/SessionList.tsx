import type { SessionRow } from '../../../shared/stats-dto';
import { formatDuration } from '../../../shared/time-format';
import { hasMessage, useLocale, useT } from '../../lib/i18n';
import { formatClock } from '../../lib/time';

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
    <section className="card" aria-labelledby="sessions-heading">
      <h3 id="sessions-heading" className="section-title">
        {t('stats.sessions')} <span className="muted">({sessions.length})</span>
      </h3>
      {sessions.length === 0 ? (
        <p className="muted">{t('stats.sessionsEmpty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="sessions">
            <thead>
              <tr>
                <th scope="col">{t('stats.col.start')}</th>
                <th scope="col">{t('stats.col.customer')}</th>
                <th scope="col" className="num">
                  {t('stats.col.duration')}
                </th>
                <th scope="col">{t('stats.col.end')}</th>
                <th scope="col" className="num">
                  {t('stats.col.rating')}
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => {
                const end = `endStatus.${s.endStatus}`;
                return (
                  <tr key={s.sessionId}>
                    <td className="num">{formatClock(s.startMs, locale, offsetMinutes)}</td>
                    <td className="ellipsis">{s.clientNickName}</td>
                    <td className="num">{formatDuration(s.durationSeconds * 1000)}</td>
                    <td>{hasMessage(end) ? t(end) : s.endStatus}</td>
                    <td className="num">
                      {s.rating === null
                        ? t('stats.noValue')
                        : t('stats.rating', { rating: s.rating })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
