import { useApp } from '../store/store-context';
import { useT } from '../lib/i18n';
import { VIEWS } from '../../shared/vocabulary';

/** The view switcher: a nav of buttons, the current one marked with aria-current. */
export function NavTabs() {
  const t = useT();
  const view = useApp((s) => s.view);
  const navigate = useApp((s) => s.navigate);
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      {VIEWS.map((v) => (
        <button
          key={v}
          type="button"
          className="nav-item"
          aria-current={v === view ? 'page' : undefined}
          onClick={() => navigate(v)}
        >
          {t(`nav.${v}`)}
        </button>
      ))}
    </nav>
  );
}
