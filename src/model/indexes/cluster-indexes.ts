import type { Selector } from '../label-selector.js';
import type { KubeObject, ObjectChange } from '../types.js';
import { GatewayIndex, ROUTE_KIND_RESOURCES } from './gateway-index.js';
import { IngressIndex } from './ingress-index.js';
import { LabelIndex } from './label-index.js';
import { MultiIndex } from './multi-index.js';
import { NamedIndex } from './named-index.js';
import { eventNameKey, eventObjectKeys, ownerUidKeys, podNodeKeys, sliceServiceKeys } from './relation-keys.js';

/** The reason given for a resource the cluster does not serve (its absence is not a fault). */
export const NOT_SERVED = 'not served by this cluster';

/** Why a resource is missing while its first list is still on its way. */
export const STILL_LOADING = 'still loading';

/** Why a resource's objects are missing from the indexes (e.g. listing Secrets is forbidden). */
export type Unavailable = Map<string, string>;

/**
 * The relation indexes kdrill's screens query: pods by labels, node and owner; Ingresses by
 * host and Service; EndpointSlices and Endpoints by Service; Events by involved object;
 * Services, Secrets, IngressClasses, namespaces and workloads by name; Gateway API objects (see GatewayIndex); quotas and limit ranges by namespace. Fed change by change from the
 * watch caches; each change costs O(its own size).
 */
export class ClusterIndexes {
  readonly pods = new LabelIndex();
  readonly podsByNode = new MultiIndex(podNodeKeys);
  readonly byOwner = new MultiIndex(ownerUidKeys);
  readonly ingresses = new IngressIndex();
  /** Gateway API objects: Gateways, GatewayClasses, routes, ReferenceGrants. */
  readonly gateway = new GatewayIndex();
  /** Namespaces by name (their labels decide a listener's allowedRoutes selector). */
  readonly namespaces = new NamedIndex();
  readonly slicesByService = new MultiIndex(sliceServiceKeys);
  readonly endpointsByService = new MultiIndex((e: KubeObject) => [`${e?.metadata?.namespace ?? ''}/${e?.metadata?.name ?? ''}`]);
  readonly events = new MultiIndex(eventObjectKeys);
  readonly services = new NamedIndex();
  /** Nodes by name (their addresses are where host ports and node ports take traffic). */
  readonly nodes = new NamedIndex();
  readonly secrets = new NamedIndex();
  readonly ingressClasses = new NamedIndex();
  readonly replicaSets = new NamedIndex();
  readonly deployments = new NamedIndex();
  readonly statefulSets = new NamedIndex();
  readonly daemonSets = new NamedIndex();
  /** ResourceQuotas and LimitRanges by namespace (what `describe namespace` lists). */
  readonly quotas = new MultiIndex((o: KubeObject) => [o?.metadata?.namespace ?? '']);
  readonly limitRanges = new MultiIndex((o: KubeObject) => [o?.metadata?.namespace ?? '']);
  /** Resources the indexes lack, with the reason (forbidden, not served); their absence proves nothing. */
  readonly unavailable: Unavailable = new Map();
  private version = 0;
  private readonly versions = new Map<string, number>();
  private readonly listeners = new Set<() => void>();

  // Which indexes each resource feeds (resource ids as discovery names them).
  private readonly routes: Record<string, ((c: ObjectChange) => void)[]> = {
    pods: [(c) => this.pods.apply(c), (c) => this.podsByNode.apply(c), (c) => this.byOwner.apply(c)],
    'replicasets.apps': [(c) => this.byOwner.apply(c), (c) => this.replicaSets.apply(c)],
    'deployments.apps': [(c) => this.deployments.apply(c)],
    'statefulsets.apps': [(c) => this.statefulSets.apply(c)],
    'daemonsets.apps': [(c) => this.daemonSets.apply(c)],
    services: [(c) => this.services.apply(c)],
    nodes: [(c) => this.nodes.apply(c)],
    secrets: [(c) => this.secrets.apply(c)],
    'ingressclasses.networking.k8s.io': [(c) => this.ingressClasses.apply(c)],
    'jobs.batch': [(c) => this.byOwner.apply(c)],
    'ingresses.networking.k8s.io': [(c) => this.ingresses.apply(c)],
    'ingresses.extensions': [(c) => this.ingresses.apply(c)],
    'endpointslices.discovery.k8s.io': [(c) => this.slicesByService.apply(c)],
    endpoints: [(c) => this.endpointsByService.apply(c)],
    events: [(c) => this.events.apply(c)],
    resourcequotas: [(c) => this.quotas.apply(c)],
    limitranges: [(c) => this.limitRanges.apply(c)],
    namespaces: [(c) => this.namespaces.apply(c)],
    'gateways.gateway.networking.k8s.io': [(c) => this.gateway.gateways.apply(c)],
    'gatewayclasses.gateway.networking.k8s.io': [(c) => this.gateway.classes.apply(c)],
    'referencegrants.gateway.networking.k8s.io': [(c) => this.gateway.grants.apply(c)],
    ...Object.fromEntries(Object.entries(ROUTE_KIND_RESOURCES).map(([kind, id]) => [id, [(c: ObjectChange) => this.gateway.applyRoute(kind, c)]])),
  };

