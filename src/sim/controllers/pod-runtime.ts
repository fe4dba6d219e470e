import { createHash } from 'node:crypto';
import type { KubeObject } from '../../model/types.js';
import type { SimTimer } from '../clock.js';
import { qosClass } from '../../model/pod-qos.js';
import { timestamp } from '../store.js';

/** A container's state as the kubelet reports it. */
export type ContainerState =
  | { kind: 'waiting'; reason: string; message?: string }
  | { kind: 'running'; startedAt: number }
  | { kind: 'terminated'; exitCode: number; reason: string; message?: string; startedAt: number; finishedAt: number; containerID?: string };

/** The simulated kubelet's view of one container. */
export interface ContainerRun {
  name: string;
  image: string;
  init: boolean;
  state: ContainerState;
  lastState?: Extract<ContainerState, { kind: 'terminated' }>;
  restartCount: number;
  ready: boolean;
  containerID?: string;
  /** Consecutive image pull failures, for the pull back-off. */
  pullFailures: number;
  /** Exits that led to a restart, for the crash back-off. */
  crashes: number;
  /** Increments with every pull, so that a superseded pull does not start the container. */
  pullSeq: number;
}

/** The simulated kubelet's view of one pod on its node. */
export interface PodRun {
  uid: string;
  node: string;
  podIP: string;
  hostIP: string;
  startedAt: number;
  containers: ContainerRun[];
  timers: SimTimer[];
  terminating: boolean;
}

/** A containerd-style container ID, unique per pod, container and restart. */
export function containerId(podUid: string, name: string, restart: number): string {
  return 'containerd://' + createHash('sha256').update(`${podUid}/${name}/${restart}`).digest('hex');
}

function stateJson(s: ContainerState): Record<string, unknown> {
  if (s.kind === 'waiting') return { waiting: { reason: s.reason, ...(s.message ? { message: s.message } : {}) } };
  if (s.kind === 'running') return { running: { startedAt: timestamp(s.startedAt) } };
  return {
    terminated: {
      exitCode: s.exitCode,
      reason: s.reason,
      ...(s.message ? { message: s.message } : {}),
      startedAt: timestamp(s.startedAt),
      finishedAt: timestamp(s.finishedAt),
      ...(s.containerID ? { containerID: s.containerID } : {}),
    },
  };
}

function containerStatus(c: ContainerRun): Record<string, unknown> {
  const running = c.state.kind === 'running';
  const pulled = c.containerID !== undefined;
  return {
    name: c.name,
    state: stateJson(c.state),
    lastState: c.lastState ? stateJson(c.lastState) : {},
    ready: c.ready,
    restartCount: c.restartCount,
    image: c.image,
    imageID: pulled ? `${c.image.split(':')[0]}@sha256:${createHash('sha256').update(c.image).digest('hex')}` : '',
    ...(pulled ? { containerID: c.containerID } : {}),
    started: running,
  };
}

function condition(type: string, ok: boolean, at: string, reason?: string, message?: string): Record<string, unknown> {
  return { type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: at, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

/** Keeps lastTransitionTime of conditions whose status did not change. */
function carryTransitions(prev: any[] | undefined, next: Record<string, any>[]): Record<string, any>[] {
  return next.map((c) => {
    const old = Array.isArray(prev) ? prev.find((p) => p?.type === c.type) : undefined;
    return old && old.status === c.status ? { ...c, lastTransitionTime: old.lastTransitionTime } : c;
  });
}

/** Computes the pod status the kubelet reports for a run, keeping unchanged transition times. */
export function podStatus(pod: KubeObject, run: PodRun, now: number): Record<string, unknown> {
  const at = timestamp(now);
  const prev = pod.status ?? {};
  const inits = run.containers.filter((c) => c.init);
  const mains = run.containers.filter((c) => !c.init);
  const initsDone = inits.every((c) => c.state.kind === 'terminated' && c.state.exitCode === 0);
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  const allTerminated = mains.every((c) => c.state.kind === 'terminated');
  const allSucceeded = allTerminated && mains.every((c) => c.state.kind === 'terminated' && c.state.exitCode === 0);
  let phase = 'Pending';
  if (allTerminated && restartPolicy !== 'Always' && initsDone) phase = allSucceeded ? 'Succeeded' : restartPolicy === 'Never' ? 'Failed' : 'Running';
  else if (initsDone && mains.some((c) => c.state.kind === 'running' || c.restartCount > 0 || c.state.kind === 'terminated')) phase = 'Running';
  const containersReady = mains.every((c) => c.ready);
  const notReady = mains.filter((c) => !c.ready).map((c) => c.name);
  const completed = phase === 'Succeeded' || phase === 'Failed';
  const readyReason = completed ? 'PodCompleted' : containersReady ? undefined : 'ContainersNotReady';
  const readyMessage = completed || containersReady ? undefined : `containers with unready status: [${notReady.join(' ')}]`;
  const conditions = [
    condition('PodReadyToStartContainers', true, at),
    condition('Initialized', initsDone, at, initsDone ? undefined : 'ContainersNotInitialized', initsDone ? undefined : `containers with incomplete status: [${inits.filter((c) => c.state.kind !== 'terminated').map((c) => c.name).join(' ')}]`),
    condition('Ready', containersReady && !completed && !run.terminating, at, readyReason, readyMessage),
    condition('ContainersReady', containersReady && !completed, at, readyReason, readyMessage),
    condition('PodScheduled', true, at),
  ];
  return {
    phase,
    conditions: carryTransitions(prev.conditions, conditions),
    hostIP: run.hostIP,
    hostIPs: [{ ip: run.hostIP }],
    podIP: run.podIP,
    podIPs: [{ ip: run.podIP }],
    startTime: timestamp(run.startedAt),
    ...(inits.length ? { initContainerStatuses: inits.map(containerStatus) } : {}),
    containerStatuses: mains.map(containerStatus),
    qosClass: qosClass(pod),
  };
}
