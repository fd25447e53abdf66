import type { ReactNode } from 'react';

/** A column of a day's list; `num` right-aligns it (times, lengths, counts). */
export interface DayTableColumn {
  label: string;
  num?: boolean;
}

/**
 * A card listing one kind of the day's items (sessions, calls): a heading with the count, a
 * sentence when there are none, else a scrollable table with sticky column heads.
 */
export function DayTable({
  id,
  title,
  count,
  empty,
  columns,
  className,
  testId,
  children,
}: {
  id: string;
  title: string;
  count: number;
  empty: string;
  columns: DayTableColumn[];
  className: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={id} data-testid={testId}>
      <h3 id={id} className="section-title">
        {title} <span className="muted">({count})</span>
      </h3>
      {count === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className={className}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col" className={c.num ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
