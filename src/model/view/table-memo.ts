import type { Column } from '../columns/column.js';
import type { KubeObject } from '../types.js';
import { buildRows, sortRows, type Row, type RowCache } from './table-rows.js';

const NONE: Row[] = [];

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

  /** Rows in ascending order of a column (name, then key, breaking ties). */
  ascending(built: readonly Row[], column: number, nameColumn: number): Row[] {
    let sorts = this.sortsOf.get(built);
    if (!sorts) this.sortsOf.set(built, (sorts = new Map()));
    const key = `${column}/${nameColumn}`;
    let sorted = sorts.get(key);
    if (!sorted) sorts.set(key, (sorted = sortRows(built, { column, descending: false }, nameColumn)));
    return sorted;
  }

  private bound(map: Map<string, unknown>): void {
    if (map.size >= this.limit) map.delete(map.keys().next().value!);
  }
}
