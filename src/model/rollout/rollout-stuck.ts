import { at, int, list, str } from '../columns/read.js';
import { timestampMs } from '../format/duration.js';
import type { KubeObject } from '../types.js';

const UNSCHEDULABLE_GRACE_MS = 60_000;

// Waiting reasons that do not get better by waiting, grouped as the message names them.
const PULL = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull']);
const CONFIG = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);

const oneLine = (s: string, max = 140): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** Why one new pod cannot become available, if it cannot: the reason word and the detail. */
export function podProblem(p: KubeObject, minReadySeconds: number, now: number): { reason: string; detail: string } | undefined {
  const sched = list(at(p, 'status', 'conditions')).find((c) => at(c, 'type') === 'PodScheduled' && at(c, 'status') === 'False' && at(c, 'reason') === 'Unschedulable');
  // A cluster autoscaler may be bringing a node: unschedulable counts once it has lasted a while, or no node is on its way.
  const since = timestampMs(at(sched, 'lastTransitionTime'));
  if (sched && !str(at(p, 'status', 'nominatedNodeName')) && (since === undefined || now - since > UNSCHEDULABLE_GRACE_MS)) return { reason: 'Unschedulable', detail: str(at(sched, 'message')) };
  for (const s of [...list(at(p, 'status', 'initContainerStatuses')), ...list(at(p, 'status', 'containerStatuses'))]) {
    const reason = str(at(s, 'state', 'waiting', 'reason'));
    const message = str(at(s, 'state', 'waiting', 'message'));
    if (reason === 'CrashLoopBackOff') {
      const last = at(s, 'lastState', 'terminated');
      const why = last ? `exit code ${int(at(last, 'exitCode'))}${str(at(last, 'message')) ? `: ${str(at(last, 'message'))}` : ''}` : message;
      return { reason, detail: `container ${str(at(s, 'name'))} restarted ${int(at(s, 'restartCount'))} times, ${why}` };
    }
    if (PULL.has(reason)) return { reason: reason === 'ErrImagePull' ? 'ImagePullBackOff' : reason, detail: message || `image ${str(at(s, 'image'))} cannot be pulled` };
    if (CONFIG.has(reason)) return { reason, detail: message };
  }
  // Readiness: running past the time its probe needs to pass (delay + period x threshold), and not ready.
  const containers = list(at(p, 'spec', 'containers'));
  for (const s of list(at(p, 'status', 'containerStatuses'))) {
    const started = timestampMs(at(s, 'state', 'running', 'startedAt'));
    if (started === undefined || at(s, 'ready')) continue;
    const spec = containers.find((c) => at(c, 'name') === at(s, 'name'));
    // The time its probes may take: the startup probe's whole budget, then the readiness probe's.
    const allowance = (probe: unknown) => (probe ? int(at(probe, 'initialDelaySeconds')) + int(at(probe, 'periodSeconds') ?? 10) * int(at(probe, 'failureThreshold') ?? 3) : 0);
    const budget = (allowance(at(spec, 'startupProbe')) + allowance(at(spec, 'readinessProbe')) + minReadySeconds) * 1000;
    if (now - started > Math.max(budget, 30_000)) return { reason: 'failing readiness', detail: `container ${str(at(s, 'name'))} has been running ${Math.round((now - started) / 1000)}s without becoming ready` };
  }
  return undefined;
}

/** Says the rollout is stuck when new pods show a problem that waiting will not fix, naming how many and why. */
export function stuckReason(newPods: readonly KubeObject[], minReadySeconds: number, now: number): string | undefined {
  const live = newPods.filter((p) => !p.metadata?.deletionTimestamp);
  const problems = live.map((p) => podProblem(p, minReadySeconds, now)).filter((x): x is { reason: string; detail: string } => !!x);
  if (problems.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.reason, (counts.get(p.reason) ?? 0) + 1);
  const [reason, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
  const detail = problems.find((p) => p.reason === reason)!.detail;
  return `rollout stuck: ${n} of ${live.length} new pod${live.length > 1 ? 's' : ''} ${reason === 'failing readiness' ? 'failing readiness' : `in ${reason}`}${detail ? `: ${oneLine(detail)}` : ''}`;
}
