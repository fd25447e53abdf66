import { useApp } from '../../store/store-context';
import { useT } from '../../lib/i18n';
import { Banner } from '../../components/Banner';

/** Warns that calls will ring the agent's mobile phone (UseMobileAccept 1 or 2). */
export function MobileAcceptWarning() {
  const t = useT();
  const mode = useApp((s) => s.snapshot?.useMobileAccept ?? 0);
  if (mode === 0) return null;
  return (
    <Banner tone={mode === 2 ? 'warning' : 'info'} testId="mobile-warning">
      {t(mode === 2 ? 'mobile.always' : 'mobile.offline')}
    </Banner>
  );
}
