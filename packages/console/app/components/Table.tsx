/**
 * A table whose rows are virtualized (@tanstack/react-virtual): only the rows in view are in the
 * DOM, so a live list of thousands of nodes renders and updates quickly. ARIA table roles keep it
 * a table for screen readers and tests; columns are a CSS grid.
 */
import { useRef } from 'react';
import type { ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface Column<T> {
  header: string;
  /** CSS grid track, e.g. "2fr" or "8rem". */
  width?: string;
  cell: (row: T) => ReactNode;
}

const ROW_HEIGHT = 40;
const MAX_HEIGHT = 560;

export function Table<T>({ label, columns, rows, rowKey, empty }: { label: string; columns: Column<T>[]; rows: readonly T[]; rowKey: (row: T) => string; empty: ReactNode }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const template = columns.map((c) => c.width ?? '1fr').join(' ');
  const height = Math.min(MAX_HEIGHT, Math.max(rows.length, 1) * ROW_HEIGHT);
  return (
    <div className="table" role="table" aria-label={label} aria-rowcount={rows.length + 1}>
      <div className="tr th" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div key={c.header} role="columnheader">
            {c.header}
          </div>
        ))}
      </div>
      {rows.length === 0 ? (
        <div className="empty">{empty}</div>
      ) : (
        <div ref={scroller} className="tbody" style={{ height }}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const row = rows[v.index]!;
              return (
                <div
                  key={rowKey(row)}
                  className="tr"
                  role="row"
                  aria-rowindex={v.index + 2}
                  style={{ gridTemplateColumns: template, transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                >
                  {columns.map((c) => (
                    <div key={c.header} role="cell">
                      {c.cell(row)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
