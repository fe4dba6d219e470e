import type { KubeObject } from '../model/types.js';
import { fromEventsApi, toEventsApi } from './api/event-view.js';
/** One kind of resource the simulated API server serves. */
export interface SimResource {
  group: string;
  version: string;
  /** Lowercase plural, as in URLs: `deployments`. */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories?: string[];
  /** Subresources beyond the object itself: status, scale, log. */
  subresources: string[];
  /** Whether main-resource writes ignore `.status` (true when a status subresource exists). */
  hasStatus: boolean;
  /** Set for kinds that a CustomResourceDefinition introduced. */
  crd?: { name: string };
  /** Set for a second view of another resource's objects (events.k8s.io of core events): stored there, converted both ways. */
  view?: { of: string; to(o: KubeObject): KubeObject; from(o: KubeObject): KubeObject };
  /** Verbs when not the full set: `["create"]` for the review kinds, which are answered, never stored. */
  verbs?: string[];
}

/** The verbs every served resource supports. */
export const RESOURCE_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** The key under which objects of a resource are stored: `resource.group` or `resource` for core. */
export function resourceKey(r: Pick<SimResource, 'group' | 'resource'>): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** The store key a resource's objects live under (a view's: the resource it views). */
export function storeKey(r: Pick<SimResource, 'group' | 'resource' | 'view'>): string {
  return r.view?.of ?? resourceKey(r);
}

/** `apiVersion` as objects carry it: `v1` or `group/version`. */
export function apiVersionOf(r: Pick<SimResource, 'group' | 'version'>): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

type Row = [group: string, version: string, resource: string, kind: string, namespaced: boolean, shortNames: string, subresources: string, categories?: string, verbs?: string];

const RBAC = 'rbac.authorization.k8s.io';

