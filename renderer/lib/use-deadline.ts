import { useEffect, useState } from 'react';

/**
 * True once `Date.now()` reaches `deadlineMs` (null: never). One timeout per deadline, no
 * per-second tick: the caller re-renders once, when the deadline passes (at once if it already has).
 */
export function useDeadlinePassed(deadlineMs: number | null): boolean {
  const [passedFor, setPassedFor] = useState<number | null>(null);
  useEffect(() => {
    if (deadlineMs === null) return;
    const wait = Math.min(Math.max(0, deadlineMs - Date.now()), 2_147_000_000);
    const id = setTimeout(() => setPassedFor(deadlineMs), wait);
    return () => clearTimeout(id);
  }, [deadlineMs]);
  return deadlineMs !== null && passedFor === deadlineMs;
}
