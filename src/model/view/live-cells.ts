import type { Column } from '../columns/column.js';
import type { RowFilter } from './row-filter.js';
import type { LiveKeys } from './table-memo.js';
import { safeCell, sortKeyOf, withLiveCells, type Row } from './table-rows.js';

let lastKeys = 0;

/** Usage texts made in this process (for tests: whether a filter made them or found them made). */
export const liveTextsMade = { count: 0 };

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
        r.liveKey = column.liveSortOf ? column.liveSortOf(r) : sortKeyOf(column, r.object, now);
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
  private readonly liveTextOf = new WeakMap<Row, string>();
  private readonly live: number[];
  // Every character the live cells can hold, in both cases; undefined when a live column does not say.
  private readonly alphabet: Set<string> | undefined;

  constructor(
    private readonly columns: readonly Column[],
    private readonly now: number,
  ) {
    this.live = columns.flatMap((c, i) => (c.live ? [i] : []));
    const chars = this.live.map((i) => columns[i].liveChars);
    this.alphabet = chars.every((c) => c !== undefined) ? new Set([...chars.join('')].flatMap((c) => [c, c.toLowerCase(), c.toUpperCase()])) : undefined;
  }

  /** Whether a live cell could hold the word, as far as its characters go (the regex's case-insensitive match included). */
  private fits(word: string): boolean {
    const alphabet = this.alphabet;
    return !alphabet || [...word].every((c) => alphabet.has(c) || alphabet.has(c.toLowerCase()) || alphabet.has(c.toUpperCase()));
  }

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

  /** The row's live cells alone, joined by newlines: what a filter within one cell reads after the row's own text. */
  liveText(row: Row): string {
    let t = this.liveTextOf.get(row);
    if (t === undefined) {
      liveTextsMade.count++;
      t = '';
      for (const i of this.live) t += (t ? '\n' : '') + safeCell(this.columns[i], row.object, this.now);
      this.liveTextOf.set(row, t);
    }
    return t;
  }

  /**
   * Which rows pass a filter that reads text, their live cells filled in. A match within one cell
   * is looked for in the row's own text first, then in its live cells: no joined text is made, a
   * row its own cells match needs no usage text, and a word with a character no usage figure holds
   * (`checkout`, `Running`) needs none at all (decided once per filter, not per row).
   */
  matcher(filter: RowFilter): (row: Row) => boolean {
    if (!filter.word) return (row) => filter.test(row, this.text(row));
    if (!this.fits(filter.word)) return (row) => filter.test(row);
    return (row) => filter.test(row) || filter.test(row, this.liveText(row));
  }
}
