import { useMemo, useSyncExternalStore } from 'react';
import { routesTo } from '../../model/route/routes-to.js';
import { ROUTE_RESOURCES, traceRoute } from '../../model/route/trace-route.js';
import type { RouteTrace } from '../../model/route/route-types.js';
import { compileFilter, FilterError } from '../../model/view/row-filter.js';
import { HOST_HEADERS, hostRows, ROUTES_TO_HEADERS, routesToRows, traceRows, type RouteRow } from '../../model/view/route-rows.js';
import { useSession } from '../cluster-context.js';
import type { View } from '../state/ui-state.js';
import { usePacedVersion } from './use-paced-version.js';

/** What a routes or route view shows: headers, rows after the filter, and the trace behind a route view. */
export interface RouteModel {
  headers: string[];
  rows: RouteRow[];
  total: number;
  trace?: RouteTrace;
}

const noop = () => () => {};
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

/** The rows of a routes or route view, recomputed when the relation indexes change; undefined for other views. */
export function useRouteModel(view: View): RouteModel | undefined {
  const session = useSession();
  const indexes = session.indexes;
  const active = view.type === 'routes' || view.type === 'route';
  const version = useSyncExternalStore(active ? indexes.subscribe : noop, active ? () => indexes.versionOf(ROUTE_RESOURCES) : zero);
  const { shown, measure } = usePacedVersion(version);
  const all = useMemo(() => measure(() => {
    const now = Date.now();
    if (view.type === 'route') {
      const trace = traceRoute(indexes, { host: view.host, path: view.path }, now);
      return { headers: [`ROUTE  ${trace.verdict.toUpperCase()}`], rows: traceRows(trace), trace };
    }
    if (view.type === 'routes' && view.to) {
      const to = view.to;
      const obj = to.kind === 'Service' ? indexes.services.get(to.namespace, to.name) : indexes.pods.all(to.namespace).find((p) => p.metadata?.name === to.name);
      return { headers: ROUTES_TO_HEADERS, rows: obj ? routesToRows(routesTo(indexes, obj)) : [] };
    }
    if (view.type === 'routes') return { headers: HOST_HEADERS, rows: hostRows(indexes, now, view.namespace, view.ingress) };
    return undefined;
  }), [indexes, shown, view.type, view.type === 'route' ? `${view.host}${view.path ?? ''}` : view.type === 'routes' ? JSON.stringify([view.namespace, view.to, view.ingress]) : '']);
  return useMemo(() => (all ? { ...all, rows: filtered(all.rows, view.filter), total: all.rows.length } : undefined), [all, view.filter]);
}
