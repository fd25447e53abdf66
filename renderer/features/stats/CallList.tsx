import type { CallRow } from '../../../shared/stats-dto';
import { formatDuration } from '../../../shared/time-format';
import { hasMessage, useLocale, useT, type T } from '../../lib/i18n';
import { formatClock } from '../../lib/time';
import { DayTable } from './DayTable';

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
    <DayTable
      id="calls-heading"
      testId="call-list"
      title={t('stats.calls')}
      count={calls.length}
      empty={t('stats.callsEmpty')}
      className="sessions calls"
      columns={[
        { label: t('stats.col.start') },
        { label: t('stats.col.customer') },
        { label: t('stats.col.duration'), num: true },
        { label: t('stats.col.end') },
      ]}
    >
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
    </DayTable>
  );
}
