import type { KubeObject } from '../types.js';

/** What `kubectl drain` does with a node's pods: evicts some, skips DaemonSet and mirror pods, refuses unmanaged ones. */
export interface DrainPlan {
  evict: KubeObject[];
  /** `namespace/name` of the pods left alone, and why. */
  skipped: { pod: string; why: 'DaemonSet' | 'mirror' }[];
  /** Pods no controller would recreate: kubectl drain refuses them without --force. */
  unmanaged: string[];
}

const id = (p: KubeObject) => `${p.metadata?.namespace}/${p.metadata?.name}`;

/** Sorts a node's pods as kubectl drain's filters do (daemonSetFilter, mirrorPodFilter, unreplicatedFilter). */
export function drainPlan(pods: readonly KubeObject[]): DrainPlan {
  const plan: DrainPlan = { evict: [], skipped: [], unmanaged: [] };
  for (const p of pods) {
    // A pod already deleted is on its way out: nothing to evict.
    if (p.metadata?.deletionTimestamp) continue;
    const controller = p.metadata?.ownerReferences?.find((o: { controller?: boolean }) => o.controller);
    if (p.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined) plan.skipped.push({ pod: id(p), why: 'mirror' });
    else if (controller?.kind === 'DaemonSet') plan.skipped.push({ pod: id(p), why: 'DaemonSet' });
    // A finished pod may go without a controller: nothing is lost.
    else if (!controller && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed') plan.unmanaged.push(id(p));
    else plan.evict.push(p);
  }
  return plan;
}

/** kubectl drain's refusal of unmanaged pods, word for word. */
export function unmanagedRefusal(pods: readonly string[]): string {
  return `cannot delete Pods that declare no controller (use --force to override): ${pods.join(', ')}`;
}
