import type { KubeObject, ObjectChange } from '../types.js';

/**
 * Objects of one kind by namespace and name, for the lookups a route trace makes
 * (a Service by name, does this Secret exist, the ReplicaSet a pod names).
 */
export class NamedIndex<T extends KubeObject = KubeObject> {
  private readonly byNamespace = new Map<string, Map<string, T>>();

  /** Applies one change. */
  apply(change: ObjectChange<T>): void {
    const before = change.previous ?? (change.type === 'delete' ? change.object : undefined);
    if (before) this.byNamespace.get(nsOf(before))?.delete(nameOf(before));
    if (change.type === 'delete') return;
    const ns = nsOf(change.object);
    let m = this.byNamespace.get(ns);
    if (!m) this.byNamespace.set(ns, (m = new Map()));
    m.set(nameOf(change.object), change.object);
  }

  /** The object of that name ('' namespace for cluster-scoped kinds). */
  get(namespace: string | undefined, name: string): T | undefined {
    return this.byNamespace.get(namespace ?? '')?.get(name);
  }

  /** Every object in a namespace (undefined: all). */
  list(namespace?: string): T[] {
    if (namespace !== undefined) return [...(this.byNamespace.get(namespace)?.values() ?? [])];
    return [...this.byNamespace.values()].flatMap((m) => [...m.values()]);
  }
}

const nsOf = (o: KubeObject): string => o?.metadata?.namespace ?? '';
const nameOf = (o: KubeObject): string => String(o?.metadata?.name ?? '');
