import type { Column } from '../columns/column.js';
import type { KubeObject } from '../types.js';
import type { Health } from './row-health.js';
import { buildRows, sortRows, type Row, type RowCache, type RowSource } from './table-rows.js';

const NONE: Row[] = [];
// Orders kept to patch after the next watch batch, by view and column.
const LAST_ORDERS = 64;

/** Sorts made in this process by every TableMemo (for tests and benchmarks: whether a key sorted or looked up). */
export const sortCounts = { full: 0, patched: 0, live: 0 };

/** Keys of a live column (usage), computed per poll: `version` names the poll. */
export interface LiveKeys {
  version: number;
  key: (row: Row) => string | number;
}

/** What a watch batch did to a view's rows: the rows it built, and the row each replaced. */
export interface RowChange {
  view: string;
  fresh: readonly Row[];
  previousRow: (row: Row) => Row | undefined;
}

/**
 * The previous order with replaced rows swapped for their new rows and new rows appended;
 * undefined if it does not account for every row. `moved`: whether any row may now be out of
 * place (a new row, or a changed key in `column`); if none is, the order is already sorted.
 * `mark` is this patch's own (each column's order of a build is patched apart).
 */
function patchOrder(last: readonly Row[], built: readonly Row[], stamp: number, change: RowChange, key: (row: Row) => string | number, mark: number): { order: Row[]; moved: boolean } | undefined {
  if (Math.abs(last.length - built.length) > change.fresh.length || change.fresh.length > built.length / 4) return undefined;
  // Marks instead of sets: a batch touches a few rows of many, and this runs on every batch.
  let moved = false;
  for (const f of change.fresh) {
    const before = change.previousRow(f);
    if (before) before.next = f;
    if (!before || key(before) !== key(f)) moved = true;
  }
  const out: Row[] = [];
  for (const r of last) {
    const now = r.next ?? r;
    if (now.stamp === stamp && now.placed !== mark) {
      // Replaced in an earlier batch than this one (an order older than the last build, as idle work
      // cut short leaves one): this batch's rows do not say whether its key moved.
      if (now !== r && !moved && key(now) !== key(r)) moved = true;
      out.push(now);
      now.placed = mark;
    }
  }
  for (const f of change.fresh) if (f.stamp === stamp && f.placed !== mark) (out.push(f), (f.placed = mark), (moved = true));
  return out.length === built.length ? { order: out, moved } : undefined;
}

/**
 * A table's derived data kept across view switches: columns by their key, the objects in
 * scope by view and cache version, rows by object, ascending sorts by column. Going back to
 * a 30,000-row view that has not changed meanwhile then costs lookups, not a rebuild and a sort.
 */
export class TableMemo {
  private readonly columnSets = new Map<string, { columns: Column[]; rows: RowCache }>();
  private readonly scopedByView = new Map<string, { cache: object; version: number; scoped: KubeObject[] }>();
  private readonly builtOf = new WeakMap<RowCache, WeakMap<readonly KubeObject[], Row[]>>();
  private readonly sortsOf = new WeakMap<readonly Row[], Map<string, Row[]>>();
  private readonly healthOf = new WeakMap<readonly Row[], Health[]>();
  private readonly lastSorted = new Map<string, { order: Row[]; version?: number }>();
  private readonly stampOf = new WeakMap<readonly Row[], number>();
  private readonly versionOf = new WeakMap<readonly Row[], number>();
  private stamp = 0;
  private marks = 0;
  /** How sorts were made (from a patched previous order, or from scratch), and how many rows were built (for tests and benchmarks). */
  readonly stats = { patched: 0, full: 0, rowsBuilt: 0 };

  constructor(private readonly limit = 8) {}

  /** The columns for a key (made once), with the row cache that belongs to them. */
  columns(key: string, make: () => Column[]): { columns: Column[]; rows: RowCache } {
    let set = this.columnSets.get(key);
    if (set) this.columnSets.delete(key);
    else {
      this.bound(this.columnSets);
      set = { columns: make(), rows: new WeakMap() };
    }
    // Last used, last evicted: the views a person goes back and forth between stay.
    this.columnSets.set(key, set);
    return set;
  }

  /** The columns made for a key, if they are still held (nothing is made). */
  peekColumns(key: string): { columns: Column[]; rows: RowCache } | undefined {
    return this.columnSets.get(key);
  }

