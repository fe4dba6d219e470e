import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import { readRoute } from '../gateway/gateway-shape.js';
import { readIngress } from '../ingress-shape.js';
import { fromMap, matches } from '../label-selector.js';
import type { KubeObject } from '../types.js';

/** One way traffic reaches an object: host and path of an Ingress, through a Service port. */
export interface RouteEntry {
  host: string;
  path: string;
  pathType: string;
  ingress: { namespace: string; name: string };
  service: string;
  port: string;
  /** The Ingress itself, for screens. */
  object: KubeObject;
}

/** The Services in a pod's namespace whose selector picks it. */
export function servicesSelecting(indexes: ClusterIndexes, pod: KubeObject): KubeObject[] {
  const ns = pod.metadata?.namespace ?? '';
  return indexes.services.list(ns).filter((s) => {
    const sel = fromMap(s.spec?.selector);
    return !!sel && matches(sel, pod.metadata?.labels);
  });
}

/** Every Ingress host and path that sends traffic to a Service. */
export function routesToService(indexes: ClusterIndexes, namespace: string, name: string): RouteEntry[] {
  const out: RouteEntry[] = [];
  for (const ing of indexes.ingresses.forService(namespace, name)) {
    const shape = readIngress(ing);
    const at = { namespace, name: String(ing.metadata?.name ?? '') };
    for (const r of shape.rules) {
      for (const p of r.paths) {
        if (p.backend.service?.name !== name) continue;
        out.push({ host: r.host || '*', path: p.path || '/', pathType: p.pathType, ingress: at, service: name, port: p.backend.service.port.name ?? String(p.backend.service.port.number ?? ''), object: ing });
      }
    }
    if (shape.defaultBackend?.service?.name === name) out.push({ host: '*', path: '<default>', pathType: '', ingress: at, service: name, port: shape.defaultBackend.service.port.name ?? String(shape.defaultBackend.service.port.number ?? ''), object: ing });
  }
  out.push(...gatewayRoutesToService(indexes, namespace, name));
  return out.sort((a, b) => a.host.localeCompare(b.host) || a.path.localeCompare(b.path));
}

/** Every Gateway API route hostname and rule path that sends traffic to a Service (the route stands where the Ingress does, as `kind/name`). */
function gatewayRoutesToService(indexes: ClusterIndexes, namespace: string, name: string): RouteEntry[] {
  const out: RouteEntry[] = [];
  for (const r of indexes.gateway.forService(namespace, name)) {
    const shape = readRoute(r);
    const at = { namespace: shape.namespace, name: `${shape.kind.toLowerCase()}/${shape.name}` };
    for (const rule of shape.rules) {
      for (const b of rule.backendRefs.filter((x) => x.namespace === namespace && x.name === name && x.kind === 'Service')) {
        for (const host of shape.hostnames.length ? shape.hostnames : ['*']) for (const m of rule.matches) out.push({ host, path: m.path, pathType: m.pathType, ingress: at, service: name, port: String(b.port ?? ''), object: r });
      }
    }
  }
  return out;
}

/** Who routes to an object: for a Service its Ingress paths; for a pod those of every Service that selects it. */
export function routesTo(indexes: ClusterIndexes, obj: KubeObject): RouteEntry[] {
  const ns = obj.metadata?.namespace ?? '';
  if (obj.kind === 'Service') return routesToService(indexes, ns, String(obj.metadata?.name ?? ''));
  if (obj.kind === 'Pod') return servicesSelecting(indexes, obj).flatMap((s) => routesToService(indexes, ns, String(s.metadata?.name ?? '')));
  return [];
}
