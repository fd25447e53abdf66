import { useEffect, useState } from 'react';
import { elapsedSince, formatDuration } from '../../../shared/time-format';
import { useApp } from '../../store/store-context';
import { useT } from '../../lib/i18n';

/**
 * Time in the current status. The only component that re-renders every second: a 1 Hz timer
 * inside it recomputes `Date.now() - statusSinceMs`; main never pushes ticks. While the window is
 * hidden (a tray app's usual state) it does not tick at all, and catches up when shown.
 */
export function StatusTimer() {
  const t = useT();
  const since = useApp((s) => s.snapshot?.statusSinceMs ?? null);
  const [, setTick] = useState(0);
  useEffect(() => {
    if (since === null) return;
    let id: ReturnType<typeof setTimeout> | undefined;
    // Tick just after each whole second of elapsed time, so the display never skips a second.
    const schedule = (): void => {
      const intoSecond = (((Date.now() - since) % 1000) + 1000) % 1000;
      id = setTimeout(() => {
        setTick((n) => n + 1);
        schedule();
      }, 1005 - intoSecond);
    };
    const onVisibility = (): void => {
      clearTimeout(id);
      id = undefined;
      if (document.visibilityState === 'hidden') return;
      setTick((n) => n + 1);
      schedule();
    };
    if (document.visibilityState !== 'hidden') schedule();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearTimeout(id);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [since]);
  // eslint-disable-next-line react-hooks/purity -- the timer shows wall-clock time by design
  const text = since === null ? '–:––' : formatDuration(elapsedSince(since, Date.now()));
  return (
    <span className="timer" role="timer" aria-label={t('status.timer')} data-timer="">
      {text}
    </span>
  );
}
