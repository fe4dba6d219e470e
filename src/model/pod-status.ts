/**
 * Pod STATUS, READY and RESTARTS exactly as kubectl's server-side printPod
 * (kubernetes/kubernetes pkg/printers/internalversion/printers.go) computes them,
 * plus a colour classification for the UI.
 */
import type { KubeObject } from './types.js';
import { at, int, isObject, isSet, list, str } from './columns/read.js';
import { humanDuration, timestampMs } from './format/duration.js';
import { eachOf, type FieldPaths } from './slim/field-paths.js';

/** The fields of a pod the status logic reads (projected caches keep them: see model/slim). */
export const POD_STATUS_FIELDS: FieldPaths = ['metadata', 'status.phase', 'status.reason', 'status.conditions', ...eachOf(['status.containerStatuses', 'status.initContainerStatuses'], ['name', 'ready', 'restartCount', 'started', 'state', 'lastState', 'image']), 'spec.containers[].name', 'spec.containers[].restartPolicy', 'spec.initContainers[].name', 'spec.initContainers[].restartPolicy', 'spec.readinessGates'];

/** Everything printPod derives from a pod's status in one pass. */
export interface PodSummary {
  /** The STATUS column: "Running", "Init:1/3", "CrashLoopBackOff", "Terminating", ... */
  readonly status: string;
  /** Ready containers (including started, ready sidecars). */
  readonly ready: number;
  /** Regular containers plus restartable init containers (sidecars). */
  readonly total: number;
  /** Restart count as RESTARTS shows it. */
  readonly restarts: number;
  /** Epoch ms of the most recent restart (last termination's finishedAt), if known. */
  readonly lastRestartAt?: number;
}

/** Restart count and when the last restart happened. */
export interface PodRestarts {
  count: number;
  lastRestartAt?: number;
  /** HumanDuration since the last restart, e.g. "45s"; only when count is non-zero. */
  lastRestartAgo?: string;
}

/** Colour class of a pod row. */
export type PodHealth = 'ok' | 'warn' | 'error' | 'done';

function conditionStatus(pod: unknown, type: string, first: boolean): boolean {
  for (const c of list(at(pod, 'status', 'conditions'))) {
    if (at(c, 'type') !== type) continue;
    if (first) return at(c, 'status') === 'True';
    if (at(c, 'status') === 'True') return true;
  }
  return false;
}

function isRestartable(container: unknown): boolean {
  return at(container, 'restartPolicy') === 'Always';
}

/** Tracks the latest lastState.terminated.finishedAt, as printPod's lastRestartDate. */
function later(current: number | undefined, status: unknown): number | undefined {
  const terminated = at(status, 'lastState', 'terminated');
  if (!isObject(terminated)) return current;
  const finished = timestampMs(terminated.finishedAt);
  return finished !== undefined && (current === undefined || current < finished) ? finished : current;
}

