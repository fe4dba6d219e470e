import { useMemo, useSyncExternalStore } from 'react';
import { routesTo } from '../../model/route/routes-to.js';
import { ROUTE_RESOURCES, routesLoading, traceRoute } from '../../model/route/trace-route.js';
import { applyProbes } from '../../model/probe/probe-verdict.js';
import type { RouteTrace } from '../../model/route/route-types.js';
import { rolloutModel, type RolloutModel } from '../../model/rollout/rollout-model.js';
import { sortByCells } from '../../model/view/cell-sort.js';
import { compileFilter, FilterError } from '../../model/view/row-filter.js';
import type { SortSpec } from '../../model/view/table-rows.js';
import { diffRows, rolloutRows } from '../../model/view/rollout-rows.js';
import { HOST_HEADERS, hostRows, ROUTES_TO_HEADERS, routesToRows, traceRows, type RouteRow } from '../../model/view/route-rows.js';
import { useSession } from '../cluster-context.js';
import type { View } from '../state/ui-state.js';
import { usePacedVersion } from './use-paced-version.js';
import { portForwards } from '../../kube/port-forwards.js';
import { FORWARD_HEADERS, forwardRows } from '../forward-rows.js';
import { useCache } from './use-cache.js';
import { useEventsOnDemand } from './use-events-on-demand.js';
import type { KubeObject } from '../../model/types.js';

/** What a view drawn as lines shows (routes, a route, a rollout, a diff): headers, rows after the filter. */
export interface LineModel {
  headers: string[];
  rows: RouteRow[];
  total: number;
  trace?: RouteTrace;
  rollout?: RolloutModel;
  /** A resource the rows read is still loading (an empty view is not empty yet). */
  loading?: boolean;
  /** The sort in force on a table of routes (by host unless the user chose). */
  sort?: SortSpec;
}

const BY_HOST: SortSpec = { column: 0, descending: false };

const noop = () => () => {};

/** What identifies a line view's content (its filter and cursor aside). */
function lineViewKey(view: View): string {
  if (view.type === 'route') return `${view.host}${view.path ?? ''}`;
  if (view.type === 'routes') return JSON.stringify([view.namespace, view.to, view.ingress]);
  if (view.type === 'rollout') return `${view.kind}/${view.namespace}/${view.name}`;
  if (view.type === 'diff') return `${view.namespace}/${view.deployment}/${view.replicaSet}`;
  return '';
}
const zero = () => 0;

function filtered(rows: RouteRow[], filter: string): RouteRow[] {
  try {
    const f = compileFilter(filter);
    return f ? rows.filter((r) => f.test({ key: r.key, uid: r.key, object: r.object ?? {}, cells: r.cells, text: r.cells.join('\n'), sortKeys: [] })) : rows;
  } catch (e) {
    if (e instanceof FilterError) return rows;
    throw e;
  }
}

// What each line view reads: it follows only changes of these.
const ROLLOUT_RESOURCES = ['deployments.apps', 'statefulsets.apps', 'daemonsets.apps', 'replicasets.apps', 'pods', 'events'];
// A forward's pod going away shows in :pf at once.
const FORWARD_RESOURCES = ['pods'];
const WORKLOADS = { Deployment: 'deployments', StatefulSet: 'statefulSets', DaemonSet: 'daemonSets' } as const;

