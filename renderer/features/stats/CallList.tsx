import type { CallRow } from '../../../shared/stats-dto';
import { formatDuration } from '../../../shared/time-format';
import { hasMessage, useLocale, useT, type T } from '../../lib/i18n';
import { formatClock } from '../../lib/time';

/** How a call ended, for people: the outcome, or for a call never connected, why not. */
function endedLabel(c: CallRow, t: T): string {
  const end = `telEnd.${c.endStatus}`;
  if (c.outcome === 'notConnected' && c.endStatus !== 'ok' && hasMessage(end)) return t(end);
  return t(`callOutcome.${c.outcome}`);
}

/**
 * The day's own calls: when it reached you, direction (an arrow, named for screen readers) with
 * the customer's masked number, talk, how it ended. Four columns, so it fits 360 px.
 */
export function CallList({ calls, offsetMinutes }: { calls: CallRow[]; offsetMinutes: number }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="calls-heading" data-testid="call-list">
      <h3 id="calls-heading" className="section-title">
        {t('stats.calls')} <span className="muted">({calls.length})</span>
      </h3>
      {calls.length === 0 ? (
        <p className="muted">{t('stats.callsEmpty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="sessions calls">
            <thead>
              <tr>
                <th scope="col">{t('stats.col.start')}</th>
                <th scope="col">{t('stats.col.customer')}</th>
                <th scope="col" className="num">
                  {t('stats.col.duration')}
                </th>
                <th scope="col">{t('stats.col.end')}</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c) => {
                const end = `telEnd.${c.endStatus}`;
                return (
                  <tr
                    key={c.sessionId || `${c.startMs}-${c.customer}`}
                    data-outcome={c.outcome}
                    data-direction={c.direction}
                  >
                    <td className="num">{formatClock(c.startMs, locale, offsetMinutes)}</td>
                    <td>
                      <span className={`call-dir call-dir-${c.direction}`} aria-hidden="true">
                        {c.direction === 'in' ? '↙' : '↗'}
                      </span>
                      <span className="visually-hidden">{t(`direction.${c.direction}`)} </span>
                      {c.customer || t('stats.hiddenNumber')}
                    </td>
                    <td className="num">{formatDuration(c.talkSeconds * 1000)}</td>
                    <td title={hasMessage(end) ? t(end) : c.endStatus}>{endedLabel(c, t)}</td>
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
