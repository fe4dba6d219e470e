import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../model/types.js';
import { jsonEqual } from '../model/json-equal.js';

/** A change recorded in the store's history, as a watch replays it. */
export interface StoreEvent {
  rv: number;
  key: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
  /** The state before a MODIFIED event, so that filtered watches can tell entry from exit. */
  prev?: KubeObject;
}

/** Receives store events for one resource key. */
export type StoreListener = (event: StoreEvent) => void;

/** Thrown when a watch or continue token asks for history the store has dropped. */
export class GoneError extends Error {
  constructor(readonly requested: number, readonly oldest: number) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}

/** Formats epoch milliseconds the way the API server stamps objects (RFC 3339, seconds). */
export function timestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

// Group kinds whose registry strategy never sets a generation (as a real server returns them).
const NO_GENERATION = new Set([
  'horizontalpodautoscalers.autoscaling',
  'controllerrevisions.apps',
  'roles.rbac.authorization.k8s.io',
  'rolebindings.rbac.authorization.k8s.io',
  'clusterroles.rbac.authorization.k8s.io',
  'clusterrolebindings.rbac.authorization.k8s.io',
]);

/** Whether objects of a resource carry metadata.generation: core kinds (pods, services...) do not, nor HPAs and RBAC objects. */
export function tracksGeneration(key: string): boolean {
  return key.includes('.') && !NO_GENERATION.has(key);
}

/** The key of an object inside its resource's table. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/**
 * The simulated cluster's etcd: objects per resource, one monotonically increasing
 * resourceVersion, and a bounded history that watches resume from.
 *
 * Stored objects are never mutated in place; every write stores a new object, so a
 * list snapshot is just an array of references.
 */
export class ObjectStore {
  private version = 1;
  private readonly tables = new Map<string, Map<string, KubeObject>>();
  private readonly listeners = new Map<string, Set<StoreListener>>();
  private history: StoreEvent[] = [];
  /** Events at or below this resourceVersion are no longer in the history. */
  private compactedRv = 0;

  /** Receives exceptions thrown by listeners. */
  onListenerError: (e: unknown) => void = () => {};

  constructor(private readonly now: () => number, private readonly historyLimit = 50_000) {}

  /** The current (latest) resourceVersion. */
  get resourceVersion(): number {
    return this.version;
  }

  private table(key: string): Map<string, KubeObject> {
    let t = this.tables.get(key);
    if (!t) this.tables.set(key, (t = new Map()));
    return t;
  }

  /** One object, or undefined. */
  get(key: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.tables.get(key)?.get(objectKey(namespace, name));
  }

  /** Every object of a resource (optionally one namespace), sorted by namespace then name. */
  list(key: string, namespace?: string): KubeObject[] {
    const t = this.tables.get(key);
    if (!t) return [];
    const out: KubeObject[] = [];
    for (const obj of t.values()) if (!namespace || obj.metadata?.namespace === namespace) out.push(obj);
    return out.sort((a, b) => compareKeys(a, b));
  }

  /** How many objects a resource has. */
  count(key: string): number {
    return this.tables.get(key)?.size ?? 0;
  }

  /** Stores a new object: assigns uid, creationTimestamp, generation and resourceVersion. */
  create(key: string, obj: KubeObject): KubeObject {
    const meta = obj.metadata ?? {};
    const stored: KubeObject = {
      ...obj,
      metadata: {
        ...meta,
        uid: meta.uid ?? randomUUID(),
        creationTimestamp: meta.creationTimestamp ?? timestamp(this.now()),
        resourceVersion: String(++this.version),
        ...(tracksGeneration(key) ? { generation: 1 } : {}),
      },
    };
    if (!tracksGeneration(key)) delete stored.metadata!.generation;
    this.table(key).set(objectKey(meta.namespace, meta.name!), stored);
    this.record(key, 'ADDED', stored);
    return stored;
  }

  /**
   * Stores an object exactly as given (a snapshot's: uid, timestamps, generation and resourceVersion
   * kept); the store's resourceVersion moves past it, so that later writes still order after it.
   */
  restore(key: string, obj: KubeObject): KubeObject {
    const meta = obj.metadata ?? {};
    const rv = Number(meta.resourceVersion);
    const stored: KubeObject = { ...obj, metadata: { ...meta, resourceVersion: String(Number.isSafeInteger(rv) && rv > 0 ? rv : this.version + 1) } };
    this.version = Math.max(this.version + 1, Number(stored.metadata!.resourceVersion));
    this.table(key).set(objectKey(meta.namespace, meta.name!), stored);
    this.record(key, 'ADDED', stored);
    return stored;
  }

  /** Replaces an object; bumps generation when its spec changed. */
  update(key: string, obj: KubeObject): KubeObject {
    const meta = obj.metadata!;
    const prev = this.get(key, meta.namespace, meta.name!);
    if (!prev) throw new Error(`update of missing object ${key} ${meta.namespace}/${meta.name}`);
    // A status write carries the stored spec itself: nothing to serialise.
    const specChanged = obj.spec !== undefined && obj.spec !== prev.spec && !jsonEqual(obj.spec, prev.spec);
    const generation = (prev.metadata?.generation ?? 1) + (specChanged ? 1 : 0);
    const stored: KubeObject = {
      ...obj,
      metadata: {
        ...meta,
        uid: prev.metadata!.uid,
        creationTimestamp: prev.metadata!.creationTimestamp,
        resourceVersion: String(++this.version),
        ...(tracksGeneration(key) ? { generation } : {}),
      },
    };
    if (!tracksGeneration(key)) delete stored.metadata!.generation;
    this.table(key).set(objectKey(meta.namespace, meta.name!), stored);
    this.record(key, 'MODIFIED', stored, prev);
    return stored;
  }

  /** Removes an object; the DELETED event carries its last state with a new resourceVersion. */
  remove(key: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const prev = this.get(key, namespace, name);
    if (!prev) return undefined;
    this.tables.get(key)!.delete(objectKey(namespace, name));
    const last = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(++this.version) } };
    this.record(key, 'DELETED', last);
    return last;
  }

  /** Subscribes to live events of one resource. */
  subscribe(key: string, listener: StoreListener): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set!.delete(listener);
  }

  /** The recorded events of a resource after `rv`; throws GoneError if they were dropped. */
  since(key: string, rv: number): StoreEvent[] {
    if (rv < this.compactedRv) throw new GoneError(rv, this.compactedRv + 1);
    return this.history.filter((e) => e.rv > rv && e.key === key);
  }

  /** Drops all history up to now, as an etcd compaction does (a fault switch). */
  compact(): void {
    this.compactedRv = this.version;
    this.history = [];
  }

  /** Number of open subscriptions, for leak checks. */
  listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  private record(key: string, type: StoreEvent['type'], object: KubeObject, prev?: KubeObject): void {
    const event: StoreEvent = { rv: this.version, key, type, object, prev };
    this.history.push(event);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      this.compactedRv = dropped[dropped.length - 1].rv;
    }
    const set = this.listeners.get(key);
    if (!set) return;
    for (const l of [...set]) {
      try {
        l(event);
      } catch (e) {
        // One failing listener must not keep the event from the others (watches, controllers).
        this.onListenerError(e);
      }
    }
  }
}

function compareKeys(a: KubeObject, b: KubeObject): number {
  const an = a.metadata?.namespace ?? '';
  const bn = b.metadata?.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const a2 = a.metadata?.name ?? '';
  const b2 = b.metadata?.name ?? '';
  return a2 < b2 ? -1 : a2 > b2 ? 1 : 0;
}
