import { fromLabelSelector, matches } from '../label-selector.js';
import { GATEWAY_GROUP, type ListenerShape, type ParentRefShape, type RouteShape } from './gateway-shape.js';
import { routeHostnamesOn } from './hostnames.js';

/** The route kinds a listener takes when `allowedRoutes.kinds` is empty, by protocol. */
export const DEFAULT_KINDS: Record<string, string[]> = { HTTP: ['HTTPRoute', 'GRPCRoute'], HTTPS: ['HTTPRoute', 'GRPCRoute'], TLS: ['TLSRoute'], TCP: ['TCPRoute'], UDP: ['UDPRoute'] };

/** Whether a parentRef names this listener of this Gateway (sectionName and port, when given, must agree). */
export function parentRefSelects(ref: ParentRefShape, gateway: { namespace: string; name: string }, listener: ListenerShape): boolean {
  if (ref.group !== GATEWAY_GROUP || ref.kind !== 'Gateway' || ref.namespace !== gateway.namespace || ref.name !== gateway.name) return false;
  if (ref.sectionName !== undefined && ref.sectionName !== listener.name) return false;
  return ref.port === undefined || ref.port === listener.port;
}

/**
 * Whether a listener's allowedRoutes.namespaces admits a route from `routeNamespace`: `Same` (the
 * default) only the Gateway's namespace, `All` any, `Selector` namespaces whose labels match.
 * Undefined when the namespace's labels are not known.
 */
export function namespaceAllowed(listener: ListenerShape, gatewayNamespace: string, routeNamespace: string, labels: Record<string, string> | undefined): boolean | undefined {
  if (listener.from === 'All') return true;
  if (listener.from === 'Same') return routeNamespace === gatewayNamespace;
  if (listener.from !== 'Selector') return false;
  if (!labels) return undefined;
  const sel = fromLabelSelector(listener.selector as never);
  // A selector that cannot be read selects nothing; an empty one selects every namespace.
  return sel ? matches(sel, labels) : false;
}

/** Whether a listener takes routes of a kind: those it lists, else its protocol's defaults. */
export function kindAllowed(listener: ListenerShape, kind: string): boolean {
  if (listener.kinds.length) return listener.kinds.some((k) => k.group === GATEWAY_GROUP && k.kind === kind);
  return (DEFAULT_KINDS[listener.protocol] ?? []).includes(kind);
}

/** Why a route does not attach to a listener (the spec's reason), or undefined when it attaches. */
export type NotAttached = { reason: 'NotAllowedByListeners' | 'NoMatchingListenerHostname'; message: string } | undefined;

/** The spec's attachment rules for one route on one listener: kind, namespace, hostname intersection. */
export function attachment(route: RouteShape, gatewayNamespace: string, listener: ListenerShape, labels: Record<string, string> | undefined): NotAttached {
  if (!kindAllowed(listener, route.kind)) return { reason: 'NotAllowedByListeners', message: `listener ${listener.name} (${listener.protocol}) does not take ${route.kind}s` };
  const ns = namespaceAllowed(listener, gatewayNamespace, route.namespace, labels);
  if (ns === false) {
    const rule = listener.from === 'Selector' ? 'namespaces matching its selector' : listener.from === 'Same' ? `namespace ${gatewayNamespace} only` : `from ${listener.from}`;
    return { reason: 'NotAllowedByListeners', message: `listener ${listener.name} takes routes from ${rule}, not from ${route.namespace}` };
  }
  if (routeHostnamesOn(listener.hostname, route.hostnames).length === 0) {
    return { reason: 'NoMatchingListenerHostname', message: `none of the route's hostnames (${route.hostnames.join(', ')}) intersects listener ${listener.name}'s ${listener.hostname}` };
  }
  return undefined;
}
