import type { IncomingMessage, ServerResponse } from 'node:http';
import { ClusterIndexes } from '../../model/indexes/cluster-indexes.js';
import type { RouteNode } from '../../model/route/route-types.js';
import { traceRoute } from '../../model/route/trace-route.js';
import type { ImageCatalog } from '../images.js';
import type { ObjectStore } from '../store.js';
import { readyEndpoints } from './api-proxy.js';
import { containerHandler, resolvePort } from './container-http.js';
import { appResponse } from './http-bodies.js';

/** Which entry a stand-in plays: the ingress-nginx controller (Ingresses) or the Gateway (HTTPRoutes). */
export type EntryKind = 'ingress' | 'gateway';

/** Relation indexes over the simulator's store, as kdrill's caches would hold them. */
function storeIndexes(store: ObjectStore): ClusterIndexes {
  const idx = new ClusterIndexes();
  for (const id of idx.resources) for (const o of store.list(id)) idx.apply(id, { type: 'add', object: o });
  return idx;
}

/** The first Service node that carries a request under an entry of this kind, as the trace decides it. */
function servingService(root: RouteNode, kind: EntryKind): RouteNode | undefined {
  const walk = (n: RouteNode, inside: boolean): RouteNode | undefined => {
    if (n.facts.serves === false || (n.type === 'backend' && Number(n.facts.weight) === 0)) return undefined;
    const here = inside || n.type === kind;
    if (here && n.type === 'service' && n.facts.exists === true) return n;
    for (const c of n.children) {
      const found = walk(c, here);
      if (found) return found;
    }
    return undefined;
  };
  return walk(root, false);
}

// The controller's own pages: nginx's error pages, as ingress-nginx sends them.
const page = (res: ServerResponse, status: number) => {
  const r = appResponse('ingress-nginx', 'ingress-nginx', status, '/');
  res.writeHead(status, r.headers).end(r.body);
};

/**
 * A request handler that plays the cluster's entry: routes by Host and path through the same
 * Ingress (or HTTPRoute) rules a trace follows, to a ready endpoint of the Service, whose container
 * answers. No rule: 404; no ready endpoint: 503; nothing listening: 502, as ingress-nginx answers.
 */
export function entryHandler(store: ObjectStore, images: ImageCatalog, kind: EntryKind, now: () => number): (req: IncomingMessage, res: ServerResponse) => void {
  let next = 0;
  return (req, res) => {
    const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
    const path = (req.url ?? '/').split('?')[0];
    const svc = host ? servingService(traceRoute(storeIndexes(store), { host, path }, now()).root, kind) : undefined;
    if (!svc) return page(res, 404);
    const port = svc.facts.port as { name?: string; port: number } | undefined;
    const eps = port ? readyEndpoints(store, svc.object!, String(port.port)) : [];
    if (eps.length === 0) return page(res, 503);
    const pick = eps[next++ % eps.length];
    const pod = store.get('pods', String(svc.facts.namespace), pick.pod);
    const target = pod ? resolvePort(images, pod, pick.port) : undefined;
    if (!target || target.state === 'refused' || target.state === 'no-ip') return page(res, 502);
    containerHandler(target)(req, res);
  };
}
