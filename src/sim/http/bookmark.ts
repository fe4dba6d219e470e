import type { SimResource } from '../resources.js';

// The zero value of a kind's Go type, as a real server serializes the object of a BOOKMARK: only
// non-omitempty fields appear. Recorded for Pods (watch/watch-from-rv.jsonl); other kinds carry no spec.
const EMPTY_BODY: Record<string, Record<string, unknown>> = {
  pods: { spec: { containers: null }, status: {} },
};

/** The object of a BOOKMARK event: the kind, its apiVersion and only the resourceVersion. */
export function bookmarkObject(r: SimResource, resourceVersion: string): Record<string, unknown> {
  const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
  const body = !r.group && !r.crd ? EMPTY_BODY[r.resource] : undefined;
  return { kind: r.kind, apiVersion, metadata: { resourceVersion }, ...(body ? structuredClone(body) : {}) };
}