function exitReason(prefix: string, terminated: Record<string, unknown>): string {
  const signal = int(terminated.signal);
  return signal !== 0 ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${int(terminated.exitCode)}`;
}

/**
 * Summaries of pods that carry a resourceVersion, so the several pod columns of
 * one row share a single computation. API objects are treated as immutable; a
 * changed resourceVersion invalidates the entry.
 */
const summaries = new WeakMap<object, { resourceVersion: string; summary: PodSummary }>();

/** Computes STATUS, READY and RESTARTS of a pod in one pass, as printPod does. */
export function podSummary(pod: KubeObject): PodSummary {
  const resourceVersion = at(pod, 'metadata', 'resourceVersion');
  if (typeof resourceVersion !== 'string' || resourceVersion === '' || typeof pod !== 'object' || pod === null) {
    return summarize(pod);
  }
  const hit = summaries.get(pod);
  if (hit !== undefined && hit.resourceVersion === resourceVersion) return hit.summary;
  const summary = Object.freeze(summarize(pod));
  summaries.set(pod, { resourceVersion, summary });
  return summary;
}

function summarize(pod: KubeObject): PodSummary {
  const initSpecs = list(at(pod, 'spec', 'initContainers'));
  let total = list(at(pod, 'spec', 'containers')).length;
  const initByName = new Map<string, unknown>();
  for (const c of initSpecs) {
    initByName.set(str(at(c, 'name')), c);
    if (isRestartable(c)) total++;
  }

  const phase = str(at(pod, 'status', 'phase'));
  const statusReason = str(at(pod, 'status', 'reason'));
  let reason = statusReason !== '' ? statusReason : phase;
  for (const c of list(at(pod, 'status', 'conditions'))) {
    if (at(c, 'type') === 'PodScheduled' && at(c, 'reason') === 'SchedulingGated') reason = 'SchedulingGated';
  }

  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  let initializing = false;
  const initStatuses = list(at(pod, 'status', 'initContainerStatuses'));
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    const count = int(at(c, 'restartCount'));
    const sidecar = isRestartable(initByName.get(str(at(c, 'name'))));
    restarts += count;
    lastRestart = later(lastRestart, c);
    if (sidecar) {
      sidecarRestarts += count;
      lastSidecarRestart = later(lastSidecarRestart, c);
    }
    const terminated = at(c, 'state', 'terminated');
    const waitingReason = str(at(c, 'state', 'waiting', 'reason'));
    if (isObject(terminated) && int(terminated.exitCode) === 0) continue;
    if (sidecar && at(c, 'started') === true) {
      if (at(c, 'ready') === true) ready++;
      continue;
    }
    if (isObject(terminated)) {
      const r = str(terminated.reason);
      reason = r === '' ? exitReason('Init:', terminated) : `Init:${r}`;
    } else if (isObject(at(c, 'state', 'waiting')) && waitingReason !== '' && waitingReason !== 'PodInitializing') {
      reason = `Init:${waitingReason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionStatus(pod, 'Initialized', true)) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = list(at(pod, 'status', 'containerStatuses'));
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += int(at(c, 'restartCount'));
      lastRestart = later(lastRestart, c);
      const waiting = at(c, 'state', 'waiting');
      const terminated = at(c, 'state', 'terminated');
      if (isObject(waiting) && str(waiting.reason) !== '') {
        reason = str(waiting.reason);
      } else if (isObject(terminated)) {
        reason = str(terminated.reason) !== '' ? str(terminated.reason) : exitReason('', terminated);
      } else if (at(c, 'ready') === true && isObject(at(c, 'state', 'running'))) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditionStatus(pod, 'Ready', false) ? 'Running' : 'NotReady';
    }
  }

  if (isSet(at(pod, 'metadata', 'deletionTimestamp'))) {
    if (statusReason === 'NodeLost') reason = 'Unknown';
    else if (phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  }

  return { status: reason, ready, total, restarts, lastRestartAt: lastRestart };
}

/** The STATUS column of `kubectl get pods`. */
export function podStatus(pod: KubeObject): string {
  return podSummary(pod).status;
}

/** The READY column of `kubectl get pods` as numbers ("1/2" → {ready: 1, total: 2}). */
export function podReady(pod: KubeObject): { ready: number; total: number } {
  const { ready, total } = podSummary(pod);
  return { ready, total };
}

/** Restart count and time since the last restart, as RESTARTS reports them. */
export function podRestarts(pod: KubeObject, now: number = Date.now()): PodRestarts {
  const { restarts, lastRestartAt } = podSummary(pod);
  if (restarts === 0 || lastRestartAt === undefined) return { count: restarts, lastRestartAt };
  return { count: restarts, lastRestartAt, lastRestartAgo: humanDuration(now - lastRestartAt) };
}

/** The RESTARTS column text: "0", "4", or "3 (45s ago)". */
export function podRestartsText(pod: KubeObject, now: number): string {
  const { count, lastRestartAgo } = podRestarts(pod, now);
  return lastRestartAgo === undefined ? String(count) : `${count} (${lastRestartAgo} ago)`;
}

const ERROR_REASONS = new Set([
  'Unknown', 'Failed', 'Evicted', 'OOMKilled', 'ContainerStatusUnknown', 'InvalidImageName',
  'ContainerCannotRun', 'DeadlineExceeded', 'NodeLost', 'NodeAffinity', 'UnexpectedAdmissionError',
  'OutOfcpu', 'OutOfmemory', 'OutOfpods', 'Shutdown', 'Terminated',
]);
const WARN_REASONS = new Set([
  'Pending', 'ContainerCreating', 'PodInitializing', 'Terminating', 'NotReady', 'SchedulingGated',
]);

function isErrorReason(reason: string): boolean {
  return (
    ERROR_REASONS.has(reason) ||
    /BackOff$|Error$|^Err|^Signal:|^ExitCode:/.test(reason)
  );
}

/** Colour class: error (crash loops, pull errors, failures), warn (pending, not ready), done (completed), ok. */
export function podHealth(pod: KubeObject): PodHealth {
  const { status, ready, total } = podSummary(pod);
  const phase = str(at(pod, 'status', 'phase'));
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (status.startsWith('Init:')) {
    const inner = status.slice('Init:'.length);
    return /^\d+\/\d+$/.test(inner) || WARN_REASONS.has(inner) || !isErrorReason(inner) ? 'warn' : 'error';
  }
  if (isErrorReason(status) || phase === 'Failed') return 'error';
  if (WARN_REASONS.has(status) || phase === 'Pending') return 'warn';
  if (phase === 'Succeeded') return 'done';
  return ready < total || status !== 'Running' ? 'warn' : 'ok';
}
