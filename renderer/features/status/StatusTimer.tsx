import { useEffect, useState } from 'react';
import { elapsedSince, formatDuration } from '../../../shared/time-format';
import { useApp } from '../../store/store-context';
import { useT } from '../../lib/i18n';

/**
 * Time in the current status. The only component that re-renders every second: a 1 Hz timer
 * inside it recomputes `Date.now() - statusSinceMs`; main never pushes ticks.
 */
export function StatusTimer() {
  const t = useT();
  const since = useApp((s) => s.snapshot?.statusSinceMs ?? null);
  const [, setTick] = useState(0);
  useEffect(() => {
    if (since === null) return;
    // Tick just after each whole second of elapsed time, so the display never skips a second.
    let id: ReturnType<typeof setTimeout>;
    const schedule = (): void => {
      const intoSecond = (Date.now() - since) % 1000;
      id = setTimeout(
        () => {
          setTick((n) => n + 1);
          schedule();
        },
        1000 - (intoSecond < 0 ? intoSecond + 1000 : intoSecond) + 5,
      );
    };
    schedule();
    return () => clearTimeout(id);
  }, [since]);
  // eslint-disable-next-line react-hooks/purity -- the timer shows wall-clock time by design
  const text = since === null ? '–:––' : formatDuration(elapsedSince(since, Date.now()));
  return (
    <span className="timer" role="timer" aria-label={t('status.timer')} data-timer="">
      {text}
    </span>
  );
}
