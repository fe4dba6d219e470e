import type { KubeObject, OwnerReference } from '../../model/types.js';
import type { SimApi } from '../api/api-server.js';
import type { SimClock, SimTimer } from '../clock.js';
import type { ImageCatalog } from '../images.js';
import { objectKey, type ObjectStore, type StoreEvent } from '../store.js';
import type { EventRecorder } from './event-recorder.js';

/** A reconciler of one kind of object, woken by store events and timers. */
export interface Controller {
  readonly name: string;
  /** For each watched resource key, the queue keys an event wakes (usually `ns/name` of the primary). */
  readonly triggers: Record<string, (ev: StoreEvent) => string[]>;
  /** Brings the world one step closer to the desired state of one queue key. */
  reconcile(key: string): void;
}

/** The queue key of an object: `namespace/name`. */
export function keyOf(obj: KubeObject): string {
  return objectKey(obj.metadata?.namespace, obj.metadata?.name ?? '');
}

/** Splits a queue key back into namespace and name. */
export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

/** The controlling owner reference of an object, if any. */
export function controllerRef(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller);
}

/** Wakes the controller of an object's controlling owner of a given kind. */
export function wakeOwner(kind: string) {
  return (ev: StoreEvent): string[] => {
    const ref = controllerRef(ev.object);
    return ref && ref.kind === kind ? [objectKey(ev.object.metadata?.namespace, ref.name)] : [];
  };
}

/** Wakes the object itself. */
export const wakeSelf = (ev: StoreEvent): string[] => [keyOf(ev.object)];

/** An owner reference that marks `owner` as the controller of a new object. */
export function ownerRefTo(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata!.name!, uid: owner.metadata!.uid!, controller: true, blockOwnerDeletion: true };
}

/**
 * What controllers share: the store, the clock, the event recorder and a work queue.
 *
 * Writes that would not change an object are skipped, so controllers can write
 * their whole view every time without waking each other forever.
 */
export class ControllerHost {
  private readonly controllers: Controller[] = [];
  private readonly queues = new Map<Controller, Set<string>>();
  private readonly owners = new Map<string, Map<string, Set<string>>>();
  private scheduled = false;
  private draining = false;
  private stopped = false;
  private readonly unsubscribes: (() => void)[] = [];
  /** Reconcile failures (bad user objects must not stop the cluster); the last 100 are kept. */
  readonly errors: { controller: string; key: string; message: string }[] = [];

  constructor(
    readonly api: SimApi,
    readonly store: ObjectStore,
    readonly clock: SimClock,
    readonly events: EventRecorder,
    readonly images: ImageCatalog,
  ) {
    clock.onSettle(() => this.drain());
    const record = (source: string) => (e: unknown) => this.recordError(source, '', e);
    clock.onError = record('clock');
    store.onListenerError = record('store-listener');
  }

  /** Registers a controller and subscribes it to its triggers. */
  add(c: Controller): void {
    this.controllers.push(c);
    this.queues.set(c, new Set());
    for (const [resource, map] of Object.entries(c.triggers)) {
      this.trackOwners(resource);
      this.unsubscribes.push(this.store.subscribe(resource, (ev) => this.enqueue(c, ...map(ev))));
    }
  }

