import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import { readRoute } from '../gateway/gateway-shape.js';
import { readIngress } from '../ingress-shape.js';
import { lineText, routeLines } from '../route/route-lines.js';
import type { RouteEntry } from '../route/routes-to.js';
import type { Health as RouteHealth, RouteNode, RouteTrace } from '../route/route-types.js';
import { routesLoading, traceRoute } from '../route/trace-route.js';
import { sanitize } from '../sanitize.js';
import type { KubeObject } from '../types.js';
import type { Health } from './row-health.js';

/** One row of a route screen: cells, health, and the object behind it (for the detail pane). */
export interface RouteRow {
  key: string;
  cells: string[];
  health: Health;
  object?: KubeObject;
  /** What Enter opens: a host (and path) to trace. */
  target?: { host: string; path?: string };
  /** The route node behind a line of a traced route. */
  node?: RouteNode;
}

/** Headers of the hosts table (`:routes`). */
export const HOST_HEADERS = ['HOST', 'PATHS', 'INGRESS', 'NAMESPACE', 'BACKENDS', 'HEALTH'];

/** Headers of the "who routes here" table. */
export const ROUTES_TO_HEADERS = ['HOST', 'PATH', 'PATHTYPE', 'INGRESS', 'NAMESPACE', 'SERVICE', 'PORT'];

const ROW_HEALTH: Record<RouteHealth, Health> = { ok: 'ok', info: 'ok', warning: 'warn', error: 'error' };
// While a resource a route reads is still loading, no verdict is given: it would blame what is not known yet.
const LOADING = 'loading…';
const VERDICT_HEALTH: Record<RouteTrace['verdict'] | typeof LOADING, Health> = { healthy: 'ok', degraded: 'warn', broken: 'error', unrouted: 'error', [LOADING]: 'done' };
const uniq = (xs: string[]) => [...new Set(xs)];

/** Every host pattern of every Ingress (in a namespace, or all), with its paths, backends and route verdict. */
export function hostRows(indexes: ClusterIndexes, now: number, namespace?: string, ingress?: { namespace: string; name: string }): RouteRow[] {
  const rows: RouteRow[] = [];
  const loading = routesLoading(indexes);
  const wanted = (i: KubeObject) => (namespace === undefined || i.metadata?.namespace === namespace) && (!ingress || (i.metadata?.namespace === ingress.namespace && i.metadata?.name === ingress.name));
  for (const host of indexes.ingresses.hosts()) {
    const ings = indexes.ingresses.withPattern(host).filter(wanted);
    if (ings.length === 0) continue;
    const rules = ings.flatMap((i) => readIngress(i).rules.filter((r) => r.host === host));
    const paths = uniq(rules.flatMap((r) => r.paths.map((p) => p.path || '/')));
    const backends = uniq(rules.flatMap((r) => r.paths.map((p) => (p.backend.service ? `${p.backend.service.name}:${p.backend.service.port.name ?? p.backend.service.port.number}` : (p.backend.resource?.kind ?? '?')))));
    const verdict = loading ? LOADING : traceRoute(indexes, { host, namespace, summary: true }, now).verdict;
    rows.push({
      key: host,
      cells: [host, paths.join(','), uniq(ings.map((i) => String(i.metadata?.name))).join(','), uniq(ings.map((i) => String(i.metadata?.namespace))).join(','), backends.join(','), verdict].map((c) => sanitize(c, true)),
      health: VERDICT_HEALTH[verdict],
      object: ings[0],
      target: { host },
    });
  }
  if (!ingress) rows.push(...gatewayHostRows(indexes, now, loading, namespace));
  return rows.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** The hostnames Gateway API routes claim (in a namespace, or all), with their rule paths, backends and verdict. */
function gatewayHostRows(indexes: ClusterIndexes, now: number, loading: boolean, namespace?: string): RouteRow[] {
  const rows: RouteRow[] = [];
  for (const host of indexes.gateway.hosts()) {
    const routes = indexes.gateway.withHostname(host).filter((r) => namespace === undefined || r.metadata?.namespace === namespace).map(readRoute);
    if (routes.length === 0) continue;
    const rules = routes.flatMap((r) => r.rules);
    const paths = uniq(rules.flatMap((r) => r.matches.map((m) => m.path)));
    const backends = uniq(rules.flatMap((r) => r.backendRefs.map((b) => `${b.name}:${b.port ?? '?'}${b.weight !== 1 ? ` (${b.weight})` : ''}`)));
    const verdict = loading ? LOADING : traceRoute(indexes, { host, namespace, summary: true }, now).verdict;
    rows.push({
      key: `${host} (gateway)`,
      cells: [host, paths.join(','), uniq(routes.map((r) => `${r.kind.toLowerCase()}/${r.name}`)).join(','), uniq(routes.map((r) => r.namespace)).join(','), backends.join(','), verdict].map((c) => sanitize(c, true)),
      health: VERDICT_HEALTH[verdict],
      object: indexes.gateway.route(routes[0].kind, routes[0].namespace, routes[0].name),
      target: { host },
    });
  }
  return rows;
}

/** The lines of a traced route as rows of one column: the tree, marks, facts and diagnostics. */
export function traceRows(trace: RouteTrace): RouteRow[] {
  return routeLines(trace.root).map((l) => {
    const { mark, text, health } = lineText(l);
    return { key: l.key, cells: [l.diagnostic ? `${l.prefix}${text}` : `${l.prefix}${mark ? `${mark} ` : ''}${text}`], health: ROW_HEALTH[health], object: l.node.object, node: l.node };
  });
}

/** The rows of "who routes here": each host and path that reaches an object. */
export function routesToRows(entries: readonly RouteEntry[]): RouteRow[] {
  return entries.map((e) => ({
    key: `${e.host}${e.path}@${e.ingress.namespace}/${e.ingress.name}`,
    cells: [e.host, e.path, e.pathType, e.ingress.name, e.ingress.namespace, e.service, e.port].map((c) => sanitize(c, true)),
    health: 'ok' as Health,
    object: e.object,
    target: { host: e.host, path: e.path === '<default>' ? undefined : e.path },
  }));
}