  /** The resource ids whose caches feed these indexes (all but nodes, which are fed on demand). */
  get resources(): string[] {
    // Nodes feed the indexes only when a command asks for them (a route trace's entry points): the explorer has its own node views.
    return Object.keys(this.routes).filter((id) => id !== 'nodes');
  }

  /** Applies a change of a resource (ignored when no index needs that resource). */
  apply(resourceId: string, change: ObjectChange): void {
    for (const f of this.routes[resourceId] ?? []) f(change);
  }

  /** Says that a batch of changes (of one resource, if given) has been applied: bumps the versions and tells subscribers. */
  changed(resourceId?: string): void {
    this.version++;
    if (resourceId) this.versions.set(resourceId, (this.versions.get(resourceId) ?? 0) + 1);
    for (const l of this.listeners) l();
  }

  /** A number that changes only when one of these resources does (screens that ignore, say, events). */
  versionOf(resourceIds: Iterable<string>): number {
    let v = 0;
    for (const id of resourceIds) v += this.versions.get(id) ?? 0;
    return v;
  }

  /** A number that changes with every applied batch (a useSyncExternalStore snapshot). */
  getVersion = (): number => this.version;

  /** Calls `listener` after each applied batch; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The object of a kind by name, for owner chains (kinds the indexes hold by name). */
  lookup = (kind: string, namespace: string | undefined, name: string): KubeObject | undefined => {
    const byKind: Record<string, NamedIndex> = { ReplicaSet: this.replicaSets, Deployment: this.deployments, StatefulSet: this.statefulSets, DaemonSet: this.daemonSets, Service: this.services };
    return byKind[kind]?.get(namespace, name);
  };

  /** The pods a selector picks in a namespace. */
  podsFor(namespace: string, selector: Selector | null): KubeObject[] {
    return this.pods.select(namespace, selector);
  }

  /** The objects an owner (by uid) controls or owns. */
  ownedBy(uid: string | undefined): KubeObject[] {
    return uid ? this.byOwner.get(uid) : [];
  }

  /**
   * The events of an object and of what it owns, two levels down (a Deployment's ReplicaSets
   * and their pods; a Job's pods), merged oldest first: what happened to a workload.
   */
  eventsOfTree(obj: KubeObject, extra: readonly KubeObject[] = []): KubeObject[] {
    const objects = [obj, ...extra];
    for (const child of this.ownedBy(obj.metadata?.uid)) objects.push(child, ...this.ownedBy(child.metadata?.uid));
    const seen = new Map<string, KubeObject>();
    for (const o of objects) for (const e of this.eventsFor(o)) seen.set(`${e.metadata?.namespace}/${e.metadata?.name}`, e);
    return [...seen.values()].sort((a, b) => eventTime(a) - eventTime(b));
  }

  /** The events about an object, by uid and by kind/namespace/name, oldest first. */
  eventsFor(obj: KubeObject): KubeObject[] {
    const m = obj?.metadata ?? {};
    const found = new Map<string, KubeObject>();
    for (const e of [...(m.uid ? this.events.get(m.uid) : []), ...this.events.get(eventNameKey(String(obj?.kind), m.namespace, String(m.name)))]) {
      const io = e.involvedObject ?? e.regarding ?? {};
      // An event of an earlier object of the same name (another uid) is not about this one.
      if (io.uid && m.uid && io.uid !== m.uid) continue;
      found.set(`${e.metadata?.namespace}/${e.metadata?.name}`, e);
    }
    return [...found.values()].sort((a, b) => eventTime(a) - eventTime(b));
  }
}

function eventTime(e: KubeObject): number {
  const t = Date.parse(e.lastTimestamp ?? e.eventTime ?? e.deprecatedLastTimestamp ?? e.metadata?.creationTimestamp ?? '');
  return Number.isNaN(t) ? 0 : t;
}
