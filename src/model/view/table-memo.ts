import type { Column } from '../columns/column.js';
import type { KubeObject } from '../types.js';
import type { Health } from './row-health.js';
import { buildRows, sortRows, type Row, type RowCache } from './table-rows.js';

const NONE: Row[] = [];

/** What a watch batch did to a view's rows: the rows it built, and the row each replaced. */
export interface RowChange {
  view: string;
  fresh: readonly Row[];
  previousRow: (row: Row) => Row | undefined;
}

/** The previous order with replaced rows swapped for their new rows and new rows appended; undefined if it does not account for every row. */
function patchOrder(last: readonly Row[], built: readonly Row[], change: RowChange): Row[] | undefined {
  if (Math.abs(last.length - built.length) > change.fresh.length || change.fresh.length > built.length / 4) return undefined;
  const current = new Set(built);
  const replaced = new Map<Row, Row>();
  for (const f of change.fresh) {
    const before = change.previousRow(f);
    if (before) replaced.set(before, f);
  }
  const out: Row[] = [];
  // Rows of the previous order are distinct; only the rebuilt ones could be placed twice.
  const placed = new Set<Row>();
  for (const r of last) {
    const now = replaced.get(r);
    if (now === undefined) {
      if (current.has(r)) out.push(r);
    } else if (current.has(now) && !placed.has(now)) {
      out.push(now);
      placed.add(now);
    }
  }
  for (const f of change.fresh) if (!placed.has(f) && current.has(f)) (out.push(f), placed.add(f));
  return out.length === built.length ? out : undefined;
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
  private readonly lastSorted = new Map<string, Row[]>();
  /** How sorts were made: from a patched previous order, or from scratch (for tests and benchmarks). */
  readonly stats = { patched: 0, full: 0 };

  constructor(private readonly limit = 8) {}

  /** The columns for a key (made once), with the row cache that belongs to them. */
  columns(key: string, make: () => Column[]): { columns: Column[]; rows: RowCache } {
    let set = this.columnSets.get(key);
    if (!set) {
      this.bound(this.columnSets);
      this.columnSets.set(key, (set = { columns: make(), rows: new WeakMap() }));
    }
    return set;
  }

  /** The objects a view shows, computed again only when the cache has changed since. */
  scoped(view: string, cache: object, version: number, make: () => KubeObject[]): KubeObject[] {
    const hit = this.scopedByView.get(view);
    if (hit && hit.cache === cache && hit.version === version) return hit.scoped;
    this.scopedByView.delete(view);
    this.bound(this.scopedByView);
    const scoped = make();
    this.scopedByView.set(view, { cache, version, scoped });
    return scoped;
  }

  /** Rows for objects; `fresh` lists the rows built now (none when the whole result is reused). */
  built(scoped: readonly KubeObject[], columns: readonly Column[], rows: RowCache, now: number): { built: Row[]; fresh: Row[] } {
    // By row cache first: the same objects under other columns are other rows.
    let byObjects = this.builtOf.get(rows);
    if (!byObjects) this.builtOf.set(rows, (byObjects = new WeakMap()));
    const hit = byObjects.get(scoped);
    if (hit) return { built: hit, fresh: NONE };
    const fresh: Row[] = [];
    const built = buildRows(scoped, columns, now, rows, (r) => fresh.push(r));
    byObjects.set(scoped, built);
    return { built, fresh };
  }

  /**
   * Rows in ascending order of a column (name, then key, breaking ties). With `change` (the
   * view, and the rows a watch batch rebuilt), the view's previous order is patched and sorted
   * again: nearly sorted input, which the engine's merge sort finishes in about one pass.
   */
  ascending(built: readonly Row[], column: number, nameColumn: number, change?: RowChange): Row[] {
    let sorts = this.sortsOf.get(built);
    if (!sorts) this.sortsOf.set(built, (sorts = new Map()));
    const key = `${column}/${nameColumn}`;
    let sorted = sorts.get(key);
    if (!sorted) {
      const last = change && this.lastSorted.get(`${change.view}|${key}`);
      const patched = last && patchOrder(last, built, change!);
      if (patched) this.stats.patched++;
      else this.stats.full++;
      if (patched) sorted = sortRows(patched, { column, descending: false }, nameColumn);
      else sorted = sortRows(built, { column, descending: false }, nameColumn, column === nameColumn ? undefined : this.ascending(built, nameColumn, nameColumn));
      sorts.set(key, sorted);
    }
    if (change) {
      this.lastSorted.delete(`${change.view}|${key}`);
      this.bound(this.lastSorted);
      this.lastSorted.set(`${change.view}|${key}`, sorted);
    }
    return sorted;
  }

  /** The health of each row, kept per row list (the same rows again: the same array). */
  health(rows: readonly Row[], of: (row: Row) => Health): Health[] {
    let h = this.healthOf.get(rows);
    if (!h) this.healthOf.set(rows, (h = rows.map(of)));
    return h;
  }

  private bound(map: Map<string, unknown>): void {
    if (map.size >= this.limit) map.delete(map.keys().next().value!);
  }
}
