import { useMemo, useRef, useSyncExternalStore } from 'react';
import type { Column } from '../../model/columns/column.js';
import { compileFilter, FilterError, narrows } from '../../model/view/row-filter.js';
import { rowHealth, type Health } from '../../model/view/row-health.js';
import { TableMemo } from '../../model/view/table-memo.js';
import type { Row, SortSpec } from '../../model/view/table-rows.js';
import { LiveCells, liveKeys } from '../../model/view/live-cells.js';
import { useIdleWork } from './use-idle-work.js';
import { resourceId } from '../../kube/discovery.js';
import type { WatchCache } from '../../kube/watch-cache.js';
import { useSession } from '../cluster-context.js';
import type { ResourceView } from '../state/ui-state.js';
import { useCache } from './use-cache.js';
import { useMetrics } from './use-metrics.js';
import { useRowPrebuild } from './use-row-prebuild.js';
import { hasBuiltInColumns, viewColumns } from './view-columns.js';
import { likelyNextReady, prebuildViews } from './view-prebuild.js';
import { scopedObjects } from './view-scope.js';

/** What a resource table shows: rows after scope, filter and sort. */
export interface TableModel {
  columns: Column[];
  rows: Row[];
  health: Health[];
  /** Objects before the `/` filter (after a drill-down scope). */
  total: number;
  /** Every row before filtering and sorting; it changes only when the cache does. */
  all: Row[];
  /** The rows built by the last change (objects new or replaced since the previous build). */
  fresh: Row[];
  /** The row of the state an object replaced, while it is still known. */
  previousRow: (row: Row) => Row | undefined;
  sort: SortSpec;
  /** This poll's usage cells of rows (which hold none), when the columns have them. */
  liveCells?: LiveCells;
  cache: WatchCache | undefined;
  namespaced: boolean;
}

/** The default sort of a table: events by last seen (newest first), everything else by name. */
function defaultSort(resource: string, columns: Column[]): SortSpec {
  const last = columns.findIndex((c) => c.name === 'LAST SEEN');
  if (resource === 'events' && last >= 0) return { column: last, descending: true };
  return { column: Math.max(0, columns.findIndex((c) => c.name === 'NAME')), descending: false };
}

