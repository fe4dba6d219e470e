import type { ClusterSession } from '../kube/cluster-session.js';
import { resourceId } from '../kube/discovery.js';
import { formatSelector, fromLabelSelector, fromMap } from '../model/label-selector.js';
import { readIngress } from '../model/ingress-shape.js';
import type { KubeObject } from '../model/types.js';
import type { RouteNode } from '../model/route/route-types.js';
import { controllerOf, ownerRefs } from '../model/owner-chain.js';
import { routeView, type DetailMode, type RolloutView, type View } from './state/ui-state.js';

/** What Enter on a row does: open a view, switch namespace, open the detail pane, or say why nothing happens. */
export type DrillResult = { view: View } | { namespace: string } | { detail: DetailMode } | { message: string };

const name = (o: KubeObject) => String(o.metadata?.name ?? '');
const ns = (o: KubeObject) => o.metadata?.namespace;

function podsBySelector(o: KubeObject, selector: ReturnType<typeof fromLabelSelector>, what: string): DrillResult {
  if (!selector || selector.length === 0) return { message: `${what} ${name(o)} has no selector, so it selects no pods` };
  return { view: { type: 'resources', resource: 'pods', namespace: ns(o), title: `${what} ${name(o)} › pods`, scope: { kind: 'selector', selector: formatSelector(selector) }, filter: '' } };
}

const workloadPods = (what: string) => (o: KubeObject) => podsBySelector(o, fromLabelSelector(o.spec?.selector), what);

// Enter per resource: the drill-down table of kdrill, in one place.
const DRILLS: Record<string, (o: KubeObject, session: ClusterSession) => DrillResult> = {
  'deployments.apps': workloadPods('deployment'),
  'replicasets.apps': workloadPods('replicaset'),
  'statefulsets.apps': workloadPods('statefulset'),
  'daemonsets.apps': workloadPods('daemonset'),
  'jobs.batch': workloadPods('job'),
  services: (o) => podsBySelector(o, fromMap(o.spec?.selector), 'service'),
  nodes: (o) => ({ view: { type: 'resources', resource: 'pods', namespace: undefined, title: `node ${name(o)} › pods`, scope: { kind: 'node', node: name(o) }, filter: '' } }),
  'cronjobs.batch': (o) => ({ view: { type: 'resources', resource: 'jobs.batch', namespace: ns(o), title: `cronjob ${name(o)} › jobs`, scope: { kind: 'owner', uid: String(o.metadata?.uid) }, filter: '' } }),
  namespaces: (o) => ({ namespace: name(o) }),
  pods: (o) => ({ view: { type: 'containers', namespace: String(ns(o)), pod: name(o), title: `pod ${name(o)} › containers`, filter: '' } }),
  'customresourcedefinitions.apiextensions.k8s.io': (o, session) => {
    const id = `${o.spec?.names?.plural}.${o.spec?.group}`;
    const r = session.discovery.get(id);
    if (!r) return { message: `${id} is not served by the API server` };
    return { view: { type: 'resources', resource: id, namespace: undefined, title: id, filter: '' } };
  },
  // An Ingress opens its route; one with several hosts opens the list of them first.
  events: eventObject,
  'events.events.k8s.io': eventObject,
  'ingresses.networking.k8s.io': (o) => {
    const hosts = [...new Set(readIngress(o).rules.map((r) => r.host).filter(Boolean))];
    if (hosts.length === 1) return { view: routeView(hosts[0]) };
    if (hosts.length === 0) return { message: `ingress ${name(o)} has no host rules (it serves any host through its default backend)` };
    return { view: { type: 'routes', title: `ingress ${name(o)} › hosts`, namespace: undefined, ingress: { namespace: String(ns(o)), name: name(o) }, filter: '' } };
  },
};

// Enter on a line of a route: per node type, what it opens.
const ROUTE_DRILLS: Partial<Record<RouteNode['type'], (n: RouteNode) => DrillResult>> = {
  pod: (n) => ({ view: { type: 'containers', namespace: String(n.ref?.namespace), pod: String(n.ref?.name), title: `pod ${n.ref?.name} › containers`, filter: '' } }),
  container: () => ({ detail: 'logs' }),
  ingress: () => ({ detail: 'yaml' }),
  service: () => ({ detail: 'yaml' }),
  tls: () => ({ detail: 'yaml' }),
};

/** What Enter does on a node of a traced route. */
export function drillRoute(node: RouteNode): DrillResult {
  return ROUTE_DRILLS[node.type]?.(node) ?? { message: `${node.label}: nothing to open here` };
}

/** Enter in the rollout view: a pod opens its containers, a revision its template diff against the current one. */
export function drillRollout(view: RolloutView, o: KubeObject | undefined): DrillResult {
  if (o?.kind === 'Pod') return DRILLS.pods(o, undefined as never);
  if (o?.kind === 'ReplicaSet') {
    return { view: { type: 'diff', namespace: view.namespace, deployment: view.name, replicaSet: name(o), title: `revision ${o.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '?'} › template diff`, filter: '' } };
  }
  return { message: 'Enter opens a pod or a revision (HISTORY) here' };
}

/** "Who routes here" for a Pod or Service, or a message for other kinds. */
export function routesToView(o: KubeObject): DrillResult {
  if (o.kind !== 'Pod' && o.kind !== 'Service') return { message: 'routes are shown for pods and services' };
  return { view: { type: 'routes', title: `routes to ${o.kind.toLowerCase()} ${name(o)}`, namespace: undefined, to: { kind: o.kind, namespace: String(ns(o)), name: name(o) }, filter: '' } };
}

/** What Enter does on an object of a resource. */
export function drill(session: ClusterSession, resource: string, o: KubeObject): DrillResult {
  const id = resource === 'ingresses' ? 'ingresses.networking.k8s.io' : resource;
  const f = DRILLS[id] ?? (resource.startsWith('ingresses.') ? DRILLS['ingresses.networking.k8s.io'] : undefined);
  return f ? f(o, session) : { message: `nothing to drill into from ${resource}` };
}

/** A table of just one object, by API version, kind and name, with the cursor on it. */
function objectView(session: ClusterSession, ref: { apiVersion?: string; kind?: string; name?: string }, namespace: string | undefined, what: string): DrillResult {
  const apiVersion = String(ref.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const r = session.discovery.resources.find((x) => x.kind === ref.kind && x.group === group);
  if (!r || !ref.name) return { message: `the ${what} kind ${ref.kind ?? '?'} is not served` };
  const at = r.namespaced ? namespace : undefined;
  return { view: { type: 'resources', resource: resourceId(r), namespace: at, title: `${String(ref.kind).toLowerCase()} ${ref.name}`, scope: { kind: 'names', names: [ref.name] }, filter: '', cursor: at ? `${at}/${ref.name}` : ref.name } };
}

/** The view of an object's controlling owner (`J`), or a message when it has none. */
export function ownerView(session: ClusterSession, o: KubeObject): DrillResult {
  const ref = controllerOf(o) ?? ownerRefs(o)[0];
  if (!ref) return { message: `${name(o)} has no owner` };
  return objectView(session, ref, ns(o), 'owner');
}

/** Enter on an event: the object it is about. */
function eventObject(o: KubeObject, session: ClusterSession): DrillResult {
  const io = o.involvedObject ?? o.regarding;
  if (!io?.kind) return { message: 'this event names no object' };
  return objectView(session, io, io.namespace ?? ns(o), 'event\'s object');
}
