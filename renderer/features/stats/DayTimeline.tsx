import type { TimelineSegment } from '../../../shared/stats-dto';
import { isAgentStatus } from '../../../shared/vocabulary';
import { hasMessage, useLocale, useT } from '../../lib/i18n';
import { dayStartMs } from '../../../shared/day-key';
import { formatClock } from '../../lib/time';

const DAY_MS = 86_400_000;
const HOURS = [0, 6, 12, 18, 24];

/** The day as one SVG strip of status segments (account time zone), with a list for screen readers. */
export function DayTimeline({
  day,
  offsetMinutes,
  segments,
}: {
  day: string;
  offsetMinutes: number;
  segments: TimelineSegment[];
}) {
  const t = useT();
  const locale = useLocale();
  const start = dayStartMs(day, offsetMinutes);
  const label = (s: TimelineSegment): string => {
    const key = `status.${s.status}`;
    const name = hasMessage(key) ? t(key) : s.status;
    return s.reason ? `${name} (${s.reason})` : name;
  };
  const clock = (ms: number): string => formatClock(ms, locale, offsetMinutes);
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h3 id="timeline-heading" className="section-title">
        {t('stats.timeline')}
      </h3>
      {segments.length === 0 ? (
        <p className="muted">{t('stats.timelineEmpty')}</p>
      ) : (
        <>
          <svg
            className="timeline"
            viewBox="0 0 1000 24"
            preserveAspectRatio="none"
            aria-hidden="true"
          >
            <rect className="bar-track" x={0} y={0} width={1000} height={24} />
            {segments.map((s) => {
              const x = Math.max(0, ((s.startMs - start) / DAY_MS) * 1000);
              const w = Math.max(
                1,
                ((Math.min(s.endMs, start + DAY_MS) - start) / DAY_MS) * 1000 - x,
              );
              const cls = `fill-st st-${isAgentStatus(s.status) ? s.status : 'unknown'}`;
              return (
                <rect
                  key={`${s.startMs}-${s.status}`}
                  className={cls}
                  x={x}
                  y={0}
                  width={w}
                  height={24}
                >
                  <title>{`${clock(s.startMs)}–${clock(s.endMs)} ${label(s)}`}</title>
                </rect>
              );
            })}
            {HOURS.slice(1, -1).map((h) => (
              <line
                key={h}
                className="timeline-tick"
                x1={(h / 24) * 1000}
                x2={(h / 24) * 1000}
                y1={0}
                y2={24}
              />
            ))}
          </svg>
          <div className="timeline-hours" aria-hidden="true">
            {HOURS.map((h) => (
              <span key={h}>{`${String(h).padStart(2, '0')}:00`}</span>
            ))}
          </div>
          <ol className="visually-hidden">
            {segments.map((s) => (
              <li
                key={`${s.startMs}-${s.status}`}
              >{`${clock(s.startMs)}–${clock(s.endMs)} ${label(s)}`}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
