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
  ) && true;
}

function fits(pod: KubeObject, node: KubeObject): string | undefined {
  const sel = pod.spec?.nodeSelector ?? {};
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) return "didn't match Pod's node affinity/selector";
  for (const taint of node.spec?.taints ?? []) {
    if ((taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerates(pod, taint)) {
      return `had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
    }
  }
  if (!nodeSchedulable(node)) return 'node(s) were unschedulable';
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
    const why = fits(pod, node);
    if (why) {
      reasons.set(why, (reasons.get(why) ?? 0) + 1);
      continue;
    }
    const l = load(name);
    if (l < bestLoad) [best, bestLoad] = [name, l];
  }
  if (best) return { node: best };
  const parts = [...reasons].map(([why, n]) => `${n} node(s) ${why.replace(/^node\(s\) /, '')}`);
  return {
    reason: `0/${nodes.length} nodes are available${parts.length ? ': ' + parts.join(', ') : ''}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`,
  };
}
