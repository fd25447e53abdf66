import { useApp } from '../../store/store-context';
import { useLocale, useT } from '../../lib/i18n';
import { formatClock } from '../../lib/time';
import { useDeadlinePassed } from '../../lib/use-deadline';
import { Banner } from '../../components/Banner';

/** While on a break whose reason has a limit: when it ends, then a warning once it is over. */
export function BreakLimitNotice() {
  const t = useT();
  const locale = useLocale();
  const reason = useApp((s) => (s.snapshot?.status === 'rest' ? s.snapshot.reason : null));
  const since = useApp((s) => s.snapshot?.statusSinceMs ?? null);
  const limit = useApp((s) =>
    reason === null
      ? null
      : (s.settings?.breakReasons.find((r) => r.label === reason)?.limitMinutes ?? null),
  );
  const deadline =
    reason !== null && limit !== null && since !== null ? since + limit * 60_000 : null;
  const over = useDeadlinePassed(deadline);
  if (deadline === null || reason === null || limit === null) return null;
  if (over) {
    return (
      <Banner tone="warning" testId="break-limit">
        {t('limit.over', { reason, minutes: limit })}
      </Banner>
    );
  }
  return (
    <p className="limit-info" data-testid="break-limit-info">
      {t('limit.info', { reason, minutes: limit, time: formatClock(deadline, locale) })}
    </p>
  );
}
