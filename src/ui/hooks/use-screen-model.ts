import { useMemo, useRef } from 'react';
import type { KubeObject } from '../../model/types.js';
import { containerHeaders, containerRows } from '../../model/view/container-rows.js';
import type { Health } from '../../model/view/row-health.js';
import type { RouteRow } from '../../model/view/route-rows.js';
import { sortByCells } from '../../model/view/cell-sort.js';
import { compileFilter, FilterError } from '../../model/view/row-filter.js';
import { withFreshClock, type Row, type SortSpec } from '../../model/view/table-rows.js';
import type { ResourceView, View } from '../state/ui-state.js';
import { useChangedCells } from './use-changed-cells.js';
import { useLineModel } from './use-line-model.js';
import { useMetrics } from './use-metrics.js';
import { useRows } from './use-rows.js';
import { useSession } from '../cluster-context.js';

// The resource view behind route screens: namespaces, a small cache every session holds anyway.
const IDLE_VIEW: ResourceView = { type: 'resources', resource: 'namespaces', namespace: undefined, title: '', filter: '' };

/** What the current screen's table shows, whatever the view: cells, health, and the object behind each row. */
export interface ScreenModel {
  headers: string[];
  cells: string[][];
  health: Health[];
  keys: string[];
  objects: KubeObject[];
  total: number;
  loading: boolean;
  /** The sort in force (the view's, else the kind's default), for keys that change it. */
  sort?: SortSpec;
  /** Why the view's list cannot be had (forbidden), if so. */
  failed?: string;
  /** Columns of each row key that changed a moment ago. */
  changed: Map<string, Set<number>>;
  /** The rows of a routes or route view (what Enter opens, the node behind each line). */
  routeRows?: RouteRow[];
  /** A row's cells with its clock columns (AGE...) as of now: rows are built once per object state. */
  fresh?: (index: number) => readonly string[];
}

const NO_CHANGES = new Map<string, Set<number>>();

/** The table model of a view; a containers view reads its pod from the shared pods cache. */
export function useScreenModel(view: View, wide: boolean, visible = true): ScreenModel {
  // Every view calls the same hooks (React needs a fixed order); the ones not in use do no work.
  const resourceView: ResourceView =
    view.type === 'resources'
      ? view
      : view.type === 'containers'
        ? { type: 'resources', resource: 'pods', namespace: view.namespace, title: view.title, scope: { kind: 'names', names: [view.pod] }, filter: '' }
        : IDLE_VIEW;
  const session = useSession();
  const screenArrays = useRef(new WeakMap<readonly Row[], { cells: string[][]; keys: string[]; objects: KubeObject[] }>()).current;
  const t = useRows(resourceView, wide, visible && view.type === 'resources');
  // A containers view polls its one pod's usage.
  const podMetrics = useMetrics('pods', resourceView.namespace, visible && view.type === 'containers', view.type === 'containers' ? view.pod : undefined);
  const routes = useLineModel(view);
  const headerNames = useMemo(() => t.columns.map((c) => c.name), [t.columns]);
  // Only the rows a watch batch rebuilt are compared: not every row, and not on each keystroke.
  const changed = useChangedCells(t.fresh, t.previousRow, headerNames);
  const pod = view.type === 'containers' ? t.rows[0]?.object : undefined;
  const containerFilter = view.type === 'containers' ? view.filter : '';
  const containerSort = view.type === 'containers' ? view.sort : undefined;
  // The cache's state is read each render: a list refused or synced empty changes no row.
  const phase = t.cache?.getState();
  const base = useMemo(() => {
    const loading = !phase || phase.phase === 'syncing';
    const failed = phase?.phase === 'forbidden' ? `cannot list ${view.type === 'resources' ? view.title : 'pods'}: ${phase.reason}` : undefined;
    if (view.type === 'resources') {
      // One pass over what can be 30,000 rows, once per row list: a filter keystroke makes a new
      // one, and going back to a view (all namespaces again) finds its arrays here.
      let made = screenArrays.get(t.rows);
      if (!made) {
        const n = t.rows.length;
        made = { cells: new Array<string[]>(n), keys: new Array<string>(n), objects: new Array<KubeObject>(n) };
        for (let i = 0; i < n; i++) {
          const r = t.rows[i];
          made.cells[i] = r.cells;
          made.keys[i] = r.key;
          made.objects[i] = r.object;
        }
        screenArrays.set(t.rows, made);
      }
      const { cells, keys, objects } = made;
      const fresh = (i: number) => withFreshClock(t.rows[i], t.columns, session.now(), t.liveCells?.cells(t.rows[i]));
      return { headers: t.columns.map((c) => c.name), cells, health: t.health, keys, objects, total: t.total, loading, failed, fresh, sort: t.sort };
    }
    const usage = podMetrics && !podMetrics.pending && pod ? podMetrics.pods.get(`${pod.metadata?.namespace}/${pod.metadata?.name}`) ?? { cpuMilli: 0, memBytes: 0, containers: new Map() } : undefined;
    let rows = pod ? containerRows(pod, session.now(), usage) : [];
    try {
      const f = compileFilter(containerFilter);
      if (f) rows = rows.filter((r) => f.test({ key: r.key, uid: r.key, object: pod!, cells: r.cells, text: r.cells.join('\n'), sortKeys: [] }));
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
    }
    // Containers come in the pod's order until the user sorts them.
    const headers = containerHeaders(!!usage);
    rows = sortByCells(rows, headers, containerSort);
    return { sort: containerSort, headers, cells: rows.map((r) => r.cells), health: rows.map((r) => r.health), keys: rows.map((r) => r.key), objects: rows.map(() => pod!), total: pod ? containerRows(pod, session.now()).length : 0, loading, failed };
  }, [t, view.type, pod, containerFilter, containerSort?.column, containerSort?.descending, phase, podMetrics]);
  return useMemo(() => {
    if (routes) {
      const { rows } = routes;
      return { headers: routes.headers, cells: rows.map((r) => r.cells), health: rows.map((r) => r.health), keys: rows.map((r) => r.key), objects: rows.map((r) => r.object) as KubeObject[], total: routes.total, loading: !!routes.loading, changed: NO_CHANGES, routeRows: rows, sort: routes.sort };
    }
    return { ...base, changed: view.type === 'resources' ? changed : NO_CHANGES };
  }, [base, changed, view.type, routes]);
}
