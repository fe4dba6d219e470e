import type { KubeObject } from '../../model/types.js';
import { randomSuffix } from '../api/api-server.js';
import { ownerRefTo } from './runtime.js';

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

import { canonical } from '../../model/canonical-json.js';

export { canonical };

// Store objects are never changed in place (every write is a new object): the canonical text of
// one is worked out once. Controllers compare and hash templates on every reconcile.
const canonicalCache = new WeakMap<object, string>();
const withoutHashCache = new WeakMap<object, string>();

function remembered(cache: WeakMap<object, string>, value: unknown, text: () => string): string {
  if (!value || typeof value !== 'object') return text();
  let known = cache.get(value);
  if (known === undefined) cache.set(value, (known = text()));
  return known;
}

/** The canonical text of a template without its pod-template-hash label: equal for the same revision. */
export function revisionKey(template: unknown): string {
  return remembered(withoutHashCache, template, () => canonical(withoutHash(template)));
}

/** The pod-template-hash of a template, shaped like Kubernetes' (FNV-32a, safe-encoded digits). */
export function templateHash(template: unknown, collisionCount = 0): string {
  return hashText(remembered(canonicalCache, template, () => canonical(template)), collisionCount);
}

/** templateHash of a template without its pod-template-hash label (a Deployment's revision). */
export function revisionHash(template: unknown, collisionCount = 0): string {
  return hashText(revisionKey(template), collisionCount);
}

function hashText(canonicalText: string, collisionCount: number): string {
  let h = 0x811c9dc5;
  const text = canonicalText + (collisionCount ? String(collisionCount) : '');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return [...String(h)].map((c) => SAFE[c.charCodeAt(0) % SAFE.length]).join('');
}

/** A template without the pod-template-hash label, for comparing revisions. */
export function withoutHash(template: any): unknown {
  if (!template) return template;
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  return { ...template, metadata: { ...template.metadata, labels } };
}

/** Resolves an int-or-percent against a total; percentages round up or down as Kubernetes does. */
export function intOrPercent(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(String(value ?? ''));
  if (!m) return Number(value) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge and maxUnavailable of a rolling update, resolved to pod counts (never both zero). */
export function resolveFenceposts(spec: any): { maxSurge: number; maxUnavailable: number } {
  const replicas = spec?.replicas ?? 1;
  const ru = spec?.strategy?.rollingUpdate ?? {};
  const maxSurge = intOrPercent(ru.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = intOrPercent(ru.maxUnavailable ?? '25%', replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

/** When a pod became Ready (epoch ms), or undefined when it is not ready. */
export function readySince(pod: KubeObject): number | undefined {
  if (pod.metadata?.deletionTimestamp) return undefined;
  const c = (pod.status?.conditions ?? []).find((x: any) => x?.type === 'Ready');
  return c?.status === 'True' ? Date.parse(c.lastTransitionTime) : undefined;
}

/** Whether a pod is available: ready for at least minReadySeconds. */
export function isAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  const since = readySince(pod);
  return since !== undefined && now - since >= minReadySeconds * 1000;
}

/** Whether a pod counts as active for its controller (not terminating, not finished). */
export function isActive(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return !pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

/** A new pod object for a controller: the template's labels and spec, owned by `owner`. */
export function podFromTemplate(owner: KubeObject, template: any, name: string, extraLabels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: owner.metadata!.namespace,
      labels: { ...(template?.metadata?.labels ?? {}), ...extraLabels },
      ...(template?.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [ownerRefTo(owner)],
    },
    spec: structuredClone(template?.spec ?? {}),
  };
}

/** A generated pod name for a ReplicaSet or Job: `owner-xxxxx`. */
export function generatedPodName(owner: string): string {
  return `${owner.slice(0, 57)}-${randomSuffix()}`;
}

/** Order of pods to delete first when scaling down: unscheduled, pending, not ready, then newest. */
export function deletionRank(a: KubeObject, b: KubeObject): number {
  const score = (p: KubeObject) => (!p.spec?.nodeName ? 0 : p.status?.phase === 'Pending' ? 1 : readySince(p) === undefined ? 2 : 3);
  const d = score(a) - score(b);
  if (d) return d;
  return (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? '');
}
