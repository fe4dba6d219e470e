import { ClusterIndexes } from '../../src/model/indexes/cluster-indexes.js';
import type { KubeObject } from '../../src/model/types.js';

/** The resource id each kind feeds, as discovery names them. */
export const RESOURCE_OF: Record<string, string> = {
  Pod: 'pods',
  Service: 'services',
  Secret: 'secrets',
  Endpoints: 'endpoints',
  EndpointSlice: 'endpointslices.discovery.k8s.io',
  Ingress: 'ingresses.networking.k8s.io',
  IngressClass: 'ingressclasses.networking.k8s.io',
  ReplicaSet: 'replicasets.apps',
  Deployment: 'deployments.apps',
  StatefulSet: 'statefulsets.apps',
  DaemonSet: 'daemonsets.apps',
  Job: 'jobs.batch',
  ResourceQuota: 'resourcequotas',
  LimitRange: 'limitranges',
  Event: 'events',
  Node: 'nodes',
  Namespace: 'namespaces',
};

/** Relation indexes holding exactly these objects (by their `kind`). */
export function indexesOf(objects: readonly KubeObject[]): ClusterIndexes {
  const idx = new ClusterIndexes();
  for (const o of objects) {
    const id = RESOURCE_OF[String(o.kind)];
    if (!id) throw new Error(`indexesOf: no resource for kind ${o.kind}`);
    idx.apply(id, { type: 'add', object: o });
  }
  return idx;
}
