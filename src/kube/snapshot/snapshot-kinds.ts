import { ClusterIndexes } from '../../model/indexes/cluster-indexes.js';
import { resourceId, type ApiResource, type Discovery } from '../discovery.js';

// Beyond what the relation indexes read (the route kinds, workloads, pods, Services, slices,
// Ingresses, Gateway API, events, nodes, namespaces): what the explorer's common views show.
const EXTRA = [
  'nodes',
  'cronjobs.batch',
  'configmaps',
  'serviceaccounts',
  'persistentvolumeclaims',
  'persistentvolumes',
  'storageclasses.storage.k8s.io',
  'horizontalpodautoscalers.autoscaling',
  'poddisruptionbudgets.policy',
  'controllerrevisions.apps',
  'networkpolicies.networking.k8s.io',
];

/** The resource ids a snapshot takes by default (each only where the server serves it). */
export function defaultSnapshotKinds(): string[] {
  return [...new Set([...new ClusterIndexes().resources.filter((id) => id !== 'ingresses.extensions'), ...EXTRA])];
}

/** The kinds to capture: resolved from what a person typed (`po,deploy,svc`) or the defaults; unknown names are returned apart. */
export function resolveKinds(discovery: Discovery, asked: string[] | undefined): { resources: ApiResource[]; notServed: string[]; unknown: string[]; crds: boolean } {
  const crds = !!asked?.some((k) => k === 'crds' || k === 'customresourcedefinitions');
  const names = asked ? asked.filter((k) => k !== 'crds' && k !== 'customresourcedefinitions') : defaultSnapshotKinds();
  const resources: ApiResource[] = [];
  const notServed: string[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const r = name === 'ingresses.networking.k8s.io' || name === 'ingresses' || name === 'ing' ? discovery.ingress() : asked ? discovery.find(name) : discovery.get(name);
    if (!r) (asked ? unknown : notServed).push(name);
    else if (!resources.some((x) => resourceId(x) === resourceId(r))) resources.push(r);
  }
  if (crds) {
    // Every custom kind, and the definitions that declare them.
    for (const r of discovery.resources) if (!resources.includes(r) && isCustom(r)) resources.push(r);
  }
  return { resources, notServed, unknown, crds };
}

// Groups of the built-in APIs of kube-apiserver: kinds of other groups come from CRDs (or aggregated APIs).
const BUILTIN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'extensions', 'networking.k8s.io', 'discovery.k8s.io', 'storage.k8s.io',
  'rbac.authorization.k8s.io', 'coordination.k8s.io', 'scheduling.k8s.io', 'node.k8s.io', 'admissionregistration.k8s.io',
  'apiextensions.k8s.io', 'apiregistration.k8s.io', 'certificates.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io',
  'authentication.k8s.io', 'authorization.k8s.io', 'resource.k8s.io', 'storagemigration.k8s.io', 'internal.apiserver.k8s.io',
]);

/** Whether a kind is (most likely) a custom resource: its group is not one of kube-apiserver's own. */
export function isCustom(r: Pick<ApiResource, 'group'>): boolean {
  return !BUILTIN_GROUPS.has(r.group);
}
