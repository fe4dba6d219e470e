import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import type { KubeObject } from '../types.js';
import { describeConfigMap, describeNamespace, describeSecret, describeServiceAccount } from './config-describe.js';
import { DescribeWriter, EVENTS_LOADING, type DescribeContext } from './describe-writer.js';
import { describeGeneric } from './generic-describe.js';
import { describeHpa } from './hpa-describe.js';
import { describeNode } from './node-describe.js';
import { describePod } from './pod-describe.js';
import { describeEndpoints, describePersistentVolume, describePersistentVolumeClaim, describeService } from './service-describe.js';
import { describeCronJob, describeDaemonSet, describeDeployment, describeJob, describeReplicaSet, describeStatefulSet } from './workload-describe.js';
import { describeIngress } from './ingress-describe.js';
import { describeEndpointSlice, describeIngressClass, describeNetworkPolicy } from './network-describe.js';
import { describePodDisruptionBudget, describeRole, describeRoleBinding } from './policy-describe.js';
import { describeLimitRange, describeResourceQuota } from './quota-describe.js';

type Describer = (w: DescribeWriter, o: KubeObject, ctx: DescribeContext) => void;

// kubectl describe per kind; a kind without an entry gets the generic describe.
const DESCRIBERS: Record<string, Describer> = {
  Pod: describePod,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  StatefulSet: describeStatefulSet,
  DaemonSet: describeDaemonSet,
  Job: describeJob,
  CronJob: describeCronJob,
  Ingress: describeIngress,
  Service: describeService,
  Endpoints: describeEndpoints,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  PersistentVolume: describePersistentVolume,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  Namespace: describeNamespace,
  Node: describeNode,
  HorizontalPodAutoscaler: describeHpa,
  ServiceAccount: describeServiceAccount,
  EndpointSlice: describeEndpointSlice,
  IngressClass: describeIngressClass,
  NetworkPolicy: describeNetworkPolicy,
  PodDisruptionBudget: describePodDisruptionBudget,
  Role: describeRole,
  ClusterRole: describeRole,
  RoleBinding: describeRoleBinding,
  ClusterRoleBinding: describeRoleBinding,
  ResourceQuota: describeResourceQuota,
  LimitRange: describeLimitRange,
};

/** Why the events of a namespace cannot be read (listing them is refused), if so. */
export function eventsUnavailable(indexes: ClusterIndexes, namespace: string | undefined, loading = false): string | undefined {
  const why = indexes.unavailable.get('events');
  if (!why || !/forbidden|not permitted/i.test(why)) return loading ? EVENTS_LOADING : undefined;
  return `not permitted to list events${namespace ? ` in ${namespace}` : ''}`;
}

/** The text of `kubectl describe` for an object, from the caches (no extra requests). */
export function describe(o: KubeObject, indexes: ClusterIndexes, now: number, { eventsLoading = false }: { eventsLoading?: boolean } = {}): string {
  const w = new DescribeWriter();
  (DESCRIBERS[String(o.kind)] ?? describeGeneric)(w, o, { now, indexes, events: indexes.eventsFor(o), eventsUnavailable: eventsUnavailable(indexes, o.metadata?.namespace, eventsLoading) });
  return w.text();
}