/** The rows of a line view, recomputed when the relation indexes it reads change; undefined for table views. */
export function useLineModel(view: View): LineModel | undefined {
  const session = useSession();
  const indexes = session.indexes;
  const reads = view.type === 'routes' || view.type === 'route' ? ROUTE_RESOURCES : view.type === 'rollout' || view.type === 'diff' ? ROLLOUT_RESOURCES : view.type === 'portforwards' ? FORWARD_RESOURCES : undefined;
  const version = useSyncExternalStore(reads ? indexes.subscribe : noop, reads ? () => indexes.versionOf(reads) : zero);
  // A StatefulSet's or DaemonSet's history is its ControllerRevisions, watched while its rollout view is open.
  const stateful = view.type === 'rollout' && view.kind !== 'Deployment';
  const revisions = useCache(stateful ? 'controllerrevisions.apps' : '', stateful ? view.namespace : undefined);
  // A rollout's events are read in its namespace while it is shown.
  const eventsLoading = useEventsOnDemand(view.type === 'rollout' ? view.namespace : undefined);
  const { shown, measure } = usePacedVersion(version + revisions.version);
  const forwards = view.type === 'portforwards';
  const forwardsVersion = useSyncExternalStore(forwards ? portForwards.subscribe : noop, forwards ? portForwards.getVersion : zero);
  const all = useMemo(() => measure(() => {
    const now = session.now();
    if (view.type === 'route') {
      const traced = traceRoute(indexes, { host: view.host, path: view.path }, now);
      // A probe's results stay on the lines they belong to (node ids are stable while the cluster changes).
      const trace = view.probes ? applyProbes(traced, view.probes) : traced;
      const loading = session.relationsPending() || routesLoading(indexes);
      return { headers: [`ROUTE  ${loading ? 'LOADING…' : trace.verdict.toUpperCase()}`], rows: traceRows(trace), trace, loading };
    }
    if (view.type === 'routes' && view.to) {
      const to = view.to;
      const obj = to.kind === 'Service' ? indexes.services.get(to.namespace, to.name) : indexes.pods.all(to.namespace).find((p) => p.metadata?.name === to.name);
      return { headers: ROUTES_TO_HEADERS, rows: obj ? routesToRows(routesTo(indexes, obj)) : [] };
    }
    if (view.type === 'routes') return { headers: HOST_HEADERS, rows: hostRows(indexes, now, view.namespace, view.ingress), loading: session.relationsPending() || routesLoading(indexes) };
    if (view.type === 'rollout') {
      const w = indexes[WORKLOADS[view.kind]].get(view.namespace, view.name);
      if (!w) return { headers: ['ROLLOUT'], rows: [] };
      const model = rolloutModel(indexes, w, now);
      const crs = stateful ? ((revisions.cache?.list() as KubeObject[] | undefined) ?? []) : undefined;
      return { headers: [`ROLLOUT  ${model.status.error ? 'FAILED' : model.status.done ? 'COMPLETE' : model.stuck ? 'STUCK' : 'IN PROGRESS'}`], rows: rolloutRows(model, now, crs, eventsLoading), rollout: model };
    }
    if (view.type === 'portforwards') return { headers: FORWARD_HEADERS, rows: forwardRows(portForwards.list(), (ns, pod) => indexes.pods.all(ns).some((p) => p.metadata?.name === pod)) };
    if (view.type === 'diff') {
      const d = indexes.deployments.get(view.namespace, view.deployment);
      const current = d ? rolloutModel(indexes, d, now).revisions.find((r) => r.isNew)?.replicaSet : undefined;
      const from = indexes.replicaSets.get(view.namespace, view.replicaSet);
      return { headers: [`TEMPLATE  ${view.replicaSet} → ${current?.metadata?.name ?? '?'} (current)`], rows: diffRows(from, current) };
    }
    return undefined;
  }), [indexes, shown, eventsLoading, view.type, lineViewKey(view), forwardsVersion, view.type === 'route' ? view.probes : undefined]);
  // A list of routes is a table: sortable by any column, HEALTH by severity (broken first).
  const sort = view.type === 'routes' ? (view.sort ?? BY_HOST) : undefined;
  return useMemo(() => {
    if (!all) return undefined;
    const rows = filtered(all.rows, view.filter);
    return { ...all, rows: sort ? sortByCells(rows, all.headers, sort) : rows, total: all.rows.length, sort };
  }, [all, view.filter, sort?.column, sort?.descending]);
}
