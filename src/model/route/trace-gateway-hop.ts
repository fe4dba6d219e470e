import { parentRefSelects } from '../gateway/attachment.js';
import { readListeners, readRoute, type ListenerShape } from '../gateway/gateway-shape.js';
import { hostnameMatches, hostnameSpecificity } from '../gateway/hostnames.js';
import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import { GATEWAY_RESOURCES } from '../indexes/gateway-index.js';
import type { KubeObject } from '../types.js';
import type { EntryHop, EntryHopResult, TraceQuery } from './route-hop.js';
import { worse, worstOf, type Diagnostic, type RouteNode } from './route-types.js';
import { gatewayNode, listenerNode } from './trace-gateway.js';
import { addRules, orphanRouteNode, unlistenedRouteNode, routeOnListener, type RouteOnListener } from './trace-gateway-route.js';

const PROTOCOLS = new Set(['HTTP', 'HTTPS', 'TLS']);
const keyOf = (o: KubeObject) => `${o.metadata?.namespace}/${o.metadata?.name}`;

/**
 * The listeners of a Gateway that take a request for a host (and port): on each port, the one
 * with the most specific matching hostname (an exact name, then the longest wildcard, then none).
 */
export function listenersFor(gw: KubeObject, host: string, port?: number): ListenerShape[] {
  const ok = readListeners(gw).filter((l) => PROTOCOLS.has(l.protocol) && hostnameMatches(l.hostname, host) && (port === undefined || l.port === port));
  const best = new Map<number, number>();
  for (const l of ok) best.set(l.port, Math.max(best.get(l.port) ?? -1, hostnameSpecificity(l.hostname)));
  return ok.filter((l) => hostnameSpecificity(l.hostname) === best.get(l.port));
}

// A route claims a host when one of its hostnames matches it, or when it has none.
const routeClaims = (r: KubeObject, host: string) => {
  const hs = readRoute(r).hostnames;
  return hs.length === 0 || hs.some((h) => hostnameMatches(h, host));
};

interface Found {
  gw: KubeObject;
  listeners: ListenerShape[];
  routes: KubeObject[];
}

/** The Gateways a host reaches (or that routes claiming it name), and the routes that claim it through each. */
function findGateways(indexes: ClusterIndexes, query: TraceQuery): { found: Found[]; orphans: KubeObject[] } {
  const host = query.host;
  const inNs = (o: KubeObject) => query.namespace === undefined || o.metadata?.namespace === query.namespace;
  const found = new Map<string, Found>();
  for (const gw of indexes.gateway.gateways.list()) {
    const listeners = listenersFor(gw, host, query.port);
    const routes = indexes.gateway.attachedTo(String(gw.metadata?.namespace), String(gw.metadata?.name)).filter((r) => inNs(r) && routeClaims(r, host));
    // A catch-all listener does not make a Gateway part of every host's route: only its routes do.
    if ((listeners.length && (routes.length || listeners.some((l) => l.hostname))) || routes.some((r) => readRoute(r).hostnames.length)) found.set(keyOf(gw), { gw, listeners, routes });
  }
  const orphans = indexes.gateway.claiming(host).filter((r) => inNs(r) && readRoute(r).parentRefs.some((p) => p.kind === 'Gateway' && !indexes.gateway.gateways.get(p.namespace, p.name)));
  if (indexes.unavailable.has('gateways.gateway.networking.k8s.io')) return { found: [...found.values()], orphans: [] };
  return { found: [...found.values()].sort((a, b) => keyOf(a.gw).localeCompare(keyOf(b.gw))), orphans };
}

