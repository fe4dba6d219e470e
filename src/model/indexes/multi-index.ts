import type { KubeObject, ObjectChange } from '../types.js';
import { keyOf } from './object-key.js';

/**
 * Objects grouped under the keys a function derives from each (pods by node, events by
 * involved object, slices by Service). Each change costs the number of keys of the object
 * involved, never the size of the cluster.
 */
export class MultiIndex<T extends KubeObject = KubeObject> {
  private readonly buckets = new Map<string, Map<string, T>>();

  constructor(private readonly keysOf: (o: T) => readonly string[]) {}

  /** Applies one change. */
  apply(change: ObjectChange<T>): void {
    const before = change.previous ?? (change.type === 'delete' ? change.object : undefined);
    if (before) this.remove(before);
    if (change.type !== 'delete') this.add(change.object);
  }

  /** The objects under a key (an empty list when none). */
  get(key: string): T[] {
    const b = this.buckets.get(key);
    return b ? [...b.values()] : [];
  }

  /** How many objects are under a key. */
  count(key: string): number {
    return this.buckets.get(key)?.size ?? 0;
  }

  /** Every key that has objects. */
  keys(): IterableIterator<string> {
    return this.buckets.keys();
  }

  private safeKeys(o: T): readonly string[] {
    try {
      return this.keysOf(o);
    } catch {
      // Malformed objects are simply not indexed.
      return [];
    }
  }

  private add(o: T): void {
    const id = keyOf(o);
    for (const k of this.safeKeys(o)) {
      let b = this.buckets.get(k);
      if (!b) this.buckets.set(k, (b = new Map()));
      b.set(id, o);
    }
  }

  private remove(o: T): void {
    const id = keyOf(o);
    for (const k of this.safeKeys(o)) {
      const b = this.buckets.get(k);
      if (!b) continue;
      b.delete(id);
      if (b.size === 0) this.buckets.delete(k);
    }
  }
}