  /** The objects a view shows, computed again only when the cache has changed since. */
  scoped(view: string, cache: object, version: number, make: () => KubeObject[]): KubeObject[] {
    const hit = this.scopedByView.get(view);
    this.scopedByView.delete(view);
    if (hit && hit.cache === cache && hit.version === version) {
      this.scopedByView.set(view, hit);
      return hit.scoped;
    }
    this.bound(this.scopedByView);
    const scoped = make();
    this.scopedByView.set(view, { cache, version, scoped });
    return scoped;
  }

  /** Rows for objects; `fresh` lists the rows built now (none when the whole result is reused). */
  built(scoped: readonly KubeObject[], columns: readonly Column[], rows: RowCache, now: number, source?: RowSource): { built: Row[]; fresh: Row[] } {
    // By row cache first: the same objects under other columns are other rows.
    let byObjects = this.builtOf.get(rows);
    if (!byObjects) this.builtOf.set(rows, (byObjects = new WeakMap()));
    const hit = byObjects.get(scoped);
    if (hit) return { built: hit, fresh: NONE };
    const fresh: Row[] = [];
    const built = buildRows(scoped, columns, now, rows, (r) => fresh.push(r), source);
    this.stats.rowsBuilt += fresh.length;
    byObjects.set(scoped, built);
    // Which build a row belongs to, so that patching a sort needs no set of 30,000 rows.
    const stamp = ++this.stamp;
    for (const r of built) r.stamp = stamp;
    this.stampOf.set(built, stamp);
    return { built, fresh };
  }

  /**
   * Rows in ascending order of a column (name, then key, breaking ties). With `change` (the
   * view, and the rows a watch batch rebuilt), the view's previous order is patched and sorted
   * again: nearly sorted input, which the engine's merge sort finishes in about one pass.
   * A live column (`live`: usage) sorts by this poll's keys; a new poll sorts it from scratch.
   */
  ascending(built: readonly Row[], column: number, nameColumn: number, change?: RowChange, live?: LiveKeys): Row[] {
    let sorts = this.sortsOf.get(built);
    if (!sorts) this.sortsOf.set(built, (sorts = new Map()));
    const key = `${column}/${nameColumn}`;
    // One order per live column, that of the latest poll asked for.
    const memoKey = live ? `${key}@live` : key;
    let sorted = sorts.get(memoKey);
    if (sorted && live && this.versionOf.get(sorted) !== live.version) sorted = undefined;
    if (!sorted) {
      const last = change && this.lastSorted.get(`${change.view}|${key}`);
      const keyOf = live?.key ?? ((r: Row) => r.sortKeys[column]);
      const patched = last && last.version === live?.version && patchOrder(last.order, built, this.stampOf.get(built) ?? -1, change!, keyOf, ++this.marks);
      if (patched) (this.stats.patched++, sortCounts.patched++);
      else (this.stats.full++, sortCounts.full++);
      if (live) sortCounts.live++;
      // Rows whose keys did not change keep their places: no sort at all (a busy cluster's usual batch).
      if (patched) sorted = patched.moved ? sortRows(patched.order, { column, descending: false }, nameColumn, undefined, live?.key) : patched.order;
      else sorted = sortRows(built, { column, descending: false }, nameColumn, column === nameColumn ? undefined : this.ascending(built, nameColumn, nameColumn), live?.key);
      sorts.set(memoKey, sorted);
      if (live) this.versionOf.set(sorted, live.version);
    }
    if (change) {
      this.lastSorted.delete(`${change.view}|${key}`);
      // Every column of a few views: idle time keeps each column's order patched batch by batch.
      this.bound(this.lastSorted, LAST_ORDERS);
      this.lastSorted.set(`${change.view}|${key}`, { order: sorted, version: live?.version });
    }
    return sorted;
  }

  /** Whether the ascending order of a column of these rows is already made (for a live column: from this poll's keys), so idle work need not make it. */
  hasAscending(built: readonly Row[], column: number, nameColumn: number, liveVersion?: number): boolean {
    const sorted = this.sortsOf.get(built)?.get(`${column}/${nameColumn}${liveVersion === undefined ? '' : '@live'}`);
    return !!sorted && (liveVersion === undefined || this.versionOf.get(sorted) === liveVersion);
  }

  /** The health of each row, kept per row list (the same rows again: the same array). */
  health(rows: readonly Row[], of: (row: Row) => Health): Health[] {
    let h = this.healthOf.get(rows);
    if (!h) this.healthOf.set(rows, (h = rows.map(of)));
    return h;
  }

  private bound(map: Map<string, unknown>, limit = this.limit): void {
    if (map.size >= limit) map.delete(map.keys().next().value!);
  }
}
