import type { KubeObject } from '../types.js';

/** How a column's values compare when the table is sorted by it. */
export type ColumnType = 'string' | 'integer' | 'number' | 'date' | 'ready';

/**
 * One column of a resource table, as `kubectl get` prints it.
 *
 * `text` renders the cell; `sort` gives the typed key used for sorting (ages sort by
 * timestamp, restarts and ready counts numerically). Both are pure and take `now`
 * (epoch milliseconds) so that renderers stay deterministic.
 */
export interface Column {
  name: string;
  type: ColumnType;
  /** 0: shown by default; 1: only in wide output (`kubectl get -o wide`). */
  priority: 0 | 1;
  /** kubectl's column description, served in Table responses. */
  description?: string;
  text(obj: KubeObject, now: number): string;
  sort?(obj: KubeObject, now: number): number | string;
  /**
   * Its cells read more than the object (usage polled from metrics.k8s.io): rows built once per
   * object state do not hold them; the rows on screen, a sort or a filter compute them when asked.
   * Their text is kdrill's own formatting of numbers (never the server's text), so it is not sanitised.
   */
  live?: boolean;
  /**
   * A live column's sort key from the table's row alone, where it needs nothing of the object: a
   * first sort by usage then reads what each row holds (`liveRef`, the column's to keep: its pod's
   * usage object, which later polls reuse), not 30,000 objects' keys or map entries.
   */
  liveSortOf?: (row: LiveRow) => number;
  /**
   * Every character a live cell can hold (its formatter's alphabet, held by a property test): a
   * plain filter with a character outside it cannot match the cell, so the cell is not made for it.
   */
  liveChars?: string;
}

/** What a live column's sort key reads of a table row: its key (`namespace/name`), and what the column keeps on it. */
export interface LiveRow {
  readonly key: string;
  liveRef?: unknown;
}

/** The ordered columns of one kind, NAME first. */
export type ColumnSet = readonly Column[];
