import type { Kpi } from '../../../shared/stats-dto';
import { formatDuration } from '../../../shared/time-format';
import { hasMessage, useLocale, useT } from '../../lib/i18n';

/** A KPI's value for people: counts as integers, seconds as m:ss, ratios as percentages. */
export function formatKpi(kpi: Kpi, locale: string): string | null {
  if (kpi.value === null) return null;
  switch (kpi.unit) {
    case 'count':
      return new Intl.NumberFormat(locale).format(kpi.value);
    case 'seconds':
      return formatDuration(kpi.value * 1000);
    case 'ratio':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
        kpi.value,
      );
  }
}

/** A channel's KPIs (desk by default, or voice), each with its value and a one-line definition. */
export function KpiList({ kpis, channel = 'desk' }: { kpis: Kpi[]; channel?: 'desk' | 'voice' }) {
  const t = useT();
  const locale = useLocale();
  const headingId = `kpi-heading-${channel}`;
  return (
    <section className="card" aria-labelledby={headingId} data-testid={`kpis-${channel}`}>
      <h3 id={headingId} className="section-title">
        {t(channel === 'voice' ? 'stats.voiceKpis' : 'stats.kpis')}
      </h3>
      {kpis.length === 0 ? (
        <p className="muted">{t('stats.kpisEmpty')}</p>
      ) : (
        <dl className="kpis">
          {kpis.map((k) => {
            const name = `kpi.${k.id}`;
            const def = `kpi.${k.id}.def`;
            return (
              <div key={k.id} className="kpi" data-testid={`kpi-${k.id}`}>
                <dt className="kpi-name">{hasMessage(name) ? t(name) : k.id}</dt>
                <dd className="kpi-value">{formatKpi(k, locale) ?? t('stats.noValue')}</dd>
                <dd className="kpi-def">{hasMessage(def) ? t(def) : k.definition}</dd>
              </div>
            );
          })}
        </dl>
      )}
    </section>
  );
}
