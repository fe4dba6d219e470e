import type { KubeObject } from '../../model/types.js';

// List items are keyed in a field set by their merge key (the first that fits), as server-side apply records them.
const MERGE_KEYS = [['containerPort', 'protocol'], ['uid'], ['mountPath'], ['type'], ['ip'], ['name']];
// Structs the schema marks atomic: owned whole, with no fields of their own in the set.
const ATOMIC = new Set(['secretKeyRef', 'configMapKeyRef', 'fieldRef', 'resourceFieldRef']);
// A list a pod cannot lack: the set names its items, not the list.
const REQUIRED_LISTS = new Set(['containers']);
// Lists whose items are owned whole: the set names each item and none of its fields.
const ATOMIC_ITEMS = new Set(['ownerReferences']);

/** The merge key of a list item (`k:{"name":"app"}`), or undefined for an atomic list's item. */
function mergeKey(item: unknown): string | undefined {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const o = item as Record<string, unknown>;
  const keys = MERGE_KEYS.find((ks) => ks.every((k) => o[k] !== undefined));
  return keys && `k:${JSON.stringify(Object.fromEntries(keys.map((k) => [k, o[k]])))}`;
}

/**
 * The FieldsV1 set of what a manager wrote, as a real API server records it: `f:` for each field,
 * `k:{...}` for each keyed list item, `.` for a map, list or item owned as a whole; the object and
 * its sections (metadata, spec, status) carry no `.`. `depth` 0 is the object.
 */
export function fieldsV1(value: unknown, depth = 0, name = ''): Record<string, unknown> {
  const dot = depth >= 2 ? { '.': {} } : {};
  if (Array.isArray(value)) {
    if (!value.length || !value.every((v) => mergeKey(v))) return {};
    return Object.fromEntries([...Object.entries(REQUIRED_LISTS.has(name) ? {} : dot), ...value.map((v) => [mergeKey(v)!, ATOMIC_ITEMS.has(name) ? {} : fieldsV1(v, depth + 1)])]);
  }
  // A scalar, an atomic struct, or an empty map (owned as a value, as `securityContext: {}` is).
  if (!value || typeof value !== 'object' || ATOMIC.has(name) || !Object.keys(value).length) return {};
  const out: Record<string, unknown> = { ...dot };
  for (const [k, v] of Object.entries(value)) out[`f:${k}`] = fieldsV1(v, depth + 1, k);
  return out;
}

function entry(manager: string, time: string, fields: Record<string, unknown>, subresource?: string) {
  return { manager, operation: 'Update', apiVersion: 'v1', time, fieldsType: 'FieldsV1', fieldsV1: fields, ...(subresource ? { subresource } : {}) };
}

/**
 * A pod's managedFields as a cluster writes them: kube-controller-manager (metadata and spec from
 * the ReplicaSet), kube-scheduler (the PodScheduled condition), the kubelet (the rest of status).
 * `shared` caches field sets by `key` (one per app): equal pods share them, only podIPs differ.
 */
export function podManagedFields(pod: KubeObject, key: string, shared: Map<string, Record<string, unknown>[]>): unknown[] {
  const time = pod.metadata?.creationTimestamp ?? '';
  let sets = shared.get(key);
  if (!sets) {
    const { generateName, labels, annotations, ownerReferences } = pod.metadata ?? {};
    const { nodeName: _bound, ...spec } = pod.spec ?? {};
    const conditions = (pod.status?.conditions ?? []) as { type: string }[];
    const { podIP: _ip, podIPs: _ips, qosClass: _qos, containerStatuses: _cs, ...status } = pod.status ?? {};
    const kubelet = fieldsV1({ status: { ...status, conditions: conditions.filter((c) => c.type !== 'PodScheduled') } });
    const statusSet = kubelet['f:status'] as Record<string, unknown>;
    // The kubelet replaces containerStatuses whole: an atomic field.
    Object.assign(statusSet, { 'f:containerStatuses': {}, 'f:podIP': {} });
    sets = [fieldsV1({ metadata: { generateName, labels, annotations, ownerReferences }, spec }), fieldsV1({ status: { conditions: conditions.filter((c) => c.type === 'PodScheduled') } }), statusSet];
    shared.set(key, sets);
  }
  const [controller, scheduler, statusSet] = sets;
  const ips = Object.fromEntries([['.', {}], ...((pod.status?.podIPs ?? []) as { ip: string }[]).map((p) => [`k:${JSON.stringify({ ip: p.ip })}`, { '.': {}, 'f:ip': {} }])]);
  return [entry('kube-controller-manager', time, controller), entry('kube-scheduler', time, scheduler, 'status'), entry('kubelet', time, { 'f:status': { ...statusSet, 'f:podIPs': ips } }, 'status')];
}
