import { at, int, list, str } from '../columns/read.js';
import { timestampMs } from '../format/duration.js';
import type { KubeObject } from '../types.js';
import { eachOf, type FieldPaths } from '../slim/field-paths.js';

/** The fields of a pod the stuck-rollout diagnosis reads. */
export const STUCK_POD_FIELDS: FieldPaths = [
  'metadata', 'status.conditions', 'status.nominatedNodeName',
  ...eachOf(['status.containerStatuses', 'status.initContainerStatuses'], ['name', 'image', 'ready', 'restartCount', 'state', 'lastState']),
  ...eachOf(['spec.containers'], ['name', 'readinessProbe', 'startupProbe', 'livenessProbe']),
];

/** How long a pod may stay Unschedulable before it counts: a cluster autoscaler's new node usually joins within minutes. */
export const UNSCHEDULABLE_GRACE_MS = 5 * 60_000;
/** How long a container may wait in CreateContainerConfigError (and its kin): a missing Secret or ConfigMap is often on its way. */
export const CONFIG_ERROR_GRACE_MS = 2 * 60_000;
/** How long past its probes' own failure budget a running container may stay unready before it counts. */
export const READINESS_MARGIN_MS = 30_000;
/** The kubelet's probe defaults, used for fields (or a readiness probe) left unset. */
export const PROBE_DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 } as const;

