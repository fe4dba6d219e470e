import { at, int, list, str } from '../columns/read.js';
import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import type { BackendPort } from '../ingress-shape.js';
import { formatSelector, fromMap } from '../label-selector.js';
import { ownerChain } from '../owner-chain.js';
import type { KubeObject } from '../types.js';
import { nearest } from './nearest.js';
import { worstOf, type Diagnostic, type RouteNode } from './route-types.js';
import { isPodReady, podNode, podRevision, resolveTargetPort, type TargetPort } from './trace-pod.js';

/** A Service a route points at: where, which, and which of its ports. */
export interface ServiceBackend {
  namespace: string;
  name: string;
  port: BackendPort;
}

/** The ready and not-ready addresses behind a Service, from its EndpointSlices or Endpoints. */
export interface EndpointAddresses {
  ready: string[];
  notReady: string[];
  /** Where the addresses came from; `none` when neither resource knows the Service. */
  source: 'endpointslices' | 'endpoints' | 'none';
}

const portLabel = (p: BackendPort): string => (p.name ? p.name : p.number !== undefined ? String(p.number) : '?');

/** The addresses of a Service's endpoints, preferring EndpointSlices as kube-proxy does. */
export function endpointAddresses(indexes: ClusterIndexes, namespace: string, name: string, portName?: string): EndpointAddresses {
  const withPort = (ip: string, ports: unknown) => {
    const p = list(ports).find((x) => !portName || str(at(x, 'name')) === portName) ?? list(ports)[0];
    return p ? `${ip}:${int(at(p, 'port'))}` : ip;
  };
  const slices = indexes.slicesByService.get(`${namespace}/${name}`);
  if (slices.length > 0) {
    const out: EndpointAddresses = { ready: [], notReady: [], source: 'endpointslices' };
    // Dual-stack Services have a slice per address family: count each pod once.
    const seen = new Set<string>();
    for (const s of slices) {
      for (const e of list(s.endpoints)) {
        const ip = str(list(at(e, 'addresses'))[0]);
        const who = str(at(e, 'targetRef', 'uid')) || str(at(e, 'targetRef', 'name')) || ip;
        // Terminating endpoints are leaving: they are neither serving capacity nor a fault.
        if (seen.has(who) || at(e, 'conditions', 'terminating') === true) continue;
        seen.add(who);
        // A nil ready condition means ready (discovery.k8s.io/v1 semantics).
        (at(e, 'conditions', 'ready') === false ? out.notReady : out.ready).push(withPort(ip, s.ports));
      }
    }
    return out;
  }
  const eps = indexes.endpointsByService.get(`${namespace}/${name}`)[0];
  if (!eps) return { ready: [], notReady: [], source: 'none' };
  const out: EndpointAddresses = { ready: [], notReady: [], source: 'endpoints' };
  for (const ss of list(eps.subsets)) {
    for (const a of list(at(ss, 'addresses'))) out.ready.push(withPort(str(at(a, 'ip')), at(ss, 'ports')));
    for (const a of list(at(ss, 'notReadyAddresses'))) out.notReady.push(withPort(str(at(a, 'ip')), at(ss, 'ports')));
  }
  return out;
}

function missingService(indexes: ClusterIndexes, b: ServiceBackend, id: string): RouteNode {
  const why = indexes.unavailable.get('services');
  const near = nearest(b.name, indexes.services.list(b.namespace).map((s) => String(s.metadata?.name)));
  const diagnostics: Diagnostic[] = why
    ? [{ severity: 'warning', code: 'service.unknown', message: `cannot check Service ${b.namespace}/${b.name}: ${why}` }]
    : [{ severity: 'error', code: 'service.missing', message: `Service ${b.namespace}/${b.name} does not exist${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}` }];
  return { type: 'service', id, label: `service ${b.name}:${portLabel(b.port)}`, summary: ['missing'], ref: { kind: 'Service', namespace: b.namespace, name: b.name }, facts: { namespace: b.namespace, name: b.name, exists: false }, diagnostics, health: worstOf(diagnostics), children: [] };
}

