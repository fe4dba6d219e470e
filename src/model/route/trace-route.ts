import { NOT_SERVED, STILL_LOADING, type ClusterIndexes } from '../indexes/cluster-indexes.js';
import { entryBlindSpot, entryPoints } from './entry-points.js';
import { nearest } from './nearest.js';
import { OUTSIDE_HOPS } from './outside-hops.js';
import type { TraceQuery } from './route-hop.js';
import { ENTRY_HOPS } from './route-hops.js';
import { worse, worstOf, type Diagnostic, type RouteNode, type RouteTrace, type Verdict } from './route-types.js';

export type { TraceQuery } from './route-hop.js';

// Where an entry's route leads: the Services, their endpoints, pods and owners.
const BEHIND_ENTRY = ['services', 'endpointslices.discovery.k8s.io', 'endpoints', 'pods', 'replicasets.apps', 'deployments.apps'];

/** The resources a trace reads: only their changes change a trace, only their absence makes it incomplete. */
export const ROUTE_RESOURCES: ReadonlySet<string> = new Set([...ENTRY_HOPS.flatMap((h) => h.resources), ...BEHIND_ENTRY]);

/**
 * What the hops before the cluster read besides: nodes cluster-wide, and controller pods and
 * Services in controllerNamespaces(). Read only when there is something to compare (an address
 * the host resolves to, an edge configuration); their absence only leaves entry points unknown.
 */
export const OUTSIDE_RESOURCES: readonly string[] = [...new Set(OUTSIDE_HOPS.flatMap((h) => h.resources))];

/** Resources that say where a host's traffic goes: enough to find the namespaces the rest lives in. */
export const ROUTE_ENTRY_RESOURCES: readonly string[] = [...new Set(ENTRY_HOPS.flatMap((h) => h.entryResources))];

// A hop whose kinds a cluster does not serve (no Gateway API installed) is silent, not "not checked".
const OPTIONAL = new Set(ENTRY_HOPS.filter((h) => h.optional).flatMap((h) => h.resources));

/** The namespaces a host's entries (Ingresses, routes) send it to, where its Services and pods live. */
export function routeNamespaces(indexes: ClusterIndexes, query: TraceQuery): string[] {
  const found = ENTRY_HOPS.flatMap((h) => h.namespaces(indexes, query));
  return [...new Set(found)].filter((ns) => query.namespace === undefined || ns === query.namespace).sort();
}

/** Whether a resource a trace reads is still loading: a verdict now would blame what is not known yet. */
export function routesLoading(indexes: ClusterIndexes): boolean {
  for (const [r, why] of indexes.unavailable) if (why === STILL_LOADING && ROUTE_RESOURCES.has(r)) return true;
  return false;
}

/** Every host pattern any entry knows (for "did you mean"). */
export function knownHosts(indexes: ClusterIndexes): string[] {
  return [...new Set(ENTRY_HOPS.flatMap((h) => h.hosts(indexes)))];
}

/** Traces a host (and optionally a path) through Ingresses and Gateways, Services and pods to containers, naming every broken link. */
export function traceRoute(indexes: ClusterIndexes, query: TraceQuery, now: number): RouteTrace {
  const host = query.host.toLowerCase().replace(/\.$/, '');
  const q = { ...query, host };
  const rootId = `host/${host}`;
  const unavailable = Object.fromEntries([...indexes.unavailable].filter(([r, why]) => ROUTE_RESOURCES.has(r) && !(OPTIONAL.has(r) && why === NOT_SERVED)));
  const rootFacts = { host, path: query.path ?? null, ...(query.port !== undefined ? { port: query.port } : {}) };
  const results = ENTRY_HOPS.map((h) => h.trace(indexes, q, now));
  const children = results.flatMap((r) => r.nodes);
  // DNS and edge proxies come first: a request meets them before the cluster.
  const outside = q.dns || q.edges?.length ? OUTSIDE_HOPS.flatMap((h) => h.trace(indexes, q, { entries: entryPoints(indexes, host), blind: entryBlindSpot(indexes) })) : [];
  const diagnostics: Diagnostic[] = results.flatMap((r) => r.diagnostics);
  if (children.length === 0) {
    const near = nearest(host, knownHosts(indexes));
    const why = indexes.unavailable.get('ingresses.networking.k8s.io');
    const d: Diagnostic = why
      ? { severity: 'error', code: 'host.unknown', message: `cannot list Ingresses: ${why}` }
      : { severity: 'error', code: 'host.no-ingress', message: `no Ingress serves ${host}${query.namespace ? ` in namespace ${query.namespace}` : ''}${near.length ? ` (nearest hosts: ${near.join(', ')})` : ''}` };
    const root: RouteNode = { type: 'host', id: rootId, label: host, summary: [], facts: { ...rootFacts, suggestions: near }, diagnostics: [d, ...diagnostics], health: 'error', children: outside };
    return { host, path: query.path, verdict: 'unrouted', root, unavailable };
  }
  const claimed = results.some((r) => r.claimed);
  // A hop before the cluster marked only for information (a DNS answer) leaves the host's health alone.
  const health = [...outside.filter((c) => c.health !== 'info'), ...children].reduce((h, c) => worse(h, c.health), claimed ? worstOf(diagnostics) : 'error');
  const root: RouteNode = { type: 'host', id: rootId, label: query.path ? `${host}${query.path}` : host, summary: results.map((r) => r.summary ?? '').filter(Boolean), facts: rootFacts, diagnostics, health, children: [...outside, ...children] };
  return { host, path: query.path, verdict: claimed ? verdictOf(health) : 'unrouted', root, unavailable };
}

/** The verdict a tree's health gives. */
export function verdictOf(health: RouteNode['health']): Verdict {
  return health === 'error' ? 'broken' : health === 'warning' ? 'degraded' : 'healthy';
}
