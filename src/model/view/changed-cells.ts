import type { Row } from './table-rows.js';

/** What a row looked like at the previous build. */
export interface PreviousRow {
  object: unknown;
  cells: readonly string[];
}

/**
 * The columns whose text changed because the object changed, per row key. Columns that
 * change with the clock alone (AGE, LAST SEEN...) are given in `timeColumns` and not marked.
 */
export function changedCells(previous: ReadonlyMap<string, PreviousRow>, rows: readonly Row[], timeColumns: ReadonlySet<number> = new Set()): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const r of rows) {
    const before = previous.get(r.key);
    if (!before || before.object === r.object) continue;
    let columns: Set<number> | undefined;
    for (let i = 0; i < r.cells.length; i++) if (!timeColumns.has(i) && r.cells[i] !== before.cells[i]) (columns ??= new Set()).add(i);
    if (columns) out.set(r.key, columns);
  }
  return out;
}
