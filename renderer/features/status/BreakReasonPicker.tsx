import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../store/store-context';
import { useT } from '../../lib/i18n';

/** The break reasons as buttons (label and limit); Escape closes; the default one gets focus. */
export function BreakReasonPicker({
  onPick,
  onClose,
}: {
  onPick: (reason: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const reasons = useApp(useShallow((s) => s.settings?.breakReasons ?? []));
  const defaultId = useApp((s) => s.settings?.defaultBreakReasonId ?? '');
  const current = useApp((s) => (s.snapshot?.status === 'rest' ? s.snapshot.reason : null));
  const defaultButton = useRef<HTMLButtonElement>(null);
  useEffect(() => defaultButton.current?.focus(), []);
  return (
    <div
      id="break-reasons"
      className="reason-picker"
      role="group"
      aria-label={t('actions.pickReason')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      {reasons.map((r) => (
        <button
          key={r.id}
          type="button"
          className="reason"
          ref={r.id === defaultId ? defaultButton : undefined}
          aria-pressed={current === r.label}
          onClick={() => onPick(r.label)}
          data-testid={`reason-${r.id}`}
        >
          <span className="reason-label">{r.label}</span>
          <span className="reason-limit">
            {r.limitMinutes === null
              ? t('actions.noLimit')
              : t('actions.limit', { minutes: r.limitMinutes })}
          </span>
        </button>
      ))}
      <button type="button" className="btn btn-quiet btn-small" onClick={onClose}>
        {t('actions.close')}
      </button>
    </div>
  );
}
