import { useRef, useState, type ComponentProps } from 'react';
import {
  SETTABLE_STATUSES,
  canChangeStatus,
  isOnCall,
  requestableOnCall,
  takesBreakReason,
  type SettableStatus,
} from '../../../shared/vocabulary';
import { useApp } from '../../store/store-context';
import { useT } from '../../lib/i18n';
import { StatusIcon } from '../../components/StatusIcon';
import { BreakReasonPicker } from './BreakReasonPicker';

/**
 * Big one-click actions, one per settable status (Available, Break, Not ready): one with break
 * reasons opens the reason picker, the others ask at once.
 */
export function StatusActions() {
  const t = useT();
  const status = useApp((s) => s.snapshot?.status ?? 'unknown');
  const requesting = useApp((s) => s.requesting);
  const usable = useApp((s) => (s.snapshot ? canChangeStatus(s.snapshot.connection) : false));
  const onCall = isOnCall(status);
  const requestStatus = useApp((s) => s.requestStatus);
  const [picking, setPicking] = useState<SettableStatus | null>(null);
  const breakButton = useRef<HTMLButtonElement>(null);
  const busy = requesting !== null;

  const button = (
    target: SettableStatus,
    onClick: () => void,
    extra: ComponentProps<'button'> = {},
  ) => (
    <button
      key={target}
      type="button"
      className={`action st-${target}`}
      aria-pressed={status === target}
      aria-busy={requesting === target}
      disabled={!usable || busy || (onCall && !requestableOnCall(target))}
      onClick={onClick}
      data-testid={`action-${target}`}
      {...extra}
    >
      <StatusIcon status={target} />
      <span>{t(`status.${target}`)}</span>
      {requesting === target ? <span className="spinner" aria-hidden="true" /> : null}
    </button>
  );

  return (
    <section className="actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading" className="section-title">
        {t('actions.heading')}
      </h2>
      <div className="action-row">
        {SETTABLE_STATUSES.map((target) =>
          takesBreakReason(target)
            ? button(target, () => setPicking((p) => (p === target ? null : target)), {
                'aria-expanded': picking === target,
                'aria-controls': 'break-reasons',
                ref: breakButton,
              })
            : button(target, () => void requestStatus(target)),
        )}
      </div>
      {picking ? (
        <BreakReasonPicker
          onPick={(reason) => {
            setPicking(null);
            void requestStatus(picking, reason);
          }}
          onClose={() => {
            setPicking(null);
            breakButton.current?.focus();
          }}
        />
      ) : null}
    </section>
  );
}
