import { at, int, list, str } from '../columns/read.js';
import { translateTimestampSince } from '../format/duration.js';
import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import { ownerChain, type OwnerLink } from '../owner-chain.js';
import { podSummary } from '../pod-status.js';
import type { KubeObject } from '../types.js';
import { probeText, stateText } from '../view/container-rows.js';
import { worse, worstOf, type Diagnostic, type RouteNode } from './route-types.js';
import { eachOf, type FieldPaths } from '../slim/field-paths.js';

/** The fields of a pod the route trace reads (besides the status logic's). */
export const TRACE_POD_FIELDS: FieldPaths = [
  'metadata', 'status.phase', 'status.conditions', 'status.podIP', 'spec.nodeName',
  ...eachOf(['status.containerStatuses'], ['name', 'ready', 'restartCount', 'state', 'lastState']),
  ...eachOf(['spec.containers'], ['name', 'image', 'ports', 'resources', 'readinessProbe', 'livenessProbe', 'startupProbe']),
];

/** Where a Service's traffic lands in a pod: the targetPort, by number or by name. */
export type TargetPort = number | string;

/** The rollout revision a pod belongs to: its ReplicaSet's revision (given its owner link), or its controller-revision-hash. */
export function podRevision(pod: KubeObject, owner: OwnerLink | undefined): string | undefined {
  const rs = owner?.ref.kind === 'ReplicaSet' ? owner.object : undefined;
  return str(at(rs, 'metadata', 'annotations', 'deployment.kubernetes.io/revision')) || str(at(pod, 'metadata', 'labels', 'controller-revision-hash')) || undefined;
}

/** The container port a targetPort lands on: the container and port that declare it, if any. */
export function resolveTargetPort(pod: KubeObject, target: TargetPort): { container: string; port: number; name?: string } | undefined {
  for (const c of list(at(pod, 'spec', 'containers'))) {
    for (const p of list(at(c, 'ports'))) {
      const hit = typeof target === 'number' ? int(at(p, 'containerPort')) === target : str(at(p, 'name')) === target;
      if (hit) return { container: str(at(c, 'name')), port: int(at(p, 'containerPort')), name: str(at(p, 'name')) || undefined };
    }
  }
  return undefined;
}

function waitingOf(pod: KubeObject): { container: string; reason: string; message: string; restarts: number; last?: Record<string, unknown> }[] {
  return list(at(pod, 'status', 'containerStatuses')).map((s) => ({
    container: str(at(s, 'name')),
    reason: str(at(s, 'state', 'waiting', 'reason')),
    message: str(at(s, 'state', 'waiting', 'message')),
    restarts: int(at(s, 'restartCount')),
    last: (at(s, 'lastState', 'terminated') as Record<string, unknown>) ?? undefined,
  }));
}

const oneLine = (s: string, max = 160): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** What is wrong with a pod that a route goes through, if anything. */
export function podDiagnostics(pod: KubeObject, status: string, ready: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const waiting = waitingOf(pod);
  const crash = waiting.find((w) => w.reason === 'CrashLoopBackOff');
  const pull = waiting.find((w) => /^(ErrImagePull|ImagePullBackOff|InvalidImageName|ErrImageNeverPull)$/.test(w.reason));
  if (crash) {
    const last = crash.last ? `; last exit code ${int(crash.last.exitCode)}${str(crash.last.reason) ? ` (${str(crash.last.reason)})` : ''}${str(crash.last.message) ? `: ${oneLine(str(crash.last.message))}` : ''}` : '';
    out.push({ severity: 'error', code: 'pod.crash-loop', message: `container ${crash.container} is crash-looping: restarted ${crash.restarts} times${last}` });
  } else if (pull) {
    out.push({ severity: 'error', code: 'pod.image-pull', message: `container ${pull.container} cannot pull its image (${pull.reason})${pull.message ? `: ${oneLine(pull.message)}` : ''}` });
  } else if (at(pod, 'metadata', 'deletionTimestamp')) {
    out.push({ severity: 'info', code: 'pod.terminating', message: 'terminating: it is leaving the route' });
  } else if (str(at(pod, 'status', 'phase')) === 'Pending') {
    const sched = list(at(pod, 'status', 'conditions')).find((c) => at(c, 'type') === 'PodScheduled' && at(c, 'status') === 'False');
    const why = sched ? `not scheduled (${str(at(sched, 'reason'))}): ${oneLine(str(at(sched, 'message')))}` : `${status}`;
    out.push({ severity: 'warning', code: 'pod.pending', message: `pending: ${why}` });
  } else if (/BackOff$|Error$|^Err|^Signal:|^ExitCode:|^Failed$|^Evicted$|^OOMKilled$|^Unknown$/.test(status)) {
    out.push({ severity: 'error', code: 'pod.failed', message: `pod is ${status}` });
  } else if (!ready) {
    const notReady = list(at(pod, 'status', 'containerStatuses')).filter((s) => !at(s, 'ready')).map((s) => str(at(s, 'name')));
    const why = notReady.length ? `container${notReady.length > 1 ? 's' : ''} ${notReady.join(', ')} not ready` : 'readiness gates not passed';
    out.push({ severity: 'warning', code: 'pod.not-ready', message: `${status} but not ready (${why}): it receives no traffic` });
  }
  return out;
}

