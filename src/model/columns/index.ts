/** Lookup of kubectl's column set by resource, e.g. "pods" or "deployments.apps". */
import type { ColumnSet } from './column.js';
import { podColumns } from './pod-columns.js';
import {
  controllerRevisionColumns, cronJobColumns, daemonSetColumns, deploymentColumns, jobColumns, podDisruptionBudgetColumns,
  replicaSetColumns, replicationControllerColumns, statefulSetColumns,
} from './workload-columns.js';
import {
  endpointSliceColumns, endpointsColumns, ingressClassColumns, ingressColumns, networkPolicyColumns,
  serviceColumns,
} from './network-columns.js';
import {
  createdAtColumns, crdListColumns, eventColumns, eventsApiEventColumns, leaseColumns, namespaceColumns,
  nodeColumns,
} from './cluster-columns.js';
import { persistentVolumeClaimColumns, persistentVolumeColumns, storageClassColumns } from './storage-columns.js';
import {
  configMapColumns, horizontalPodAutoscalerColumns, resourceQuotaColumns, roleBindingColumns, secretColumns,
  serviceAccountColumns,
} from './config-columns.js';
import { genericColumns } from './generic-columns.js';

export { crdColumns, genericColumns } from './generic-columns.js';
export type { Column, ColumnSet, ColumnType } from './column.js';

const RBAC = 'rbac.authorization.k8s.io';

/** Column sets by lowercase plural resource and group ("pods", "ingresses.networking.k8s.io"). */
export const COLUMN_SETS: Readonly<Record<string, ColumnSet>> = Object.freeze({
  pods: podColumns,
  'deployments.apps': deploymentColumns,
  'deployments.extensions': deploymentColumns,
  'replicasets.apps': replicaSetColumns,
  'replicasets.extensions': replicaSetColumns,
  'statefulsets.apps': statefulSetColumns,
  'controllerrevisions.apps': controllerRevisionColumns,
  'daemonsets.apps': daemonSetColumns,
  'daemonsets.extensions': daemonSetColumns,
  'jobs.batch': jobColumns,
  'cronjobs.batch': cronJobColumns,
  replicationcontrollers: replicationControllerColumns,
  'poddisruptionbudgets.policy': podDisruptionBudgetColumns,
  services: serviceColumns,
  endpoints: endpointsColumns,
  'endpointslices.discovery.k8s.io': endpointSliceColumns,
  'ingresses.networking.k8s.io': ingressColumns,
  'ingresses.extensions': ingressColumns,
  'ingressclasses.networking.k8s.io': ingressClassColumns,
  'networkpolicies.networking.k8s.io': networkPolicyColumns,
  'networkpolicies.extensions': networkPolicyColumns,
  namespaces: namespaceColumns,
  nodes: nodeColumns,
  events: eventColumns,
  'events.events.k8s.io': eventsApiEventColumns,
  persistentvolumes: persistentVolumeColumns,
  persistentvolumeclaims: persistentVolumeClaimColumns,
  'storageclasses.storage.k8s.io': storageClassColumns,
  'customresourcedefinitions.apiextensions.k8s.io': crdListColumns,
  'leases.coordination.k8s.io': leaseColumns,
  configmaps: configMapColumns,
  secrets: secretColumns,
  serviceaccounts: serviceAccountColumns,
  resourcequotas: resourceQuotaColumns,
  limitranges: createdAtColumns,
  'horizontalpodautoscalers.autoscaling': horizontalPodAutoscalerColumns,
  [`roles.${RBAC}`]: createdAtColumns,
  [`clusterroles.${RBAC}`]: createdAtColumns,
  [`rolebindings.${RBAC}`]: roleBindingColumns,
  [`clusterrolebindings.${RBAC}`]: roleBindingColumns,
});

/** kubectl's columns for a resource ("pods", "deployments.apps", ...); NAME AGE for unknown ones. */
export function columnsFor(kindKey: string): ColumnSet {
  // Own keys only: "constructor" or "__proto__" must not reach Object.prototype.
  const key = String(kindKey).toLowerCase();
  return Object.hasOwn(COLUMN_SETS, key) ? COLUMN_SETS[key] : genericColumns;
}
