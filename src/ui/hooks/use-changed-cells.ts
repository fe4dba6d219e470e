import { useEffect, useMemo, useRef, useState } from 'react';
import { changedCells, type PreviousRow } from '../../model/view/changed-cells.js';
import type { Row } from '../../model/view/table-rows.js';

// Columns whose text moves with the clock, not with the object.
const TIME_COLUMNS = new Set(['AGE', 'LAST SEEN', 'DURATION', 'LAST SCHEDULE', 'FIRST SEEN']);

/** How long a changed cell stays marked. */
export const MARK_MS = 2_000;

/**
 * Which cells changed in the last couple of seconds, by row key and column: rows are compared
 * with the previous build whenever the cache brings new data. A single timeout re-renders
 * when the oldest mark expires; that clears a highlight, it never fetches or polls.
 */
export function useChangedCells(rows: readonly Row[], headers: readonly string[]): Map<string, Set<number>> {
  const previous = useRef(new Map<string, PreviousRow>());
  const marks = useRef(new Map<string, { at: number; columns: Set<number> }>());
  const [tick, setTick] = useState(0);
  useMemo(() => {
    const now = Date.now();
    const timeColumns = new Set(headers.flatMap((h, i) => (TIME_COLUMNS.has(h) ? [i] : [])));
    for (const [key, columns] of changedCells(previous.current, rows, timeColumns)) marks.current.set(key, { at: now, columns });
    const next = new Map<string, PreviousRow>();
    for (const r of rows) next.set(r.key, { object: r.object, cells: r.cells });
    // The first build has nothing to compare with: no marks on start-up or on switching views.
    if (previous.current.size === 0) marks.current.clear();
    previous.current = next;
  }, [rows, headers]);
  const now = Date.now();
  for (const [k, m] of marks.current) if (now - m.at >= MARK_MS) marks.current.delete(k);
  useEffect(() => {
    if (!marks.current.size) return;
    const oldest = Math.min(...[...marks.current.values()].map((m) => m.at));
    const t = setTimeout(() => setTick((x) => x + 1), Math.max(10, oldest + MARK_MS - Date.now()));
    return () => clearTimeout(t);
  }, [rows, tick]);
  return new Map([...marks.current].map(([k, m]) => [k, m.columns]));
}
