import type { Column } from '../columns/column.js';
import type { LiveKeys } from './table-memo.js';
import { sortKeyOf, withLiveCells, type Row } from './table-rows.js';

let lastKeys = 0;

/**
 * This poll's sort keys of a live column (usage), each computed once, when a sort asks. A row
 * holds the last such key it was asked for (one field read, where a map of 30,000 rows costs
 * milliseconds), marked with the LiveKeys it belongs to.
 */
export function liveKeys(column: Column, version: number, now: number): LiveKeys {
  const id = ++lastKeys;
  return {
    version,
    key: (r) => {
      if (r.liveOf !== id) {
        r.liveKey = column.liveSortByKey ? column.liveSortByKey(r.key) : sortKeyOf(column, r.object, now);
        r.liveOf = id;
      }
      return r.liveKey!;
    },
  };
}

/**
 * A poll's live cells (usage) of rows that hold none: for the rows on screen, and the text a
 * filter reads (all cells, as the row's own text would be). Each is computed once per poll, when
 * first asked; a new poll comes with new columns and a new LiveCells.
 */
export class LiveCells {
  private readonly cellsOf = new WeakMap<Row, string[]>();
  private readonly textOf = new WeakMap<Row, string>();

  constructor(
    private readonly columns: readonly Column[],
    private readonly now: number,
  ) {}

  /** The row's cells with its live ones filled in (the clock ones as built). */
  cells(row: Row): string[] {
    let c = this.cellsOf.get(row);
    if (!c) this.cellsOf.set(row, (c = withLiveCells(row, this.columns, this.now)));
    return c;
  }

  /** The row's text for a filter: every cell, the live ones included, joined by newlines. */
  text(row: Row): string {
    let t = this.textOf.get(row);
    if (t === undefined) this.textOf.set(row, (t = withLiveCells(row, this.columns, this.now).join('\n')));
    return t;
  }

  /** Whether the text of a row is made already (idle work skips it). */
  hasText(row: Row): boolean {
    return this.textOf.has(row);
  }
}