/** Rows of a resource view, recomputed only when the cache, the scope, the filter or the sort change. */
export function useRows(view: ResourceView, wide: boolean, visible = true): TableModel {
  const session = useSession();
  const { cache, version, onlyNamespace } = useCache(view.resource, view.namespace);
  const crds = useCache('customresourcedefinitions.apiextensions.k8s.io', undefined);
  const resource = view.resource === 'ingresses' ? session.discovery.ingress() : session.discovery.get(view.resource);
  const namespaced = resource?.namespaced ?? true;
  // CPU and memory columns while metrics.k8s.io answers for this kind (a containers view polls its own pod).
  // Usage is asked for once the objects are in: on a large cluster its pages would compete with the first list.
  const listedOnce = useRef(new WeakSet<WatchCache>()).current;
  if (cache && cache.getState().phase !== 'syncing') listedOnce.add(cache);
  const metrics = useMetrics(view.resource, view.namespace, visible && !!cache && listedOnce.has(cache));
  // Derived data outlives a view, so that coming back to one (all namespaces after one) is a lookup.
  const memo = useRef(new TableMemo()).current;
  const { columns, rows: rowCache, source } = useMemo(() => {
    // `ingresses` stands for whichever Ingress version the server serves; columns go by the real id.
    const id = resource ? resourceId(resource) : view.resource;
    // Custom resources print the columns their CRD declares.
    const object = hasBuiltInColumns(id) ? undefined : crds.cache?.get(undefined, id);
    const crd = object && { object, version: resource?.version, key: `${crds.version}/${resource?.version}` };
    return viewColumns(memo, { id, crd, allNamespaces: namespaced && view.namespace === undefined, wide, metrics });
  }, [view.resource, view.namespace, namespaced, wide, crds.version, resource, metrics]);
  useRowPrebuild(cache, view.resource, columns, rowCache, () => session.now());
  const scoped = useMemo(() => {
    if (!cache) return [];
    return scopedObjects(memo, view, cache, version, onlyNamespace);
  }, [cache, version, view.scope, onlyNamespace]);
  // Rows by object for these columns: after a watch batch only the objects it replaced are read.
  const { built, fresh } = useMemo(() => memo.built(scoped, columns, rowCache, session.now(), source), [scoped, columns, rowCache, source]);
  const previousRow = useMemo(() => (r: Row) => {
    const before = cache?.previousOf(r.object);
    return before ? rowCache.get(before) : undefined;
  }, [cache, rowCache]);
  const sort = view.sort ?? defaultSort(view.resource, columns);
  const nameIndex = Math.max(0, columns.findIndex((c) => c.name === 'NAME'));
  // Descending is ascending read backwards (ties too): reversing the sort costs one pass.
  const viewKey = `${view.resource}|${view.namespace ?? '*'}|${JSON.stringify(view.scope ?? null)}|${columns.length}`;
  // A live column (CPU, MEM...) sorts by this poll's keys, each computed once.
  const sortColumn = columns[sort.column];
  const live = useMemo(() => (sortColumn?.live && metrics ? liveKeys(sortColumn, metrics.stamp, session.now()) : undefined), [sortColumn, metrics?.stamp]);
  const ascending = useMemo(() => memo.ascending(built, sort.column, nameIndex, { view: viewKey, fresh, previousRow }, live), [built, sort.column, nameIndex, live]);
  const sorted = useMemo(() => (sort.descending ? [...ascending].reverse() : ascending), [ascending, sort.descending]);
  // Results of the last filters over these rows: backspace finds its answer here, and typing
  // more of a plain filter only re-tests the rows the shorter one kept.
  // With live columns the text a filter reads is this poll's: its results last one poll.
  // Pending usage has no figures: rows' own texts (empty usage cells) are what a filter reads then.
  const liveCells = useMemo(() => (columns.some((c) => c.live) && !metrics?.pending ? new LiveCells(columns, session.now()) : undefined), [columns]);
  const filterCache = useRef<{ sorted: Row[]; live: LiveCells | undefined; results: Map<string, Row[]> }>({ sorted, live: liveCells, results: new Map() });
  const rows = useMemo(() => {
    if (filterCache.current.sorted !== sorted || filterCache.current.live !== liveCells) filterCache.current = { sorted, live: liveCells, results: new Map() };
    const { results } = filterCache.current;
    const hit = results.get(view.filter);
    if (hit) return hit;
    let from = sorted;
    for (const [f, r] of results) if (r.length < from.length && narrows(f, view.filter)) from = r;
    let out: Row[];
    try {
      const f = compileFilter(view.filter);
      if (!f) out = sorted;
      else if (liveCells && f.readsText) out = from.filter(liveCells.matcher(f));
      else out = from.filter((r) => f.test(r));
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      out = sorted;
    }
    if (results.size >= 32) results.delete(results.keys().next().value!);
    results.set(view.filter, out);
    return out;
  }, [sorted, view.filter, liveCells]);
  // Idle time makes what the next key may ask for: the order of every other column (its first
  // sort is then a lookup) and, with usage columns, this poll's usage texts for a filter.
  useIdleWork(
    visible
      ? function* () {
          // Steps of about a millisecond at 30,000 rows: keys and texts by the thousand rows, a sort by ranks whole.
          const chunks = function* (each: (r: Row) => unknown, size: number) {
            for (let i = 0; i < built.length; i += size) {
              for (let j = i; j < Math.min(built.length, i + size); j++) each(built[j]);
              yield;
            }
          };
          // Each order patched from the last batch's, as the sorted column's is: a busy cluster's batch costs a pass per column, not a sort.
          const change = { view: viewKey, fresh, previousRow };
          for (let c = 0; c < columns.length; c++) {
            if (columns[c].live || memo.hasAscending(built, c, nameIndex)) continue;
            memo.ascending(built, c, nameIndex, change);
            yield;
          }
          if (liveCells && metrics && !metrics.pending) {
            yield* chunks((r) => liveCells.liveText(r), 1000);
            for (let c = 0; c < columns.length; c++) {
              if (!columns[c].live || memo.hasAscending(built, c, nameIndex, metrics.stamp)) continue;
              const keys = liveKeys(columns[c], metrics.stamp, session.now());
              yield* chunks(keys.key, 1000);
              memo.ascending(built, c, nameIndex, change, keys);
              yield;
            }
          }
          // A table of all namespaces: the next key may be a switch to one of them.
          if (cache && namespaced && view.namespace === undefined) {
            cache.indexNamespaces();
            yield;
          }
        }
      : undefined,
    [built, columns, nameIndex, liveCells, visible, wide],
  );
  // After each poll, between keys (not only after a pause): the orders by CPU and MEM (the usage columns sorted by
  // what a row holds), so that a first sort by usage is a lookup, and a watch batch meanwhile stops them (the rows
  // changed); then the rows' usage texts, so that a filter by a word usage could hold reads them (rows keep theirs).
  const latestBuilt = useRef(built);
  latestBuilt.current = built;
  useIdleWork(
    visible && metrics && !metrics.pending && columns.some((c) => c.liveSortOf)
      ? function* () {
          const change = { view: viewKey, fresh, previousRow };
          orders: for (let c = 0; c < columns.length; c++) {
            if (!columns[c].liveSortOf || memo.hasAscending(built, c, nameIndex, metrics.stamp)) continue;
            const keys = liveKeys(columns[c], metrics.stamp, session.now());
            for (let i = 0; i < built.length; i += 2000) {
              for (let j = i; j < Math.min(built.length, i + 2000); j++) keys.key(built[j]);
              yield;
              if (latestBuilt.current !== built) break orders;
            }
            memo.ascending(built, c, nameIndex, change, keys);
            yield;
          }
          if (!liveCells) return;
          for (let i = 0; i < built.length; i += 500) {
            for (let j = i; j < Math.min(built.length, i + 500); j++) liveCells.liveText(built[j]);
            yield;
          }
        }
      : undefined,
    [metrics?.stamp, columns, visible],
    0,
  );
  // The views likely next are made once their caches are in, in steps of a millisecond or two between keys (not
  // only in idle time: a person may go on pressing keys, and the first :deploy would build thousands of rows).
  const listed = !!cache && listedOnce.has(cache);
  const likelyNext = useSyncExternalStore(session.caches.subscribe, () => likelyNextReady(session, view.namespace));
  useIdleWork(visible && listed ? () => prebuildViews(memo, session, view.resource, view.namespace, wide) : undefined, [memo, view.resource, view.namespace, wide, likelyNext, visible, listed], 0);
  // Health is computed once per row (rows are per resource), so a filter keystroke only looks it up.
  const health = useMemo(() => memo.health(rows, (r) => (r.health ??= rowHealth(view.resource, r.object))), [rows, view.resource]);
  return useMemo(() => ({ columns, rows, health, total: scoped.length, all: built, fresh, previousRow, sort, liveCells, cache, namespaced }), [columns, rows, health, scoped.length, built, fresh, previousRow, sort.column, sort.descending, liveCells, cache, namespaced]);
}
