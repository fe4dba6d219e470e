import type { Column, ColumnSet } from '../columns/column.js';
import { sanitize } from '../sanitize.js';
import type { KubeObject } from '../types.js';
import type { Health } from './row-health.js';
import { sortByKey } from './key-sort.js';
import { flatKey } from '../flat-key.js';

/** One table row: the object, its sanitised cells, and the keys it sorts by. */
export interface Row {
  key: string;
  uid: string;
  object: KubeObject;
  cells: string[];
  /** The cells joined by newlines, for filtering with one multiline regex test per row. */
  text: string;
  sortKeys: (string | number)[];
  /** The row's health, once a table has asked (rows belong to one resource's columns). */
  health?: Health;
  /** Bookkeeping of TableMemo's sort patching: the last build holding the row, the row that replaced it, the last patch that placed it. */
  stamp?: number;
  next?: Row;
  placed?: number;
  /** The key of a live column (usage) last asked for, and which poll and column it belongs to (see liveKeys). */
  liveKey?: string | number;
  liveOf?: number;
  /** What a live column keeps on the row to find its figures again (see Column.liveSortOf). */
  liveRef?: unknown;
}

/** How the table is sorted: a column index and a direction. */
export interface SortSpec {
  column: number;
  descending: boolean;
}

/** The NAMESPACE column kubectl adds with `-A`. */
export const namespaceColumn: Column = {
  name: 'NAMESPACE',
  type: 'string',
  priority: 0,
  text: (o) => String(o?.metadata?.namespace ?? ''),
};

/** The columns a table shows: NAMESPACE when all namespaces are shown, wide columns when asked. */
export function visibleColumns(set: ColumnSet, allNamespaces: boolean, wide: boolean | ((c: Column) => boolean)): Column[] {
  const include = (c: Column) => c.priority === 0 || (typeof wide === 'function' ? wide(c) : wide);
  return [...(allNamespaces ? [namespaceColumn] : []), ...set.filter(include)];
}

/** A cell's text, made safe for the terminal; `<unknown>` when the column cannot read the object. */
export function safeCell(c: Column, o: KubeObject, now: number): string {
  try {
    // A live column prints figures kdrill formats itself (see Column.live): nothing to make safe.
    return c.live ? c.text(o, now) : sanitize(c.text(o, now), true);
  } catch {
    return '<unknown>';
  }
}

function safeSort(c: Column, o: KubeObject, now: number, text: string): string | number {
  if (!c.sort) return collationKey(text);
  try {
    const key = c.sort(o, now);
    return typeof key === 'number' ? key : collationKey(key);
  } catch {
    return collationKey(text);
  }
}

/** The key a column sorts an object by, computed now (for live columns, whose keys rows do not keep). */
export function sortKeyOf(c: Column, o: KubeObject, now: number): string | number {
  if (c.sort) {
    try {
      const key = c.sort(o, now);
      return typeof key === 'number' ? key : collationKey(key);
    } catch {
      // As a column without a key: by its text.
    }
  }
  return collationKey(safeCell(c, o, now));
}

/**
 * A string that orders by plain comparison as a numeric, case-insensitive collation would:
 * `app-2` before `app-10`. Computed once per row, so a sort of 30,000 rows compares strings
 * with `<` instead of calling a collator half a million times.
 */
export function collationKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, (d) => {
    const digits = d.replace(/^0+(?=\d)/, '');
    // The length first, so that longer numbers sort after shorter ones whatever their digits.
    return String.fromCharCode(0x30 + Math.min(digits.length, 0x2f)) + digits;
  });
}

/** Rows by object: an object the watch cache has not replaced keeps the row built for it. */
export type RowCache = WeakMap<KubeObject, Row>;

/** Rows made in this process, built from objects or picked from another table's rows (for tests and benchmarks: what a poll or a key cost). */
export const rowBuilds = { count: 0, picked: 0 };

/**
 * Builds one row. A live column's cell (usage from metrics.k8s.io) is left empty and its key 0:
 * they change with every poll, not with the object, and are computed when shown or sorted by.
 */
export function buildRow(o: KubeObject, columns: readonly Column[], now: number): Row {
  rowBuilds.count++;
  const cells = columns.map((c) => (c.live ? '' : safeCell(c, o, now)));
  return {
    key: flatKey(o?.metadata?.namespace ?? '', o?.metadata?.name ?? ''),
    uid: String(o?.metadata?.uid ?? `${o?.metadata?.namespace}/${o?.metadata?.name}`),
    object: o,
    cells,
    text: cells.join('\n'),
    sortKeys: columns.map((c, i) => (c.live ? 0 : safeSort(c, o, now, cells[i]))),
    // Every field from the start: rows keep one shape, so the loops over 30,000 of them stay fast.
    health: undefined,
    stamp: undefined,
    next: undefined,
    placed: undefined,
    liveKey: undefined,
    liveOf: undefined,
    liveRef: undefined,
  };
}

