import type { KubeObject } from '../types.js';
import type { FieldPaths } from '../slim/field-paths.js';

/** The fields of a pod the indexes read (labels, owners, node). */
export const POD_INDEX_FIELDS: FieldPaths = ['metadata', 'spec.nodeName'];

/** Index key of pods by node. */
export const podNodeKeys = (p: KubeObject): string[] => (typeof p?.spec?.nodeName === 'string' && p.spec.nodeName ? [p.spec.nodeName] : []);

/** Index keys of any object by the uids of its owners. */
export const ownerUidKeys = (o: KubeObject): string[] =>
  Array.isArray(o?.metadata?.ownerReferences) ? o.metadata!.ownerReferences!.map((r) => r?.uid).filter((u): u is string => typeof u === 'string') : [];

/** Index key of an EndpointSlice by its Service (`ns/name`, from the service-name label). */
export const sliceServiceKeys = (s: KubeObject): string[] => {
  const svc = s?.metadata?.labels?.['kubernetes.io/service-name'];
  return svc ? [`${s.metadata?.namespace ?? ''}/${svc}`] : [];
};

/** Index keys of an Event: the involved object's uid, and kind/namespace/name for events without one. */
export const eventObjectKeys = (e: KubeObject): string[] => {
  const io = e?.involvedObject ?? e?.regarding;
  if (!io || typeof io !== 'object') return [];
  const keys = [`${io.kind}/${io.namespace ?? ''}/${io.name}`];
  if (typeof io.uid === 'string' && io.uid) keys.push(io.uid);
  return keys;
};

/** The key under which `eventObjectKeys` files events of an object without a uid. */
export function eventNameKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}