// Waiting reasons that say the image will not come: the back-off after a failed pull, not the first
// ErrImagePull (a registry's rate limit, a blip), and names that can never pull.
const PULL = new Set(['ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);
// One state under two names: the kubelet flips a failing pull between the two at every retry.
const PULL_FAMILY = new Set(['ErrImagePull', 'ImagePullBackOff']);
// Waiting reasons the kubelet retries on every sync, which something else may fix (a Secret being created).
const CONFIG = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);

const oneLine = (s: string, max = 140): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** What a probe may take before it has failed for good: initialDelaySeconds + periodSeconds × failureThreshold, in ms. */
export function probeBudgetMs(probe: unknown): number {
  const field = (name: keyof typeof PROBE_DEFAULTS) => {
    const v = at(probe, name);
    return typeof v === 'number' ? v : PROBE_DEFAULTS[name];
  };
  return (field('initialDelaySeconds') + field('periodSeconds') * field('failureThreshold')) * 1000;
}

/** How long a running container may stay unready before it counts: its startup probe's budget, its readiness probe's, and the margin. */
export function readinessAllowanceMs(container: unknown): number {
  const startup = at(container, 'startupProbe');
  return (startup ? probeBudgetMs(startup) : 0) + probeBudgetMs(at(container, 'readinessProbe')) + READINESS_MARGIN_MS;
}

/** Why one pod (never a terminating one) cannot become available, once the condition has lasted past its threshold: the reason word and the detail. */
export function podProblem(p: KubeObject, now: number): { reason: string; detail: string } | undefined {
  // A terminating pod is on its way out: whatever its containers say, it is not failing to come up.
  if (p.metadata?.deletionTimestamp) return undefined;
  const created = timestampMs(p.metadata?.creationTimestamp);
  const sched = list(at(p, 'status', 'conditions')).find((c) => at(c, 'type') === 'PodScheduled' && at(c, 'status') === 'False' && at(c, 'reason') === 'Unschedulable');
  // A nominated node means preemption is making room; otherwise a node may still be on its way.
  const since = timestampMs(at(sched, 'lastTransitionTime')) ?? created;
  if (sched && !str(at(p, 'status', 'nominatedNodeName')) && since !== undefined && now - since > UNSCHEDULABLE_GRACE_MS) return { reason: 'Unschedulable', detail: str(at(sched, 'message')) };
  const statuses = [...list(at(p, 'status', 'initContainerStatuses')), ...list(at(p, 'status', 'containerStatuses'))];
  for (const s of statuses) {
    const reason = str(at(s, 'state', 'waiting', 'reason'));
    const message = str(at(s, 'state', 'waiting', 'message'));
    if (reason === 'CrashLoopBackOff') {
      const last = at(s, 'lastState', 'terminated');
      const why = last ? `exit code ${int(at(last, 'exitCode'))}${str(at(last, 'message')) ? `: ${str(at(last, 'message'))}` : ''}` : message;
      return { reason, detail: `container ${str(at(s, 'name'))} restarted ${int(at(s, 'restartCount'))} times, ${why}` };
    }
    if (PULL.has(reason)) {
      // Named as the STATUS column names it (issue 21 #7): by the first container with a failing pull, as printPod does.
      const shown = statuses.find((x) => PULL_FAMILY.has(str(at(x, 'state', 'waiting', 'reason')))) ?? s;
      const word = PULL_FAMILY.has(reason) ? str(at(shown, 'state', 'waiting', 'reason')) : reason;
      const said = str(at(shown, 'state', 'waiting', 'message'));
      return { reason: word, detail: (PULL_FAMILY.has(reason) && said) || message || `image ${str(at(s, 'image'))} cannot be pulled` };
    }
    // The state carries no time: it has lasted at most since the pod was made, or its container last ended.
    const waitingSince = Math.max(created ?? now, timestampMs(at(s, 'lastState', 'terminated', 'finishedAt')) ?? 0);
    if (CONFIG.has(reason) && now - waitingSince > CONFIG_ERROR_GRACE_MS) return { reason, detail: message };
  }
  const containers = list(at(p, 'spec', 'containers'));
  for (const s of list(at(p, 'status', 'containerStatuses'))) {
    const started = timestampMs(at(s, 'state', 'running', 'startedAt'));
    if (started === undefined || at(s, 'ready')) continue;
    const allowance = readinessAllowanceMs(containers.find((c) => at(c, 'name') === at(s, 'name')));
    if (now - started > allowance) {
      return { reason: 'failing readiness', detail: `container ${str(at(s, 'name'))} has been running ${Math.round((now - started) / 1000)}s without becoming ready (its probes allow ${Math.round((allowance - READINESS_MARGIN_MS) / 1000)}s)` };
    }
  }
  return undefined;
}

/** The rollout's stuck diagnosis: the reason most new pods share, and the sentence that names how many and why. */
export interface StuckDiagnosis {
  reason: string;
  text: string;
}

/** Says the rollout is stuck when new pods show a problem that has persisted past its threshold, naming how many and why. */
export function stuckDiagnosis(newPods: readonly KubeObject[], now: number): StuckDiagnosis | undefined {
  const live = newPods.filter((p) => !p.metadata?.deletionTimestamp);
  const problems = live.map((p) => podProblem(p, now)).filter((x): x is { reason: string; detail: string } => !!x);
  if (problems.length === 0) return undefined;
  // Pods flipping between the two pull words are in one state: counted together, keyed by the back-off.
  const cause = (r: string) => (PULL_FAMILY.has(r) ? 'ImagePullBackOff' : r);
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(cause(p.reason), (counts.get(cause(p.reason)) ?? 0) + 1);
  const [reason, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
  // Said with the word most of those pods' STATUS shows now (the back-off on a tie).
  const words = new Map<string, number>();
  for (const p of problems) if (cause(p.reason) === reason) words.set(p.reason, (words.get(p.reason) ?? 0) + 1);
  const word = [...words].sort((a, b) => b[1] - a[1] || (a[0] === reason ? -1 : 1))[0][0];
  const detail = problems.find((p) => p.reason === word)!.detail;
  return { reason, text: `rollout stuck: ${n} of ${live.length} new pod${live.length > 1 ? 's' : ''} ${word === 'failing readiness' ? 'failing readiness' : `in ${word}`}${detail ? `: ${oneLine(detail)}` : ''}` };
}
