import type { KubeObject, OwnerReference } from './types.js';

/** Finds an object by kind, namespace and name (from whatever caches the caller has). */
export type ObjectLookup = (kind: string, namespace: string | undefined, name: string) => KubeObject | undefined;

/** An object's owner references that are references (a malformed object's others are ignored). */
export function ownerRefs(obj: KubeObject): OwnerReference[] {
  const refs = obj?.metadata?.ownerReferences;
  return Array.isArray(refs) ? refs.filter((r): r is OwnerReference => !!r && typeof r === 'object' && typeof r.kind === 'string' && typeof r.name === 'string') : [];
}

/** The controlling owner reference of an object, if any. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return ownerRefs(obj).find((r) => r.controller);
}

/** One link of an owner chain: the reference, and the object when it could be found. */
export interface OwnerLink {
  ref: OwnerReference;
  object?: KubeObject;
}

/**
 * The chain of controllers above an object, nearest first: Pod → ReplicaSet → Deployment,
 * Pod → Job → CronJob, Pod → StatefulSet. Stops at an owner that cannot be found (its
 * reference is still listed) and never loops.
 */
export function ownerChain(obj: KubeObject, lookup: ObjectLookup, maxDepth = 8): OwnerLink[] {
  const chain: OwnerLink[] = [];
  const seen = new Set<string>();
  let current: KubeObject | undefined = obj;
  while (current && chain.length < maxDepth) {
    const ref = controllerOf(current);
    if (!ref || seen.has(ref.uid)) break;
    seen.add(ref.uid);
    const owner = lookup(ref.kind, current.metadata?.namespace, ref.name);
    const matching = owner && (!ref.uid || owner.metadata?.uid === ref.uid) ? owner : undefined;
    chain.push({ ref, object: matching });
    current = matching;
  }
  return chain;
}