/** The Gateway API hop: Gateways and listeners that take the host, the routes attached to them, their rules and backends. */
function traceGateways(indexes: ClusterIndexes, query: TraceQuery, now: number): EntryHopResult {
  const rootId = `host/${query.host}`;
  const { found, orphans } = findGateways(indexes, query);
  let claimed = false;
  const nodes: RouteNode[] = [];
  const gateways: RouteNode[] = [];
  const empty: RouteNode[] = [];
  for (const { gw, listeners, routes } of found) {
    const g = gatewayNode(indexes, gw, rootId);
    const gwRef = { namespace: String(gw.metadata?.namespace), name: String(gw.metadata?.name) };
    if (listeners.length === 0) g.diagnostics.push({ severity: 'error', code: 'gateway.no-listener', message: `no listener of ${gwRef.name} accepts ${query.host}${query.port ? ` on port ${query.port}` : ''}: routes that name this Gateway for it are not attached` });
    if (listeners.length === 0) {
      for (const r of routes) {
        const shape = readRoute(r);
        for (const ref of shape.parentRefs.filter((p) => p.kind === 'Gateway' && p.namespace === gwRef.namespace && p.name === gwRef.name)) g.children.push(unlistenedRouteNode(r, shape, ref, query.host, g.id));
      }
    }
    for (const l of listeners) {
      const ln = listenerNode(indexes, gw, l, g.id);
      const on: RouteOnListener[] = [];
      for (const r of routes) {
        const shape = readRoute(r);
        const ref = shape.parentRefs.find((p) => parentRefSelects(p, gwRef, l));
        const x = ref && routeOnListener(indexes, gw, l, r, shape, ref, ln.id);
        if (x) on.push(x);
      }
      const attached = on.filter((x) => x.attached);
      if (attached.length) claimed = true;
      const diagnostics = addRules(indexes, attached, query, now, l.hostname);
      ln.diagnostics.push(...diagnostics);
      ln.children.push(...on.map((x) => x.node));
      if (on.length === 0) empty.push(ln);
      g.children.push(ln);
    }
    gateways.push(g);
  }
  // A listener no route claims the host on is a 404 there: the route's fault only when no other listener serves it.
  for (const ln of empty) ln.diagnostics.push({ severity: claimed ? 'info' : 'error', code: 'listener.no-route', message: `no route attached to this listener claims ${query.host}: requests on port ${ln.facts.port} get 404` });
  for (const g of gateways) {
    for (const ln of g.children.filter((c) => c.type === 'listener')) ln.health = ln.children.reduce((h, c) => worse(h, c.health), worstOf(ln.diagnostics));
    g.health = g.children.reduce((h, c) => worse(h, c.health), worstOf(g.diagnostics));
    nodes.push(g);
  }
  for (const r of orphans) {
    const shape = readRoute(r);
    for (const p of shape.parentRefs.filter((x) => x.kind === 'Gateway' && !indexes.gateway.gateways.get(x.namespace, x.name))) nodes.push(orphanRouteNode(r, shape, p, rootId));
  }
  const diagnostics: Diagnostic[] = [];
  if (nodes.length && !claimed) diagnostics.push({ severity: 'error', code: 'host.no-attached-route', message: `no attached Gateway route serves ${query.host}: the routes and listeners below say why` });
  const gws = found.length;
  return { nodes, diagnostics, claimed, summary: gws ? `${gws} gateway${gws === 1 ? '' : 's'}` : undefined };
}

/** The namespaces a host's Gateway routes lead to: Gateways (certificates), routes, and their backends. */
function gatewayNamespaces(indexes: ClusterIndexes, query: TraceQuery): string[] {
  const { found } = findGateways(indexes, query);
  return found.flatMap(({ gw, routes }) => [String(gw.metadata?.namespace), ...routes.flatMap((r) => readRoute(r).rules.flatMap((x) => x.backendRefs.map((b) => b.namespace)))]);
}

/** The Gateway API entry hop. */
export const gatewayHop: EntryHop = {
  name: 'gateway',
  // Namespaces are read for allowedRoutes selectors; their absence only makes a selector unknown.
  entryResources: [...GATEWAY_RESOURCES, 'namespaces'],
  resources: GATEWAY_RESOURCES,
  optional: true,
  namespaces: gatewayNamespaces,
  hosts: (indexes) => [...indexes.gateway.hosts(), ...indexes.gateway.gateways.list().flatMap((g) => readListeners(g).map((l) => l.hostname).filter(Boolean))],
  trace: traceGateways,
};