/** Rows of other columns whose cells these columns reuse: `picks[i]` is the other row's cell for column i (-1: a live column). */
export interface RowSource {
  rows: RowCache;
  picks: readonly number[];
}

/**
 * Where each of `target`'s columns is in `source` (-1 for live ones, which rows leave empty), or
 * undefined if a column is missing: the same table with and without usage columns shares the rest.
 */
export function columnPicks(source: readonly Column[], target: readonly Column[]): number[] | undefined {
  const picks = target.map((c) => (c.live ? -1 : source.indexOf(c)));
  return picks.every((p, i) => p >= 0 || target[i].live) ? picks : undefined;
}

/** A row for other columns made from a row's cells and keys (no column read again). */
export function pickRow(row: Row, picks: readonly number[]): Row {
  rowBuilds.picked++;
  const cells = picks.map((p) => (p < 0 ? '' : row.cells[p]));
  return { ...row, cells, text: cells.join('\n'), sortKeys: picks.map((p) => (p < 0 ? 0 : row.sortKeys[p])), stamp: undefined, next: undefined, placed: undefined, liveKey: undefined, liveOf: undefined };
}

/**
 * Rows for objects, reusing those in `cache` (which must belong to the same columns): after a
 * watch batch only the changed objects are read again. Reused rows keep the clock-dependent
 * cells (AGE...) of when they were built; `withFreshClock` renews them for the rows on screen.
 * With `source`, an object's row for the other columns is reused for its shared cells.
 */
export function buildRows(objects: readonly KubeObject[], columns: readonly Column[], now: number, cache?: RowCache, onBuilt?: (row: Row) => void, source?: RowSource): Row[] {
  const out = new Array<Row>(objects.length);
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i];
    let row = cache?.get(o);
    if (!row) {
      const other = source?.rows.get(o);
      row = other ? pickRow(other, source!.picks) : buildRow(o, columns, now);
      cache?.set(o, row);
      onBuilt?.(row);
    }
    out[i] = row;
  }
  return out;
}

/** Whether a column's text moves with the clock (its text reads `now`: AGE, LAST SEEN, RESTARTS' "5m ago"). */
export function readsClock(c: Column): boolean {
  return c.type === 'date' || c.text.length >= 2;
}

/**
 * A row's cells with the clock-dependent ones computed again at `now` (for the few rows on
 * screen), and the live ones too unless `from` (the row's cells with the live ones) has them.
 */
export function withFreshClock(row: Row, columns: readonly Column[], now: number, from?: readonly string[]): string[] {
  const base = from ?? row.cells;
  let cells = base as string[];
  for (let i = 0; i < columns.length; i++) {
    if (!(columns[i].live && !from) && !readsClock(columns[i])) continue;
    const fresh = safeCell(columns[i], row.object, now);
    if (fresh !== cells[i]) {
      if (cells === base) cells = [...cells];
      cells[i] = fresh;
    }
  }
  return cells;
}

/** A row's cells with its live ones (usage) filled in from `columns`, the clock ones as built. */
export function withLiveCells(row: Row, columns: readonly Column[], now: number): string[] {
  let cells = row.cells;
  for (let i = 0; i < columns.length; i++) {
    if (!columns[i].live) continue;
    if (cells === row.cells) cells = [...cells];
    cells[i] = safeCell(columns[i], row.object, now);
  }
  return cells;
}

const compare = (a: string | number, b: string | number) => (typeof a === 'number' && typeof b === 'number' ? a - b : a < b ? -1 : a > b ? 1 : 0);

/**
 * Sorts rows by a column with its typed key (ages by timestamp, counts numerically), name as
 * tie-break. Given the rows already in name order (`byName`), it sorts those by the column
 * alone: the sort is stable, so ties keep name order, for far fewer string comparisons.
 */
export function sortRows(rows: readonly Row[], spec: SortSpec, nameColumn: number, byName?: readonly Row[], keyOf?: (row: Row) => string | number): Row[] {
  const dir = spec.descending ? -1 : 1;
  const c = spec.column;
  if (byName && !spec.descending && c !== nameColumn) return sortByKey(byName, keyOf ?? ((r) => r.sortKeys[c]));
  const key = keyOf ?? ((r: Row) => r.sortKeys[c]);
  return [...rows].sort((x, y) => compare(key(x), key(y)) * dir || compare(x.sortKeys[nameColumn], y.sortKeys[nameColumn]) || compare(x.key, y.key));
}
