import { formatTotal } from '../../../shared/time-format';
import { useT } from '../../lib/i18n';
import { TIMED_STATUSES } from '../../../shared/vocabulary';

/** Time per status as labelled horizontal bars (longest = full width), with the online total. */
export function StatusTimeChart({ seconds }: { seconds: Record<string, number> }) {
  const t = useT();
  const max = Math.max(1, ...TIMED_STATUSES.map((s) => seconds[s] ?? 0));
  return (
    <section className="card" aria-labelledby="time-per-status">
      <div className="section-head">
        <h3 id="time-per-status" className="section-title">
          {t('stats.timePerStatus')}
        </h3>
        <span className="muted">
          {t('stats.online')} {formatTotal(seconds.online ?? 0)}
        </span>
      </div>
      {TIMED_STATUSES.every((s) => !seconds[s]) ? (
        <p className="muted">{t('stats.timeEmpty')}</p>
      ) : (
        <ul className="hbars">
          {TIMED_STATUSES.map((s) => {
            const v = seconds[s] ?? 0;
            return (
              <li key={s}>
                <span className="hbar-label">{t(`status.${s}`)}</span>
                <svg
                  className="hbar"
                  viewBox="0 0 100 10"
                  preserveAspectRatio="none"
                  aria-hidden="true"
                >
                  <rect className="bar-track" x={0} y={0} width={100} height={10} rx={2} />
                  <rect
                    className={`fill-st st-${s}`}
                    x={0}
                    y={0}
                    width={(v / max) * 100}
                    height={10}
                    rx={2}
                  />
                </svg>
                <span className="hbar-value">{formatTotal(v)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
