import type { KubeObject } from '../types.js';

/** `namespace/name`, or `name` for cluster-scoped objects: how indexes identify an object. */
export function keyOf(o: KubeObject): string {
  const m = o?.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : String(m.name ?? '');
}
