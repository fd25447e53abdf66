import type { ReactNode } from 'react';

/** How loud a banner is; errors and warnings are announced at once (role=alert). */
export type BannerTone = 'info' | 'warning' | 'error' | 'success';

/** A full-width notice with an optional title and actions (buttons). */
export function Banner({
  tone,
  title,
  children,
  actions,
  testId,
}: {
  tone: BannerTone;
  title?: string;
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  const urgent = tone === 'error' || tone === 'warning';
  return (
    <div
      className={`banner banner-${tone}`}
      role={urgent ? 'alert' : 'status'}
      data-testid={testId}
    >
      <div className="banner-text">
        {title ? <strong className="banner-title">{title}</strong> : null}
        {children ? <span className="banner-body">{children}</span> : null}
      </div>
      {actions ? <div className="banner-actions">{actions}</div> : null}
    </div>
  );
}
