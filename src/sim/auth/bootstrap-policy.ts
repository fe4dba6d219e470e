import type { SimApi } from '../api/api-server.js';
import type { PolicyRule } from './policy-rule.js';
import { MASTERS_GROUP, RBAC_KEYS } from './rbac-authorizer.js';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const ALL_VERBS = [...WRITE, ...READ];
const get = (urls: string[]): PolicyRule => ({ verbs: ['get'], nonResourceURLs: urls });
const rule = (verbs: string[], apiGroups: string[], resources: string[]): PolicyRule => ({ verbs, apiGroups, resources });

// The read rules of `view`, as upstream aggregates them (no Secrets, no RBAC, no pods/exec).
const VIEW: PolicyRule[] = [
  rule(READ, [''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status']),
  rule(READ, [''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status']),
  rule(READ, [''], ['namespaces']),
  rule(READ, ['discovery.k8s.io'], ['endpointslices']),
  rule(READ, ['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status']),
  rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
  rule(READ, ['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
  rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
  rule(READ, ['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies']),
  // metrics-server's system:aggregated-metrics-reader aggregates into view.
  rule(READ, ['metrics.k8s.io'], ['nodes', 'pods']),
];

// What `edit` adds to `view`: writes to workloads and config, Secrets, exec and port-forward.
const EDIT: PolicyRule[] = [
  rule(['create', 'delete', 'deletecollection', 'patch', 'update'], [''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
  rule(['create'], [''], ['pods/eviction']),
  rule(ALL_VERBS, [''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy']),
  rule(['create'], [''], ['serviceaccounts/token']),
  rule(['impersonate'], [''], ['serviceaccounts']),
  rule(WRITE, ['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale']),
  rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
  rule(WRITE, ['batch'], ['cronjobs', 'jobs']),
  rule(WRITE, ['policy'], ['poddisruptionbudgets']),
  rule(WRITE, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
  rule(WRITE, ['discovery.k8s.io'], ['endpointslices']),
  rule(READ, [''], ['secrets']),
];

// What `admin` adds to `edit`: the namespace's own RBAC.
const ADMIN: PolicyRule[] = [
  rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
  rule(ALL_VERBS, ['rbac.authorization.k8s.io'], ['rolebindings', 'roles']),
];

const CLUSTER_ROLES: Record<string, PolicyRule[]> = {
  'cluster-admin': [rule(['*'], ['*'], ['*']), { verbs: ['*'], nonResourceURLs: ['*'] }],
  admin: [...ADMIN, ...EDIT, ...VIEW],
  edit: [...EDIT, ...VIEW],
  view: VIEW,
  'system:discovery': [get(['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'])],
  'system:public-info-viewer': [get(['/healthz', '/livez', '/readyz', '/version', '/version/'])],
  'system:basic-user': [
    rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
    rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews']),
  ],
  'system:service-account-issuer-discovery': [get(['/.well-known/openid-configuration', '/.well-known/openid-configuration/', '/openid/v1/jwks', '/openid/v1/jwks/'])],
};

// Bindings named as their roles, to the groups upstream's bootstrap policy binds them to.
const CLUSTER_ROLE_BINDINGS: Record<string, string[]> = {
  'cluster-admin': [MASTERS_GROUP],
  'system:basic-user': ['system:authenticated'],
  'system:discovery': ['system:authenticated'],
  'system:public-info-viewer': ['system:authenticated', 'system:unauthenticated'],
  'system:service-account-issuer-discovery': ['system:serviceaccounts'],
};

const META = { labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } };

/** Creates the ClusterRoles and ClusterRoleBindings a real API server starts with, so discovery and `auth can-i` work for every user. */
export function bootstrapPolicy(api: SimApi): void {
  const clusterRoles = api.registry.get(RBAC_KEYS.clusterRoles)!;
  const bindings = api.registry.get(RBAC_KEYS.clusterRoleBindings)!;
  for (const [name, rules] of Object.entries(CLUSTER_ROLES)) api.create(clusterRoles, undefined, { metadata: { name, ...META }, rules });
  for (const [name, groups] of Object.entries(CLUSTER_ROLE_BINDINGS)) {
    api.create(bindings, undefined, {
      metadata: { name, ...META },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: groups.map((g) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: g })),
    });
  }
}
