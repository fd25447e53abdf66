import { addDays } from '../../../shared/day-key';
import { useT } from '../../lib/i18n';

/** Previous / next day buttons around a date input; days after `today` cannot be picked. */
export function DayPicker({
  day,
  today,
  onChange,
}: {
  day: string;
  today: string;
  onChange: (day: string | null) => void;
}) {
  const t = useT();
  const go = (next: string): void => onChange(next >= today ? null : next);
  return (
    <div className="day-picker">
      <button
        type="button"
        className="btn btn-small"
        onClick={() => go(addDays(day, -1))}
        aria-label={t('stats.prevDay')}
      >
        ‹
      </button>
      <input
        type="date"
        className="input input-date"
        aria-label={t('stats.day')}
        value={day}
        max={today}
        onChange={(e) => {
          if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) go(e.target.value);
        }}
        data-testid="stats-day"
      />
      <button
        type="button"
        className="btn btn-small"
        onClick={() => go(addDays(day, 1))}
        disabled={day >= today}
        aria-label={t('stats.nextDay')}
      >
        ›
      </button>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => onChange(null)}
        disabled={day === today}
      >
        {t('stats.today')}
      </button>
    </div>
  );
}