function containerNode(pod: KubeObject, c: unknown, podId: string, landing: { container: string; port: number } | undefined, now: number): RouteNode {
  const name = str(at(c, 'name'));
  const st = list(at(pod, 'status', 'containerStatuses')).find((s) => at(s, 'name') === name);
  const state = st ? stateText(at(st, 'state')) : { text: 'Waiting', health: 'warn' as const };
  const last = st && at(st, 'lastState', 'terminated') ? stateText(at(st, 'lastState')).text : undefined;
  const image = str(at(c, 'image'));
  const tagAt = image.lastIndexOf(':');
  const tag = image.includes('@') ? image.slice(image.indexOf('@') + 1) : tagAt > image.lastIndexOf('/') ? image.slice(tagAt + 1) : 'latest';
  const probes = Object.fromEntries(
    (['liveness', 'readiness', 'startup'] as const).filter((k) => at(c, `${k}Probe`)).map((k) => [k, probeText(at(c, `${k}Probe`))]),
  );
  const routePort = landing?.container === name ? landing.port : undefined;
  const restarts = int(at(st, 'restartCount'));
  return {
    type: 'container',
    id: `${podId}/c/${name}`,
    label: `container ${name}`,
    summary: [image, state.text + (state.since ? ` ${translateTimestampSince(state.since, now)}` : ''), st && at(st, 'ready') ? 'ready' : 'not ready', `${restarts} restarts`, ...(routePort ? [`port ${routePort}`] : [])],
    ref: { kind: 'Pod', namespace: pod.metadata?.namespace, name: String(pod.metadata?.name ?? ''), uid: pod.metadata?.uid, container: name },
    object: pod,
    facts: {
      name,
      image,
      tag,
      state: state.text,
      lastState: last,
      ready: !!(st && at(st, 'ready')),
      restarts,
      routePort,
      probes,
      resources: at(c, 'resources') ?? {},
    },
    diagnostics: [],
    // The pod's diagnostics say why; the container's mark only shows which one is unwell.
    health: state.health === 'error' ? 'error' : state.health === 'warn' || (st && !at(st, 'ready')) ? 'warning' : 'ok',
    children: [],
  };
}

/** Whether a pod's Ready condition is True (what puts it into a Service's ready endpoints). */
export function isPodReady(pod: KubeObject): boolean {
  return list(at(pod, 'status', 'conditions')).some((c) => at(c, 'type') === 'Ready' && at(c, 'status') === 'True');
}

/** A pod behind a Service: its facts, containers and diagnostics; `target` is the Service's targetPort. */
export function podNode(pod: KubeObject, parentId: string, target: TargetPort | undefined, indexes: ClusterIndexes, now: number): RouteNode {
  const { status, ready, total, restarts } = podSummary(pod);
  const isReady = isPodReady(pod);
  const name = String(pod.metadata?.name ?? '');
  const id = `${parentId}/pod/${pod.metadata?.uid ?? name}`;
  const chain = ownerChain(pod, indexes.lookup);
  const owners = chain.map((l) => ({ kind: l.ref.kind, name: l.ref.name }));
  const revision = podRevision(pod, chain[0]);
  const landing = target === undefined ? undefined : resolveTargetPort(pod, target);
  const diagnostics = podDiagnostics(pod, status, isReady);
  if (typeof target === 'string' && !landing) {
    diagnostics.push({ severity: 'error', code: 'pod.target-port-undeclared', message: `no container declares a port named "${target}", so the Service's traffic cannot reach this pod` });
  }
  const ip = str(at(pod, 'status', 'podIP'));
  const node = str(at(pod, 'spec', 'nodeName'));
  const children = list(at(pod, 'spec', 'containers')).map((c) => containerNode(pod, c, id, landing, now));
  return {
    type: 'pod',
    id,
    label: `pod ${name}`,
    summary: [status, `${ready}/${total}`, `${restarts} restarts`, ip || '<no ip>', node || '<unscheduled>', translateTimestampSince(pod.metadata?.creationTimestamp, now), ...(revision ? [`rev ${revision}`] : [])],
    ref: { kind: 'Pod', namespace: pod.metadata?.namespace, name, uid: pod.metadata?.uid },
    object: pod,
    facts: {
      namespace: pod.metadata?.namespace,
      name,
      phase: str(at(pod, 'status', 'phase')),
      status,
      ready: isReady,
      readyContainers: `${ready}/${total}`,
      restarts,
      ip: ip || undefined,
      node: node || undefined,
      createdAt: pod.metadata?.creationTimestamp,
      owners,
      revision,
    },
    diagnostics,
    health: children.reduce((h, c) => worse(h, c.health), worstOf(diagnostics)),
    children,
  };
}
