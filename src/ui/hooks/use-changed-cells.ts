import { useEffect, useMemo, useRef, useState } from 'react';
import { changedCells } from '../../model/view/changed-cells.js';
import type { Row } from '../../model/view/table-rows.js';

// Columns whose text moves with the clock, not with the object.
const TIME_COLUMNS = new Set(['AGE', 'LAST SEEN', 'DURATION', 'LAST SCHEDULE', 'FIRST SEEN']);

/** How long a changed cell stays marked. */
export const MARK_MS = 2_000;

/**
 * Which cells changed in the last couple of seconds, by row key and column: the rows a watch
 * batch built are compared with the rows of the states they replaced. A single timeout
 * re-renders when the oldest mark expires; that clears a highlight, it never fetches or polls.
 */
export function useChangedCells(fresh: readonly Row[], previousRow: (row: Row) => Row | undefined, headers: readonly string[]): Map<string, Set<number>> {
  const marks = useRef(new Map<string, { at: number; columns: Set<number> }>());
  const [tick, setTick] = useState(0);
  useMemo(() => {
    const now = Date.now();
    const timeColumns = new Set(headers.flatMap((h, i) => (TIME_COLUMNS.has(h) ? [i] : [])));
    for (const [key, columns] of changedCells(fresh, previousRow, timeColumns)) marks.current.set(key, { at: now, columns });
  }, [fresh, previousRow, headers]);
  const now = Date.now();
  for (const [k, m] of marks.current) if (now - m.at >= MARK_MS) marks.current.delete(k);
  useEffect(() => {
    if (!marks.current.size) return;
    const oldest = Math.min(...[...marks.current.values()].map((m) => m.at));
    const t = setTimeout(() => setTick((x) => x + 1), Math.max(10, oldest + MARK_MS - Date.now()));
    return () => clearTimeout(t);
  }, [fresh, tick]);
  return new Map([...marks.current].map(([k, m]) => [k, m.columns]));
}