  /** Queues keys for a controller and schedules a drain. */
  enqueue(c: Controller, ...keys: string[]): void {
    if (this.stopped || keys.length === 0) return;
    const q = this.queues.get(c)!;
    for (const k of keys) q.add(k);
    if (!this.scheduled && !this.draining) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** Queues every existing object of a resource for a controller (start-up). */
  enqueueAll(c: Controller, resource: string): void {
    this.enqueue(c, ...this.store.list(resource).map(keyOf));
  }

  /** Wakes a controller for a key after `ms` of simulated time. */
  wakeAfter(c: Controller, key: string, ms: number): SimTimer {
    return this.clock.after(ms, () => this.enqueue(c, key));
  }

  /** Runs queued reconciles until nothing is left. */
  drain(): void {
    this.scheduled = false;
    if (this.draining || this.stopped) return;
    this.draining = true;
    try {
      for (let rounds = 0; rounds < 100_000; rounds++) {
        let did = false;
        for (const c of this.controllers) {
          const q = this.queues.get(c)!;
          if (!q.size) continue;
          const keys = [...q];
          q.clear();
          for (const k of keys) this.reconcileSafely(c, k);
          did = true;
        }
        if (!did) break;
      }
    } finally {
      this.draining = false;
    }
  }

  private reconcileSafely(c: Controller, key: string): void {
    try {
      c.reconcile(key);
    } catch (e) {
      // A real controller logs, requeues with back-off and carries on; one bad object stops nothing.
      this.recordError(c.name, key, e);
      this.wakeAfter(c, key, 5_000);
    }
  }

  private recordError(controller: string, key: string, e: unknown): void {
    this.errors.push({ controller, key, message: e instanceof Error ? e.message : String(e) });
    if (this.errors.length > 100) this.errors.shift();
  }

  /** The objects of a resource whose owner references name `uid`. */
  owned(resource: string, uid: string | undefined): KubeObject[] {
    if (!uid) return [];
    const keys = this.owners.get(resource)?.get(uid);
    if (!keys) return [];
    const out: KubeObject[] = [];
    for (const k of keys) {
      const [ns, name] = splitKey(k);
      const o = this.store.get(resource, ns, name);
      if (o) out.push(o);
    }
    return out;
  }

  /** Creates an object through the API semantics (defaults, validation, admission). */
  create(resource: string, obj: KubeObject): KubeObject {
    const r = this.api.registry.get(resource)!;
    return this.api.create(r, obj.metadata?.namespace, obj);
  }

  /** Replaces an object unless nothing would change; returns the stored object. */
  update(resource: string, next: KubeObject): KubeObject {
    const cur = this.store.get(resource, next.metadata?.namespace, next.metadata!.name!);
    if (!cur) return next;
    if (sameObject(cur, next)) return cur;
    return this.store.update(resource, next);
  }

  /** Sets an object's status unless it is unchanged. */
  setStatus(resource: string, obj: KubeObject, status: Record<string, unknown>): KubeObject {
    return this.update(resource, { ...obj, status });
  }

  /** Deletes an object through the API semantics (graceful for pods). */
  delete(resource: string, obj: KubeObject, gracePeriodSeconds?: number): void {
    const r = this.api.registry.get(resource)!;
    if (!this.store.get(resource, obj.metadata?.namespace, obj.metadata!.name!)) return;
    this.api.delete(r, obj.metadata?.namespace, obj.metadata!.name!, { gracePeriodSeconds });
  }

  /** Stops all controllers. */
  stop(): void {
    this.stopped = true;
    for (const u of this.unsubscribes) u();
  }

  /** Maintains the owner index of a resource, so that `owned` can answer for it. */
  trackOwners(resource: string): void {
    if (this.owners.has(resource)) return;
    const index = new Map<string, Set<string>>();
    this.owners.set(resource, index);
    const add = (o: KubeObject) => {
      for (const ref of o.metadata?.ownerReferences ?? []) {
        let set = index.get(ref.uid);
        if (!set) index.set(ref.uid, (set = new Set()));
        set.add(keyOf(o));
      }
    };
    const remove = (o: KubeObject | undefined) => {
      for (const ref of o?.metadata?.ownerReferences ?? []) {
        const set = index.get(ref.uid);
        set?.delete(keyOf(o!));
        if (set && !set.size) index.delete(ref.uid);
      }
    };
    for (const o of this.store.list(resource)) add(o);
    this.unsubscribes.push(
      this.store.subscribe(resource, (ev) => {
        remove(ev.prev);
        if (ev.type === 'DELETED') remove(ev.object);
        else add(ev.object);
      }),
    );
  }
}

// Compared structurally, with JSON's view of equality (a key set to undefined is no key), and
// without serialising: a status update shares every other field with the stored object, and the
// demo's warm-up runs thousands of these before serving.
function sameObject(a: KubeObject, b: KubeObject): boolean {
  return sameValue(a, b, IGNORED_TOP);
}

// What a write may differ in and still be no change: the server's counters.
const IGNORED_TOP: ReadonlySet<string> = new Set();
const IGNORED_META: ReadonlySet<string> = new Set(['resourceVersion', 'generation']);

function sameValue(a: unknown, b: unknown, ignored: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i], NONE)) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k in x) {
    if (x[k] === undefined || ignored.has(k)) continue;
    if (!sameValue(x[k], y[k], ignored === IGNORED_TOP && k === 'metadata' ? IGNORED_META : NONE)) return false;
  }
  for (const k in y) if (y[k] !== undefined && x[k] === undefined && !ignored.has(k)) return false;
  return true;
}
const NONE: ReadonlySet<string> = new Set();
