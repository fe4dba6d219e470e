import type { KubeObject } from '../../model/types.js';

/** Whether a node is Ready and schedulable. */
export function nodeSchedulable(node: KubeObject): boolean {
  if (node.spec?.unschedulable) return false;
  const ready = (node.status?.conditions ?? []).find((c: any) => c?.type === 'Ready');
  return !ready || ready.status === 'True';
}

function tolerates(pod: KubeObject, taint: any): boolean {
  return (pod.spec?.tolerations ?? []).some(
    (t: any) =>
      (t.operator === 'Exists' && (!t.key || t.key === taint.key)) ||
      ((t.operator ?? 'Equal') === 'Equal' && t.key === taint.key && (t.value ?? '') === (taint.value ?? '')),
  );
}

function requirementHolds(r: any, value: string | undefined): boolean {
  const values: string[] = Array.isArray(r?.values) ? r.values.map(String) : [];
  switch (r?.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

/** Whether a node satisfies a pod's required node affinity (terms OR'ed, requirements AND'ed). */
function affinityHolds(pod: KubeObject, node: KubeObject): boolean {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!Array.isArray(terms) || terms.length === 0) return true;
  const labels = node.metadata?.labels ?? {};
  const fields: Record<string, string | undefined> = { 'metadata.name': node.metadata?.name };
  return terms.some(
    (t: any) =>
      (t?.matchExpressions ?? []).every((r: any) => requirementHolds(r, labels[r?.key])) &&
      (t?.matchFields ?? []).every((r: any) => requirementHolds(r, fields[r?.key])),
  );
}

function fits(pod: KubeObject, node: KubeObject, load: number): string | undefined {
  if (load >= Number(node.status?.allocatable?.pods ?? 110)) return 'Too many pods';
  const sel = pod.spec?.nodeSelector ?? {};
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) return "didn't match Pod's node affinity/selector";
  if (!affinityHolds(pod, node)) return "didn't match Pod's node affinity/selector";
  for (const taint of node.spec?.taints ?? []) {
    if ((taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerates(pod, taint)) {
      return `had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
    }
  }
  const unschedulableTolerated = tolerates(pod, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
  if (node.spec?.unschedulable && !unschedulableTolerated) return 'node(s) were unschedulable';
  const ready = (node.status?.conditions ?? []).find((c: any) => c?.type === 'Ready');
  if (ready && ready.status !== 'True') return 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }';
  return undefined;
}

/** The result of scheduling one pod: a node, or the scheduler's reason why none fits. */
export type Placement = { node: string } | { reason: string };

/** Picks the least-loaded node that fits a pod, as default-scheduler would spread it. */
export function schedule(pod: KubeObject, nodes: KubeObject[], load: (node: string) => number): Placement {
  const reasons = new Map<string, number>();
  let best: string | undefined;
  let bestLoad = Infinity;
  for (const node of nodes) {
    const name = node.metadata!.name!;
    const l = load(name);
    const why = fits(pod, node, l);
    if (why) {
      reasons.set(why, (reasons.get(why) ?? 0) + 1);
      continue;
    }
    if (l < bestLoad) [best, bestLoad] = [name, l];
  }
  if (best) return { node: best };
  const parts = [...reasons].map(([why, n]) => (why === 'Too many pods' ? `${n} ${why}` : `${n} node(s) ${why.replace(/^node\(s\) /, '')}`));
  return {
    reason: `0/${nodes.length} nodes are available${parts.length ? ': ' + parts.join(', ') : ''}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`,
  };
}
