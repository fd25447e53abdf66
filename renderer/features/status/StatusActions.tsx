import { useRef, useState, type ComponentProps } from 'react';
import type { SettableStatus } from '../../../shared/status';
import { useApp } from '../../store/store-context';
import { useT } from '../../lib/i18n';
import { StatusIcon } from '../../components/StatusIcon';
import { BreakReasonPicker } from './BreakReasonPicker';

/** Big one-click actions: Available, Break (opens the reason picker), Not ready. */
export function StatusActions() {
  const t = useT();
  const status = useApp((s) => s.snapshot?.status ?? 'unknown');
  const requesting = useApp((s) => s.requesting);
  const usable = useApp((s) => {
    const c = s.snapshot?.connection;
    return c === 'ok' || c === 'degraded' || c === 'offline';
  });
  const requestStatus = useApp((s) => s.requestStatus);
  const [picking, setPicking] = useState(false);
  const breakButton = useRef<HTMLButtonElement>(null);
  const busy = requesting !== null;

  const button = (
    target: SettableStatus,
    onClick: () => void,
    extra: ComponentProps<'button'> = {},
  ) => (
    <button
      type="button"
      className={`action action-${target}`}
      aria-pressed={status === target}
      aria-busy={requesting === target}
      disabled={!usable || busy}
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
        {button('free', () => void requestStatus('free'))}
        {button('rest', () => setPicking((p) => !p), {
          'aria-expanded': picking,
          'aria-controls': 'break-reasons',
          ref: breakButton,
        })}
        {button('notReady', () => void requestStatus('notReady'))}
      </div>
      {picking ? (
        <BreakReasonPicker
          onPick={(reason) => {
            setPicking(false);
            void requestStatus('rest', reason);
          }}
          onClose={() => {
            setPicking(false);
            breakButton.current?.focus();
          }}
        />
      ) : null}
    </section>
  );
}
