import { drainPlan, unmanagedRefusal } from '../model/actions/drain-plan.js';
import type { KubeObject } from '../model/types.js';
import { ApiError } from './api-error.js';
import { ActionRefused } from './workload-actions.js';
import type { KubeTransport } from './transport.js';

const STRATEGIC = 'application/strategic-merge-patch+json';
const nodePath = (name: string) => `/api/v1/nodes/${encodeURIComponent(name)}`;

/** How a drain went: the pods evicted, the ones a PodDisruptionBudget kept (with the server's message), the ones skipped. */
export interface DrainResult {
  evicted: string[];
  /** Each with the server's reason: the budget's cause when it names one, else its message. */
  blocked: { pod: string; message: string }[];
  skipped: number;
}

/** `kubectl cordon`, `uncordon` and `drain`: the same requests. The transport refuses them under --readonly. */
export class NodeActions {
  constructor(private readonly transport: KubeTransport) {}

  /** Marks the node (un)schedulable, as kubectl's patch does. */
  setUnschedulable(name: string, on: boolean): Promise<KubeObject> {
    return this.transport.json({ method: 'PATCH', path: nodePath(name), body: { spec: { unschedulable: on ? true : null } }, contentType: STRATEGIC });
  }

  /** Cordons the node, then evicts its pods through the eviction API (PodDisruptionBudgets decide), one pass. */
  async drain(name: string): Promise<DrainResult> {
    const list = await this.transport.json<{ items: KubeObject[] }>({ method: 'GET', path: `/api/v1/pods?fieldSelector=${encodeURIComponent(`spec.nodeName=${name}`)}` });
    const plan = drainPlan(list.items ?? []);
    if (plan.unmanaged.length) throw new ActionRefused(unmanagedRefusal(plan.unmanaged));
    await this.setUnschedulable(name, true);
    const result: DrainResult = { evicted: [], blocked: [], skipped: plan.skipped.length };
    for (const p of plan.evict) {
      const ns = String(p.metadata?.namespace);
      const pod = String(p.metadata?.name);
      const body = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace: ns } };
      try {
        await this.transport.json({ method: 'POST', path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod)}/eviction`, body });
        result.evicted.push(`${ns}/${pod}`);
      } catch (e) {
        // 429: a PodDisruptionBudget allows no disruption now (kubectl drain retries; kdrill reports, r again retries).
        if (e instanceof ApiError && e.status === 429) result.blocked.push({ pod: `${ns}/${pod}`, message: e.causes?.[0]?.message ?? e.message });
        else if (e instanceof ApiError && e.status === 404) continue;
        else throw e;
      }
    }
    return result;
  }
}
