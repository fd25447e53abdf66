import { formatTotal } from '../../../shared/time-format';
import { useT } from '../../lib/i18n';

/** Break time per reason, longest first; hidden when there were no breaks. */
export function RestByReason({ byReason }: { byReason: Record<string, number> }) {
  const t = useT();
  const rows = Object.entries(byReason)
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return null;
  return (
    <section className="card" aria-labelledby="rest-heading">
      <h3 id="rest-heading" className="section-title">
        {t('stats.restByReason')}
      </h3>
      <ul className="pairs">
        {rows.map(([reason, seconds]) => (
          <li key={reason}>
            <span>{reason || t('status.noReason')}</span>
            <span className="num">{formatTotal(seconds)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
