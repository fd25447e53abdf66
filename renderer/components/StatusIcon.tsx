import type { DisplayStatus } from '../../shared/vocabulary';

const PATHS: Record<DisplayStatus, string> = {
  // check in a circle
  free: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm-1.5 12.5-3.5-3.5 1.4-1.4 2.1 2.1 4.6-4.6 1.4 1.4z',
  // handset
  busy: 'M6.6 10.8a15 15 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.6a1 1 0 0 1-.25 1z',
  // cup
  rest: 'M4 8h13v5a6 6 0 0 1-6 6H10a6 6 0 0 1-6-6zm13 1h1.5a2.5 2.5 0 0 1 0 5H17v-1.8h1.5a.7.7 0 0 0 0-1.4H17zM8 3h1.6v3H8zm3.2 0h1.6v3h-1.6z',
  // minus in a circle
  notReady: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM7 11h10v2H7z',
  // pencil
  afterCallWork:
    'M4 17.2V20h2.8l8.3-8.3-2.8-2.8zM19.7 7a1 1 0 0 0 0-1.4l-1.3-1.3a1 1 0 0 0-1.4 0l-1.6 1.6 2.8 2.8z',
  // power
  offline: 'M11 3h2v9h-2zm6.2 2.4 1.4 1.4A8 8 0 1 1 5.4 6.8l1.4 1.4a6 6 0 1 0 10.4-2.8z',
  // question mark in a circle
  unknown:
    'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm1 14h-2v-2h2zm2.1-7.8-.9.9c-.7.7-1.2 1.3-1.2 2.9h-2v-.5a4 4 0 0 1 1.2-2.8l1.2-1.3A2 2 0 1 0 10 9H8a4 4 0 1 1 7.1 1.2z',
};

/** The status's shape (so it never relies on colour alone); decorative, the label says the status. */
export function StatusIcon({ status, size = 24 }: { status: DisplayStatus; size?: number }) {
  return (
    <svg
      className={`status-icon st-${status}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[status]} fill="currentColor" />
    </svg>
  );
}
