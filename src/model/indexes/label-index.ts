import { matches, type Selector } from '../label-selector.js';
import type { KubeObject, ObjectChange } from '../types.js';
import { keyOf } from './object-key.js';

// Labels are strings; anything else a malformed object carries is not indexed.
const labelsOf = (o: KubeObject): Record<string, string> => {
  const l = o?.metadata?.labels;
  if (!l || typeof l !== 'object') return {};
  return Object.fromEntries(Object.entries(l).filter(([, v]) => typeof v === 'string'));
};

/**
 * Objects by namespace and label, answering label selectors without scanning: the
 * smallest `key=value` bucket a selector names is the candidate set, then the full
 * selector filters it. Selectors with no equality fall back to the namespace.
 */
export class LabelIndex<T extends KubeObject = KubeObject> {
  // namespace → "key=value" → objects
  private readonly byLabel = new Map<string, Map<string, Map<string, T>>>();
  private readonly byNamespace = new Map<string, Map<string, T>>();

  /** Applies one change. */
  apply(change: ObjectChange<T>): void {
    const before = change.previous ?? (change.type === 'delete' ? change.object : undefined);
    if (before) this.remove(before);
    if (change.type !== 'delete') this.add(change.object);
  }

  /** The objects in `namespace` (undefined: all) that a selector picks; null selects nothing. */
  select(namespace: string | undefined, selector: Selector | null): T[] {
    if (!selector) return [];
    const namespaces = namespace !== undefined ? [namespace] : [...this.byNamespace.keys()];
    const out: T[] = [];
    for (const ns of namespaces) {
      const labels = this.byLabel.get(ns);
      let candidates: Map<string, T> | undefined = this.byNamespace.get(ns);
      if (!candidates || !labels) continue;
      for (const r of selector) {
        if (r.op !== 'in') continue;
        // For `in (a,b)` the candidates are the union; for `=` a single bucket.
        if (r.values.length === 1) {
          const bucket = labels.get(`${r.key}=${r.values[0]}`);
          if (!bucket) {
            candidates = undefined;
            break;
          }
          if (bucket.size < candidates!.size) candidates = bucket;
        }
      }
      if (!candidates) continue;
      for (const o of candidates.values()) if (matches(selector, labelsOf(o))) out.push(o);
    }
    return out;
  }

  /** Every object in a namespace (undefined: all). */
  all(namespace?: string): T[] {
    if (namespace !== undefined) return [...(this.byNamespace.get(namespace)?.values() ?? [])];
    return [...this.byNamespace.values()].flatMap((m) => [...m.values()]);
  }

  private add(o: T): void {
    const ns = o?.metadata?.namespace ?? '';
    const id = keyOf(o);
    let nsMap = this.byNamespace.get(ns);
    if (!nsMap) this.byNamespace.set(ns, (nsMap = new Map()));
    nsMap.set(id, o);
    let labels = this.byLabel.get(ns);
    if (!labels) this.byLabel.set(ns, (labels = new Map()));
    for (const [k, v] of Object.entries(labelsOf(o))) {
      const lk = `${k}=${v}`;
      let b = labels.get(lk);
      if (!b) labels.set(lk, (b = new Map()));
      b.set(id, o);
    }
  }

  private remove(o: T): void {
    const ns = o?.metadata?.namespace ?? '';
    const id = keyOf(o);
    const nsMap = this.byNamespace.get(ns);
    nsMap?.delete(id);
    if (nsMap && nsMap.size === 0) this.byNamespace.delete(ns);
    const labels = this.byLabel.get(ns);
    if (!labels) return;
    for (const [k, v] of Object.entries(labelsOf(o))) {
      const lk = `${k}=${v}`;
      const b = labels.get(lk);
      b?.delete(id);
      if (b && b.size === 0) labels.delete(lk);
    }
    if (labels.size === 0) this.byLabel.delete(ns);
  }
}
