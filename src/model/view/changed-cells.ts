import type { Row } from './table-rows.js';

/**
 * The columns whose text changed because the object changed, per row key: each freshly built
 * row against the row of the state it replaced (`previousOf`), so a watch batch costs what it
 * changed, not the size of the table. Columns that change with the clock alone (AGE, LAST
 * SEEN...) are given in `timeColumns` and not marked.
 */
export function changedCells(fresh: readonly Row[], previousOf: (row: Row) => Row | undefined, timeColumns: ReadonlySet<number> = new Set()): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const r of fresh) {
    const before = previousOf(r);
    if (!before || before.object === r.object) continue;
    let columns: Set<number> | undefined;
    for (let i = 0; i < r.cells.length; i++) if (!timeColumns.has(i) && r.cells[i] !== before.cells[i]) (columns ??= new Set()).add(i);
    if (columns) out.set(r.key, columns);
  }
  return out;
}
