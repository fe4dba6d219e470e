import type { KubeObject } from './types.js';
import type { FieldPaths } from './slim/field-paths.js';

/** The fields of a pod the QoS class reads. */
export const POD_QOS_FIELDS: FieldPaths = ['spec.containers[].resources', 'spec.initContainers[].resources'];

/** The QoS class of a pod, from its containers' requests and limits (as the API server computes it). */
export function qosClass(pod: KubeObject): string {
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const containers = [...list(pod?.spec?.containers), ...list(pod?.spec?.initContainers)];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c?.resources?.requests && typeof c.resources.requests === 'object' ? c.resources.requests : {};
    const lim = c?.resources?.limits && typeof c.resources.limits === 'object' ? c.resources.limits : {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      const limit = lim[r];
      const request = req[r] ?? limit;
      if (limit === undefined || String(request) !== String(limit)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
