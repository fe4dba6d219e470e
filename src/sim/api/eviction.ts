import type { KubeObject } from '../../model/types.js';
import { coveredPods } from '../controllers/disruption-controller.js';
import type { SimResource } from '../resources.js';
import { timestamp } from '../store.js';
import type { SimApi } from './api-server.js';
import { StatusError } from './status-error.js';

const PDBS = 'poddisruptionbudgets.policy';
const VIOLATES = "Cannot evict pod as it would violate the pod's disruption budget.";

const isReady = (p: KubeObject) => (p.status?.conditions ?? []).some((c: { type?: string; status?: string }) => c.type === 'Ready' && c.status === 'True');

// A pod that is finished, not yet running or already going has caused its disruption: no budget is asked (canIgnorePDB).
const canIgnoreBudget = (p: KubeObject) => ['Succeeded', 'Failed', 'Pending'].includes(p.status?.phase) || !!p.metadata?.deletionTimestamp;

/**
 * POST pods/NAME/eviction (policy/v1 Eviction), as the API server's eviction REST handler decides:
 * the pod's one PodDisruptionBudget must allow a disruption (else 429 TooManyRequests with the
 * server's message and cause), the budget's status is decremented and the pod deleted gracefully.
 * Returns the Status answered with 201.
 */
export function evictPod(api: SimApi, pods: SimResource, ns: string, name: string, body: KubeObject | undefined): Record<string, unknown> {
  if (body?.metadata?.name !== undefined && body.metadata.name !== name) throw new StatusError(400, 'BadRequest', 'name in URL does not match name in Eviction object');
  const pod = api.get(pods, ns, name);
  const grace = body?.deleteOptions?.gracePeriodSeconds;
  const remove = () => api.delete(pods, ns, name, { gracePeriodSeconds: Number.isInteger(grace) ? grace : undefined });
  const success = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
  if (canIgnoreBudget(pod)) return remove(), success;
  const budgets = api.store.list(PDBS, ns).filter((b) => coveredPods(b, [pod]).length);
  if (budgets.length > 1) throw new StatusError(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  const pdb = budgets[0];
  if (!pdb) return remove(), success;
  const st = pdb.status ?? {};
  // An unready pod does not count as healthy: it may go while the budget is met, without using it up.
  if (!isReady(pod) && (st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0) return remove(), success;
  const cause = (message: string) => ({ causes: [{ reason: 'DisruptionBudget', message }] });
  if ((st.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 1)) throw new StatusError(429, 'TooManyRequests', VIOLATES, cause(`The disruption budget ${pdb.metadata?.name} is still being processed by the server.`));
  if ((st.disruptionsAllowed ?? 0) <= 0) throw new StatusError(429, 'TooManyRequests', VIOLATES, cause(`The disruption budget ${pdb.metadata?.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`));
  const disruptionsAllowed = st.disruptionsAllowed - 1;
  const conditions = disruptionsAllowed > 0 ? st.conditions : [{ type: 'DisruptionAllowed', status: 'False', observedGeneration: pdb.metadata?.generation ?? 1, lastTransitionTime: timestamp(api.clock.now()), reason: 'InsufficientPods', message: '' }];
  api.store.update(PDBS, { ...pdb, status: { ...st, disruptedPods: { ...(st.disruptedPods ?? {}), [name]: timestamp(api.clock.now()) }, disruptionsAllowed, conditions } });
  remove();
  return success;
}
