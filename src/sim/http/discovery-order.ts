import { RESOURCE_VERBS, type SimResource } from '../resources.js';

// A real server lists built-in groups by their APIService priority, not by name; unknown groups (CRDs) come after, by name.
const GROUP_PRIORITY = [
  'apiregistration.k8s.io', 'apps', 'events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'autoscaling', 'batch',
  'certificates.k8s.io', 'networking.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'admissionregistration.k8s.io',
  'apiextensions.k8s.io', 'scheduling.k8s.io', 'coordination.k8s.io', 'node.k8s.io', 'discovery.k8s.io', 'resource.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];

/** Group names in the order `/apis` lists them: built-ins by priority, then the others alphabetically. */
export function sortGroups(names: readonly string[]): string[] {
  const rank = (n: string) => {
    const i = GROUP_PRIORITY.indexOf(n);
    return i < 0 ? GROUP_PRIORITY.length : i;
  };
  return [...names].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

// The custom resource handler lists its verbs in this (unsorted) order.
const CRD_VERBS = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

// Built-ins whose storage lacks a verb: namespaces cannot be deleted as a collection.
const VERB_EXCEPTIONS: Record<string, string[]> = { namespaces: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] };

/** The verbs discovery lists for a resource. */
export function resourceVerbs(r: SimResource): string[] {
  if (r.verbs) return r.verbs;
  if (r.crd) return CRD_VERBS;
  return (!r.group && VERB_EXCEPTIONS[r.resource]) || RESOURCE_VERBS;
}

/** The verbs discovery lists for a subresource. */
export function subresourceVerbs(sub: string): string[] {
  if (sub === 'eviction') return ['create'];
  return sub === 'log' ? ['get'] : ['get', 'patch', 'update'];
}

/** The kind a subresource answers with, when not the resource's own (`scale`: autoscaling/v1 Scale). */
export function subresourceKind(sub: string): { group: string; version: string; kind: string } | undefined {
  if (sub === 'scale') return { group: 'autoscaling', version: 'v1', kind: 'Scale' };
  if (sub === 'eviction') return { group: 'policy', version: 'v1', kind: 'Eviction' };
  return undefined;
}