// The built-in kinds, in the order a real server lists them.
const BUILTIN: Row[] = [
  ['', 'v1', 'namespaces', 'Namespace', false, 'ns', 'status'],
  ['', 'v1', 'nodes', 'Node', false, 'no', 'status'],
  ['', 'v1', 'pods', 'Pod', true, 'po', 'status log eviction', 'all'],
  ['', 'v1', 'services', 'Service', true, 'svc', 'status', 'all'],
  ['', 'v1', 'endpoints', 'Endpoints', true, 'ep', ''],
  ['', 'v1', 'configmaps', 'ConfigMap', true, 'cm', ''],
  ['', 'v1', 'secrets', 'Secret', true, '', ''],
  ['', 'v1', 'serviceaccounts', 'ServiceAccount', true, 'sa', ''],
  ['', 'v1', 'events', 'Event', true, 'ev', ''],
  ['', 'v1', 'limitranges', 'LimitRange', true, 'limits', ''],
  ['', 'v1', 'resourcequotas', 'ResourceQuota', true, 'quota', 'status'],
  ['', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, 'pvc', 'status'],
  ['', 'v1', 'persistentvolumes', 'PersistentVolume', false, 'pv', 'status'],
  ['apps', 'v1', 'deployments', 'Deployment', true, 'deploy', 'status scale', 'all'],
  ['apps', 'v1', 'replicasets', 'ReplicaSet', true, 'rs', 'status scale', 'all'],
  ['apps', 'v1', 'statefulsets', 'StatefulSet', true, 'sts', 'status scale', 'all'],
  ['apps', 'v1', 'daemonsets', 'DaemonSet', true, 'ds', 'status', 'all'],
  ['apps', 'v1', 'controllerrevisions', 'ControllerRevision', true, '', ''],
  ['authentication.k8s.io', 'v1', 'selfsubjectreviews', 'SelfSubjectReview', false, '', '', undefined, 'create'],
  ['authentication.k8s.io', 'v1', 'tokenreviews', 'TokenReview', false, '', '', undefined, 'create'],
  ['authorization.k8s.io', 'v1', 'localsubjectaccessreviews', 'LocalSubjectAccessReview', true, '', '', undefined, 'create'],
  ['authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, '', '', undefined, 'create'],
  ['authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, '', '', undefined, 'create'],
  ['authorization.k8s.io', 'v1', 'subjectaccessreviews', 'SubjectAccessReview', false, '', '', undefined, 'create'],
  ['batch', 'v1', 'jobs', 'Job', true, '', 'status', 'all'],
  ['batch', 'v1', 'cronjobs', 'CronJob', true, 'cj', 'status', 'all'],
  ['networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, 'ing', 'status'],
  ['networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false, '', ''],
  [RBAC, 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false, '', ''],
  [RBAC, 'v1', 'clusterroles', 'ClusterRole', false, '', ''],
  [RBAC, 'v1', 'rolebindings', 'RoleBinding', true, '', ''],
  [RBAC, 'v1', 'roles', 'Role', true, '', ''],
  ['discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true, '', ''],
  ['autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, 'hpa', 'status', 'all'],
  ['policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, 'pdb', 'status'],
  ['storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, 'sc', ''],
  ['apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false, 'crd,crds', 'status', 'api-extensions'],
];

function fromRow([group, version, resource, kind, namespaced, shortNames, subresources, categories, verbs]: Row): SimResource {
  const subs = subresources ? subresources.split(' ') : [];
  return {
    group,
    version,
    resource,
    singular: kind.toLowerCase(),
    kind,
    namespaced,
    shortNames: shortNames ? shortNames.split(',') : [],
    categories: categories ? [categories] : undefined,
    subresources: subs,
    hasStatus: subs.includes('status'),
    ...(verbs ? { verbs: verbs.split(' ') } : {}),
  };
}

/** The registry of served resources: built-ins plus those that CRDs add at run time. */
export class ResourceRegistry {
  private readonly byKey = new Map<string, SimResource>();
  private readonly byGroupVersion = new Map<string, SimResource[]>();

  constructor() {
    for (const row of BUILTIN) this.add(fromRow(row));
    this.add({ ...fromRow(['events.k8s.io', 'v1', 'events', 'Event', true, 'ev', '']), view: { of: 'events', to: toEventsApi, from: fromEventsApi } });
  }

  /** Adds or replaces a resource. */
  add(r: SimResource): void {
    this.remove(resourceKey(r));
    this.byKey.set(resourceKey(r), r);
    const gv = apiVersionOf(r);
    this.byGroupVersion.set(gv, [...(this.byGroupVersion.get(gv) ?? []), r]);
  }

  /** Removes a resource (when its CRD is deleted). */
  remove(key: string): void {
    const old = this.byKey.get(key);
    if (!old) return;
    this.byKey.delete(key);
    const gv = apiVersionOf(old);
    const rest = (this.byGroupVersion.get(gv) ?? []).filter((r) => r !== old);
    if (rest.length) this.byGroupVersion.set(gv, rest);
    else this.byGroupVersion.delete(gv);
  }

  /** The resource served at `group/version` under `resource`, if any. */
  lookup(group: string, version: string, resource: string): SimResource | undefined {
    const r = this.byKey.get(group ? `${resource}.${group}` : resource);
    return r && r.version === version ? r : undefined;
  }

  /** The resource stored under a key (`deployments.apps`). */
  get(key: string): SimResource | undefined {
    return this.byKey.get(key);
  }

  /** The resource for an apiVersion and kind, as objects name themselves. */
  forKind(apiVersion: string, kind: string): SimResource | undefined {
    return (this.byGroupVersion.get(apiVersion) ?? []).find((r) => r.kind === kind);
  }

  /** Every served resource. */
  all(): SimResource[] {
    return [...this.byKey.values()];
  }

  /** Served group/versions, core (`v1`) first. */
  groupVersions(): string[] {
    return [...this.byGroupVersion.keys()].sort((a, b) => (a === 'v1' ? -1 : b === 'v1' ? 1 : 0));
  }

  /** The resources of one group/version. */
  inGroupVersion(gv: string): SimResource[] {
    return this.byGroupVersion.get(gv) ?? [];
  }
}