function rolloutDiagnostics(pods: KubeObject[], indexes: ClusterIndexes): Diagnostic[] {
  const byWorkload = new Map<string, Map<string, number>>();
  for (const p of pods) {
    const chain = ownerChain(p, indexes.lookup);
    const top = chain[chain.length - 1];
    // The workload at the top of the chain (Deployment, StatefulSet...), and the revision the pod's ReplicaSet or hash names.
    const w = top ? `${top.ref.kind.toLowerCase()} ${top.ref.name}` : undefined;
    const rev = podRevision(p, chain[0]);
    if (!w || !rev) continue;
    const revs = byWorkload.get(w) ?? new Map<string, number>();
    revs.set(rev, (revs.get(rev) ?? 0) + 1);
    byWorkload.set(w, revs);
  }
  const out: Diagnostic[] = [];
  for (const [w, revs] of byWorkload) {
    if (revs.size < 2) continue;
    const parts = [...revs].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true })).map(([r, n]) => `${n} at revision ${r}`);
    out.push({ severity: 'info', code: 'service.rollout-in-progress', message: `rollout in progress: ${w} has pods of ${revs.size} revisions behind this Service (${parts.join(', ')})` });
  }
  return out;
}

/** The Service hop of a route: port, selector, endpoints, and the pods it picks. */
export function serviceNode(indexes: ClusterIndexes, b: ServiceBackend, parentId: string, now: number, withPods = true): RouteNode {
  const id = `${parentId}/svc/${b.namespace}/${b.name}:${portLabel(b.port)}`;
  const svc = indexes.services.get(b.namespace, b.name);
  if (!svc) return missingService(indexes, b, id);
  const type = str(at(svc, 'spec', 'type')) || 'ClusterIP';
  const clusterIP = str(at(svc, 'spec', 'clusterIP'));
  const ports = list(at(svc, 'spec', 'ports'));
  const port = ports.find((p) => (b.port.name ? str(at(p, 'name')) === b.port.name : int(at(p, 'port')) === b.port.number));
  const target: TargetPort | undefined = port ? ((at(port, 'targetPort') as TargetPort | undefined) ?? int(at(port, 'port'))) : undefined;
  const diagnostics: Diagnostic[] = [];
  const base = { type: 'service' as const, id, ref: { kind: 'Service', namespace: b.namespace, name: b.name, uid: svc.metadata?.uid }, object: svc };
  const facts: Record<string, unknown> = { namespace: b.namespace, name: b.name, exists: true, type, clusterIP: clusterIP || undefined };

  if (type === 'ExternalName') {
    const ext = str(at(svc, 'spec', 'externalName'));
    diagnostics.push({ severity: 'info', code: 'service.external-name', message: `ExternalName Service: traffic leaves the cluster for ${ext || '<unset>'}` });
    return { ...base, label: `service ${b.name} → ${ext}`, summary: ['ExternalName', ext], facts: { ...facts, externalName: ext }, diagnostics, health: worstOf(diagnostics), children: [] };
  }
  if (!port) {
    const have = ports.map((p) => `${int(at(p, 'port'))}${str(at(p, 'name')) ? `/${str(at(p, 'name'))}` : ''}`).join(', ') || 'none';
    diagnostics.push({ severity: 'error', code: 'service.port-missing', message: `Service ${b.name} has no port ${b.port.name ? `named "${b.port.name}"` : b.port.number} (its ports: ${have})` });
  } else {
    facts.port = { name: str(at(port, 'name')) || undefined, port: int(at(port, 'port')), targetPort: target, protocol: str(at(port, 'protocol')) || 'TCP', nodePort: int(at(port, 'nodePort')) || undefined };
  }

  const selector = fromMap(at(svc, 'spec', 'selector') as Record<string, string>);
  facts.selector = selector ? (at(svc, 'spec', 'selector') as Record<string, string>) : null;
  const endpoints = endpointAddresses(indexes, b.namespace, b.name, port ? str(at(port, 'name')) || undefined : undefined);
  facts.endpoints = endpoints;
  const pods = selector ? indexes.podsFor(b.namespace, selector).filter((p) => !['Succeeded', 'Failed'].includes(str(at(p, 'status', 'phase')))) : [];
  // Pods on their way out are shown, but a rolling update's leavers do not make the route degraded.
  const staying = pods.filter((p) => !p.metadata?.deletionTimestamp);
  pods.sort((x, y) => (String(x.metadata?.name) < String(y.metadata?.name) ? -1 : 1));
  // Only the tree needs a node per pod; the Service's findings come from the pods themselves.
  const children = withPods ? pods.map((p) => podNode(p, id, port ? target : undefined, indexes, now)) : [];

  if (!selector) {
    const manual = endpoints.ready.length + endpoints.notReady.length;
    diagnostics.push(
      manual > 0
        ? { severity: 'info', code: 'service.manual-endpoints', message: `no selector: traffic goes to ${manual} manually managed endpoint address${manual > 1 ? 'es' : ''}` }
        : { severity: 'error', code: 'service.no-selector', message: 'no selector and no Endpoints: nothing receives its traffic' },
    );
  } else if (pods.length === 0) {
    diagnostics.push({ severity: 'error', code: 'service.selector-matches-nothing', message: `selector ${formatSelector(selector)} matches no pods in namespace ${b.namespace}${selectorHint(indexes, b.namespace, at(svc, 'spec', 'selector') as Record<string, string>)}` });
  } else {
    if (port && typeof target === 'string' && staying.length > 0 && staying.every((p) => !resolveTargetPort(p, target))) {
      diagnostics.push({ severity: 'error', code: 'service.target-port-undeclared', message: `targetPort "${target}" is not declared by any container of the ${pods.length} selected pod${pods.length > 1 ? 's' : ''}` });
    }
    // Endpoints are the truth of what receives traffic; without them, pod readiness is the best guess.
    const ready = endpoints.source === 'none' ? staying.filter(isPodReady).length : endpoints.ready.length;
    const total = endpoints.source === 'none' ? staying.length : endpoints.ready.length + endpoints.notReady.length;
    const count = Math.max(total, staying.length);
    if (ready === 0) diagnostics.push({ severity: 'error', code: 'service.no-ready-endpoints', message: `no ready endpoints: none of its ${count} pod${count === 1 ? ' is' : 's is'} ready, so requests fail (503)` });
    else if (ready < count) diagnostics.push({ severity: 'warning', code: 'service.some-not-ready', message: `${count - ready} of ${count} pods not ready: traffic goes to the other ${ready}` });
    diagnostics.push(...rolloutDiagnostics(pods, indexes));
  }
  const epText = `endpoints ${endpoints.ready.length} ready${endpoints.notReady.length ? `, ${endpoints.notReady.length} not ready` : ''}`;
  const portText = port ? `${int(at(port, 'port'))} → ${target}` : 'no such port';
  return {
    ...base,
    label: `service ${b.name}:${portLabel(b.port)} (${portText})`,
    summary: [type, clusterIP || '<none>', ...(selector ? [formatSelector(selector)] : ['<no selector>']), epText],
    facts,
    diagnostics,
    // Pods are summarised by the Service's own findings, so one bad pod of many does not mark the route broken.
    health: worstOf(diagnostics),
    children,
  };
}

/** For a selector matching nothing: the values pods in the namespace do carry for its keys. */
function selectorHint(indexes: ClusterIndexes, namespace: string, selector: Record<string, string>): string {
  const pods = indexes.pods.all(namespace);
  for (const [key, value] of Object.entries(selector)) {
    const values = new Set(pods.map((p) => p.metadata?.labels?.[key]).filter((v): v is string => typeof v === 'string'));
    if (values.has(value)) continue;
    const near = nearest(value, values, 1);
    if (near.length) return `; pods there are labelled ${key}=${near[0]}`;
  }
  return '';
}
