import type { Selector } from '../label-selector.js';
import type { KubeObject, ObjectChange } from '../types.js';
import { IngressIndex } from './ingress-index.js';
import { LabelIndex } from './label-index.js';
import { MultiIndex } from './multi-index.js';
import { eventNameKey, eventObjectKeys, ownerUidKeys, podNodeKeys, sliceServiceKeys } from './relation-keys.js';

/**
 * The relation indexes kdrill's screens query: pods by labels, node and owner; Ingresses by
 * host and Service; EndpointSlices and Endpoints by Service; Events by involved object.
 * Fed change by change from the watch caches; each change costs O(its own size).
 */
export class ClusterIndexes {
  readonly pods = new LabelIndex();
  readonly podsByNode = new MultiIndex(podNodeKeys);
  readonly byOwner = new MultiIndex(ownerUidKeys);
  readonly ingresses = new IngressIndex();
  readonly slicesByService = new MultiIndex(sliceServiceKeys);
  readonly endpointsByService = new MultiIndex((e: KubeObject) => [`${e?.metadata?.namespace ?? ''}/${e?.metadata?.name ?? ''}`]);
  readonly events = new MultiIndex(eventObjectKeys);

  // Which indexes each resource feeds (resource ids as discovery names them).
  private readonly routes: Record<string, ((c: ObjectChange) => void)[]> = {
    pods: [(c) => this.pods.apply(c), (c) => this.podsByNode.apply(c), (c) => this.byOwner.apply(c)],
    'replicasets.apps': [(c) => this.byOwner.apply(c)],
    'jobs.batch': [(c) => this.byOwner.apply(c)],
    'controllerrevisions.apps': [(c) => this.byOwner.apply(c)],
    'ingresses.networking.k8s.io': [(c) => this.ingresses.apply(c)],
    'ingresses.extensions': [(c) => this.ingresses.apply(c)],
    'endpointslices.discovery.k8s.io': [(c) => this.slicesByService.apply(c)],
    endpoints: [(c) => this.endpointsByService.apply(c)],
    events: [(c) => this.events.apply(c)],
    'events.events.k8s.io': [(c) => this.events.apply(c)],
  };

  /** The resource ids whose caches feed these indexes. */
  get resources(): string[] {
    return Object.keys(this.routes);
  }

  /** Applies a change of a resource (ignored when no index needs that resource). */
  apply(resourceId: string, change: ObjectChange): void {
    for (const f of this.routes[resourceId] ?? []) f(change);
  }

  /** The pods a selector picks in a namespace. */
  podsFor(namespace: string, selector: Selector | null): KubeObject[] {
    return this.pods.select(namespace, selector);
  }

  /** The objects an owner (by uid) controls or owns. */
  ownedBy(uid: string | undefined): KubeObject[] {
    return uid ? this.byOwner.get(uid) : [];
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
