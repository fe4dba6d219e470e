import { GATEWAY_GROUP, type BackendRefShape, type RouteShape } from '../gateway/gateway-shape.js';
import { grantFor } from '../gateway/reference-grant.js';
import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import { worse, worstOf, type Diagnostic, type RouteNode } from './route-types.js';
import { serviceNode } from './trace-service.js';

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Whether a route may refer to a backend: same namespace, or a ReferenceGrant in the backend's namespace permits it (undefined: cannot tell). */
export function backendPermitted(indexes: ClusterIndexes, route: RouteShape, b: BackendRefShape): boolean | undefined {
  if (b.namespace === route.namespace) return true;
  if (indexes.unavailable.has('referencegrants.gateway.networking.k8s.io')) return undefined;
  return !!grantFor(indexes.gateway.grants.get(b.namespace), { group: GATEWAY_GROUP, kind: route.kind, namespace: route.namespace }, { group: b.group, kind: b.kind, namespace: b.namespace, name: b.name });
}

/**
 * The backend hop: a backendRef's weight and share of the rule's traffic, whether a cross-namespace
 * reference is permitted, its port; then the Service (and its pods) as for an Ingress.
 */
export function backendNode(indexes: ClusterIndexes, route: RouteShape, b: BackendRefShape, totalWeight: number, parentId: string, now: number, withPods: boolean): RouteNode {
  const id = `${parentId}/backend/${b.namespace}/${b.name}:${b.port ?? ''}`;
  const share = totalWeight > 0 ? b.weight / totalWeight : 0;
  const diagnostics: Diagnostic[] = [];
  const isService = b.kind === 'Service' && !b.group;
  const permitted = backendPermitted(indexes, route, b);
  let traced = true;
  if (b.weight === 0) {
    diagnostics.push({ severity: 'info', code: 'backend.weight-zero', message: 'weight 0: it gets no traffic' });
    traced = false;
  }
  if (!isService) {
    diagnostics.push({ severity: 'info', code: 'backend.not-service', message: `the backend is a ${b.kind} (${b.group || 'core'}), not a Service: not traced further` });
    traced = false;
  }
  if (permitted === false) {
    diagnostics.push({ severity: 'error', code: 'backend.ref-not-permitted', message: `${route.kind} ${route.namespace}/${route.name} refers to ${b.kind} ${b.namespace}/${b.name} in another namespace, and no ReferenceGrant in ${b.namespace} permits it: the gateway refuses this backend (500)` });
    traced = false;
  } else if (permitted === undefined) {
    diagnostics.push({ severity: 'info', code: 'backend.grant-unknown', message: `cannot check the ReferenceGrants of ${b.namespace}: ${indexes.unavailable.get('referencegrants.gateway.networking.k8s.io')}` });
  }
  if (isService && b.port === undefined) {
    diagnostics.push({ severity: 'error', code: 'backend.no-port', message: `backendRef to Service ${b.name} without a port: the spec requires one` });
    traced = false;
  }
  const child = traced ? serviceNode(indexes, { namespace: b.namespace, name: b.name, port: { number: b.port } }, id, now, withPods) : undefined;
  return {
    type: 'backend',
    id,
    label: `backend ${b.namespace === route.namespace ? '' : `${b.namespace}/`}${b.name}${b.port !== undefined ? `:${b.port}` : ''}`,
    summary: [`weight ${b.weight}`, pct(share), ...(b.namespace !== route.namespace ? [permitted === false ? 'cross-namespace, not permitted' : 'cross-namespace'] : [])],
    ref: { kind: b.kind, namespace: b.namespace, name: b.name },
    facts: { namespace: b.namespace, name: b.name, kind: b.kind, group: b.group, port: b.port ?? null, weight: b.weight, share, crossNamespace: b.namespace !== route.namespace, permitted: permitted ?? null },
    diagnostics,
    health: worse(worstOf(diagnostics), child?.health ?? 'ok'),
    children: child ? [child] : [],
  };
}

/**
 * The backends of a rule, weighted: a failing backend beside healthy ones only degrades the rule
 * (its share of requests fails); when all the weight is on failing backends the rule is broken.
 */
export function weightedBackends(indexes: ClusterIndexes, route: RouteShape, refs: readonly BackendRefShape[], parentId: string, now: number, withPods: boolean): { nodes: RouteNode[]; diagnostics: Diagnostic[] } {
  const total = refs.reduce((s, b) => s + b.weight, 0);
  const nodes = refs.map((b) => backendNode(indexes, route, b, total, parentId, now, withPods));
  const weighted = nodes.filter((n) => Number(n.facts.weight) > 0);
  const failing = weighted.filter((n) => n.health === 'error');
  const diagnostics: Diagnostic[] = [];
  if (refs.length > 0 && total === 0) diagnostics.push({ severity: 'error', code: 'rule.zero-weight', message: 'every backendRef has weight 0: requests get an error (500)' });
  else if (weighted.length > 0 && failing.length === weighted.length) {
    diagnostics.push({ severity: 'error', code: 'rule.all-backends-failing', message: `all the traffic goes to backends that fail (${failing.map((n) => n.label.replace(/^backend /, '')).join(', ')})` });
  } else if (failing.length > 0) {
    const lost = failing.reduce((s, n) => s + Number(n.facts.share), 0);
    for (const n of failing) n.health = 'warning';
    diagnostics.push({ severity: 'warning', code: 'rule.some-backends-failing', message: `${pct(lost)} of the requests go to backends that fail (${failing.map((n) => n.label.replace(/^backend /, '')).join(', ')})` });
  }
  return { nodes, diagnostics };
}
