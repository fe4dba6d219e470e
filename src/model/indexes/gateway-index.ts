import { readRoute } from '../gateway/gateway-shape.js';
import { hostnameMatches } from '../gateway/hostnames.js';
import type { KubeObject, ObjectChange } from '../types.js';
import { MultiIndex } from './multi-index.js';
import { NamedIndex } from './named-index.js';

/** The route kinds the trace follows, by the resource id discovery gives them. */
export const ROUTE_KIND_RESOURCES: Record<string, string> = {
  HTTPRoute: 'httproutes.gateway.networking.k8s.io',
  GRPCRoute: 'grpcroutes.gateway.networking.k8s.io',
  TLSRoute: 'tlsroutes.gateway.networking.k8s.io',
};

/** The Gateway API resources the route trace reads (any of them may be unserved by a cluster). */
export const GATEWAY_RESOURCES: readonly string[] = ['gateways.gateway.networking.k8s.io', 'gatewayclasses.gateway.networking.k8s.io', ...Object.values(ROUTE_KIND_RESOURCES), 'referencegrants.gateway.networking.k8s.io'];

// A route's hostnames as written ('' when it has none: it takes its listeners' hostnames).
const hostKeys = (r: KubeObject): string[] => {
  const hs = readRoute(r).hostnames;
  return hs.length ? [...new Set(hs)] : [''];
};
const parentKeys = (r: KubeObject): string[] => [...new Set(readRoute(r).parentRefs.filter((p) => p.kind === 'Gateway').map((p) => `${p.namespace}/${p.name}`))];
const serviceKeys = (r: KubeObject): string[] => [...new Set(readRoute(r).rules.flatMap((x) => x.backendRefs.filter((b) => b.kind === 'Service' && !b.group).map((b) => `${b.namespace}/${b.name}`)))];

/** The routes of one kind: by name, hostname, parent Gateway and backend Service. */
class RouteKindIndex {
  readonly named = new NamedIndex();
  readonly byHost = new MultiIndex(hostKeys);
  readonly byParent = new MultiIndex(parentKeys);
  readonly byService = new MultiIndex(serviceKeys);

  apply(change: ObjectChange): void {
    for (const i of [this.named, this.byHost, this.byParent, this.byService]) i.apply(change);
  }
}

/**
 * Gateway API objects for the route trace: Gateways and GatewayClasses by name; routes of every
 * kind by hostname, by parent Gateway and by backend Service; ReferenceGrants by namespace.
 */
export class GatewayIndex {
  readonly gateways = new NamedIndex();
  readonly classes = new NamedIndex();
  readonly grants = new MultiIndex((g: KubeObject) => [g?.metadata?.namespace ?? '']);
  private readonly kinds: Record<string, RouteKindIndex> = Object.fromEntries(Object.keys(ROUTE_KIND_RESOURCES).map((k) => [k, new RouteKindIndex()]));

  /** Applies a change of a route of one kind (the kind is stamped on, as list items may lack it). */
  applyRoute(kind: string, change: ObjectChange): void {
    const stamp = (o: KubeObject | undefined) => (o && !o.kind ? { ...o, kind } : o);
    this.kinds[kind]?.apply({ ...change, object: stamp(change.object)!, previous: stamp(change.previous) } as ObjectChange);
  }

  private all(f: (k: RouteKindIndex) => KubeObject[]): KubeObject[] {
    return Object.values(this.kinds).flatMap(f);
  }

  /** A route by kind, namespace and name. */
  route(kind: string, namespace: string, name: string): KubeObject | undefined {
    return this.kinds[kind]?.named.get(namespace, name);
  }

  /** Every route of every kind (in a namespace, or all). */
  routes(namespace?: string): KubeObject[] {
    return this.all((k) => k.named.list(namespace));
  }

  /** Routes whose hostnames name this host (exact, or a wildcard one or more labels up); not those without hostnames. */
  claiming(host: string): KubeObject[] {
    const h = host.toLowerCase();
    const labels = h.split('.');
    const wild = labels.slice(1).map((_, i) => `*.${labels.slice(i + 1).join('.')}`);
    return this.all((k) => [...k.byHost.get(h), ...wild.flatMap((w) => k.byHost.get(w))]).filter((r, i, a) => a.indexOf(r) === i && readRoute(r).hostnames.some((p) => hostnameMatches(p, h)));
  }

  /** Routes with a parentRef to this Gateway. */
  attachedTo(namespace: string, name: string): KubeObject[] {
    return this.all((k) => k.byParent.get(`${namespace}/${name}`));
  }

  /** Routes with a backendRef to this Service. */
  forService(namespace: string, name: string): KubeObject[] {
    return this.all((k) => k.byService.get(`${namespace}/${name}`));
  }

  /** Routes that name exactly this hostname (as written, lowercased). */
  withHostname(hostname: string): KubeObject[] {
    return this.all((k) => k.byHost.get(hostname.toLowerCase()));
  }

  /** Every hostname routes name (for the hosts view and "did you mean"). */
  hosts(): string[] {
    return [...new Set(Object.values(this.kinds).flatMap((k) => [...k.byHost.keys()]))].filter(Boolean);
  }
}
