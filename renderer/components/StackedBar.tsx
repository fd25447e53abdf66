/** One part of a stacked bar. */
export interface BarPart {
  key: string;
  value: number;
  /** CSS classes that set the fill (e.g. `fill-st st-free`). */
  className: string;
  /** Tooltip text. */
  title: string;
}

/**
 * A horizontal stacked bar as SVG (no chart library). Parts are proportional to their values;
 * `total` sets the full width (defaults to the sum). The caller supplies the accessible label.
 */
export function StackedBar({
  parts,
  label,
  total,
  height = 14,
}: {
  parts: BarPart[];
  label: string;
  total?: number;
  height?: number;
}) {
  const sum = total ?? parts.reduce((acc, p) => acc + Math.max(0, p.value), 0);
  let x = 0;
  return (
    <svg
      className="stacked-bar"
      role="img"
      aria-label={label}
      viewBox={`0 0 1000 ${height}`}
      preserveAspectRatio="none"
      height={height}
    >
      <rect className="bar-track" x={0} y={0} width={1000} height={height} rx={3} />
      {sum > 0
        ? parts.map((p) => {
            const w = (Math.max(0, p.value) / sum) * 1000;
            const rect = (
              <rect key={p.key} className={p.className} x={x} y={0} width={w} height={height}>
                <title>{p.title}</title>
              </rect>
            );
            x += w;
            return rect;
          })
        : null}
    </svg>
  );
}
