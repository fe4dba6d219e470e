import { createHash } from 'node:crypto';
import type { KubeObject } from '../../model/types.js';
import { timestamp } from '../store.js';
import { fullReference } from '../images.js';
import { containerId, podStatus, type ContainerRun, type PodRun } from './pod-runtime.js';
import { splitKey, wakeSelf, type Controller, type ControllerHost } from './runtime.js';
import { schedule } from './scheduler.js';

const PODS = 'pods';
const BACKOFF_START_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
const STOP_MS = 1_500;

/** A deterministic duration in [min, max) ms derived from a string, so runs are repeatable. */
function jitter(seed: string, min: number, max: number): number {
  const n = createHash('md5').update(seed).digest().readUInt32BE(0);
  return min + (n % Math.max(1, max - min));
}

/** The back-off before restart number `n` (10s, 20s, 40s ... 5m), as the kubelet does it. */
export function backoffMs(n: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** Math.max(0, n - 1));
}

/**
 * The simulated scheduler and kubelet: places pods on nodes, pulls images, starts,
 * probes, crashes and restarts containers, and terminates pods with their grace period,
 * emitting the events a real kubelet emits.
 */
export class PodLifecycleController implements Controller {
  readonly name = 'kubelet';
  readonly triggers = { [PODS]: wakeSelf, nodes: () => this.pendingPods() };
  private readonly runs = new Map<string, PodRun>();
  private readonly nodeLoad = new Map<string, number>();
  private readonly boundTo = new Map<string, string>();
  private readonly usedIps = new Map<string, Set<number>>();
  private readonly ipOf = new Map<string, { node: string; octet: number }>();

  constructor(private readonly host: ControllerHost) {}

  /** The kubelet's run of a pod, for the log service. */
  run(uid: string | undefined): PodRun | undefined {
    return uid ? this.runs.get(uid) : undefined;
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const pod = this.host.store.get(PODS, ns, name);
    const known = this.uidByKey.get(key);
    // A pod that is gone (or replaced under the same name) releases its run.
    if (known && pod?.metadata?.uid !== known) this.release(known);
    if (!pod) return;
    if (!pod.spec?.nodeName) return this.schedule(pod);
    const uid = pod.metadata!.uid!;
    let run = this.runs.get(uid);
    if (!run) run = this.start(pod);
    if (pod.metadata?.deletionTimestamp && !run.terminating) this.terminate(pod, run);
    else if (!run.terminating) this.syncImages(pod, run);
  }

  /** A changed image (kubectl set image on a pod) restarts that container with the new one, as the kubelet does. */
  private syncImages(pod: KubeObject, run: PodRun): void {
    let changed = false;
    for (const c of run.containers) {
      const list = c.init ? pod.spec?.initContainers : pod.spec?.containers;
      const spec = (Array.isArray(list) ? list : []).find((x: any) => x?.name === c.name);
      if (!spec || typeof spec.image !== 'string' || spec.image === c.image) continue;
      changed = true;
      const now = this.host.clock.now();
      if (c.state.kind === 'running') {
        this.event(run, c, 'Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`);
        c.state = { kind: 'terminated', exitCode: 0, reason: 'Completed', startedAt: c.state.startedAt, finishedAt: now, containerID: c.containerID };
      }
      c.image = spec.image;
      c.ready = false;
      c.pullFailures = 0;
      c.crashes = 0;
      if (!c.init || c.state.kind !== 'terminated') this.pull(run, c);
    }
    if (changed) this.publish(run);
  }

  private readonly keys = new Map<string, string>();
  private readonly uidByKey = new Map<string, string>();

  private pendingPods(): string[] {
    return this.host.store
      .list(PODS)
      .filter((p) => !p.spec?.nodeName)
      .map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
  }

  private schedule(pod: KubeObject): void {
    const nodes = this.host.store.list('nodes');
    const placement = schedule(pod, nodes, (n) => this.nodeLoad.get(n) ?? 0);
    const at = timestamp(this.host.clock.now());
    if ('reason' in placement) {
      const cond = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: at, reason: 'Unschedulable', message: placement.reason };
      const prev = (pod.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled');
      if (prev?.message !== placement.reason) {
        this.host.setStatus(PODS, pod, { ...pod.status, phase: 'Pending', conditions: [cond] });
        this.host.events.record(pod, 'Warning', 'FailedScheduling', placement.reason, { component: 'default-scheduler' });
      }
      return;
    }
    this.bind(pod.metadata!.uid!, placement.node);
    const bound = this.host.update(PODS, {
      ...pod,
      spec: { ...pod.spec, nodeName: placement.node },
      status: { ...pod.status, phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: at }] },
    });
    this.host.events.record(bound, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata?.namespace}/${pod.metadata?.name} to ${placement.node}`, {
      component: 'default-scheduler',
    });
  }

  /** Counts a pod against its node as soon as it is bound, so pods bound together spread out. */
  private bind(uid: string, node: string): void {
    if (this.boundTo.has(uid)) return;
    this.boundTo.set(uid, node);
    this.nodeLoad.set(node, (this.nodeLoad.get(node) ?? 0) + 1);
  }

  private unbind(uid: string): void {
    const node = this.boundTo.get(uid);
    if (node === undefined) return;
    this.boundTo.delete(uid);
    this.nodeLoad.set(node, Math.max(0, (this.nodeLoad.get(node) ?? 1) - 1));
  }

  /** A free address in the node's pod range (10.244.N.0/24), or the node's own for hostNetwork pods. */
  private allocateIp(pod: KubeObject, nodeName: string): { podIP: string; hostIP: string } {
    const node = this.host.store.get('nodes', undefined, nodeName);
    const hostIP = (node?.status?.addresses ?? []).find((a: any) => a?.type === 'InternalIP')?.address ?? '10.0.0.1';
    if (pod.spec?.hostNetwork === true) return { podIP: hostIP, hostIP };
    const cidr = /^10\.244\.(\d+)\.0\/24$/.exec(String(node?.spec?.podCIDR ?? ''));
    const index = cidr ? Number(cidr[1]) : Math.max(0, this.host.store.list('nodes').findIndex((n) => n.metadata?.name === nodeName));
    let used = this.usedIps.get(nodeName);
    if (!used) this.usedIps.set(nodeName, (used = new Set()));
    let octet = 2;
    while (used.has(octet) && octet < 254) octet++;
    used.add(octet);
    this.ipOf.set(pod.metadata!.uid!, { node: nodeName, octet });
    return { podIP: `10.244.${index}.${octet}`, hostIP };
  }

  private start(pod: KubeObject): PodRun {
    const uid = pod.metadata!.uid!;
    const node = pod.spec.nodeName as string;
    const toRun = (c: any, init: boolean): ContainerRun => ({
      name: String(c?.name ?? ''),
      image: String(c?.image ?? ''),
      init,
      state: { kind: 'waiting', reason: init ? 'PodInitializing' : 'ContainerCreating' },
      restartCount: 0,
      ready: false,
      pullFailures: 0,
      crashes: 0,
      pullSeq: 0,
    });
    const run: PodRun = {
      uid,
      node,
      ...this.allocateIp(pod, node),
      startedAt: this.host.clock.now(),
      containers: [...(pod.spec.initContainers ?? []).map((c: any) => toRun(c, true)), ...(pod.spec.containers ?? []).map((c: any) => toRun(c, false))],
      timers: [],
      terminating: false,
    };
    this.runs.set(uid, run);
    this.keys.set(uid, `${pod.metadata?.namespace}/${pod.metadata?.name}`);
    this.uidByKey.set(`${pod.metadata?.namespace}/${pod.metadata?.name}`, uid);
    this.bind(uid, node);
    this.publish(run);
    this.nextStep(run);
    return run;
  }

  /** Starts the next container that should run: init containers in order, then all main ones. */
  private nextStep(run: PodRun): void {
    const inits = run.containers.filter((c) => c.init);
    const pendingInit = inits.find((c) => !(c.state.kind === 'terminated' && c.state.exitCode === 0));
    if (pendingInit) {
      if (pendingInit.state.kind === 'waiting' && pendingInit.containerID === undefined) this.pull(run, pendingInit);
      return;
    }
    for (const c of run.containers) if (!c.init && c.state.kind === 'waiting' && c.containerID === undefined && c.pullFailures === 0) this.pull(run, c);
  }

  private later(run: PodRun, ms: number, fn: () => void): void {
    const timer = this.host.clock.after(ms, () => {
      run.timers.splice(run.timers.indexOf(timer), 1);
      if (this.runs.get(run.uid) !== run) return;
      fn();
      this.publish(run);
    });
    run.timers.push(timer);
  }

  private pod(run: PodRun): KubeObject | undefined {
    const [ns, name] = splitKey(this.keys.get(run.uid) ?? '');
    const pod = this.host.store.get(PODS, ns, name);
    return pod?.metadata?.uid === run.uid ? pod : undefined;
  }

  private kubelet(run: PodRun) {
    return { component: 'kubelet', host: run.node };
  }

  private event(run: PodRun, c: ContainerRun | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const pod = this.pod(run);
    if (!pod) return;
    const field = c ? `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}` : undefined;
    this.host.events.record(pod, type, reason, message, this.kubelet(run), field);
  }

  private pull(run: PodRun, c: ContainerRun): void {
    const behaviour = this.host.images.get(c.image);
    this.event(run, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
    const delay = jitter(`${run.uid}/${c.name}/${c.pullFailures}`, 800, 2600);
    const seq = ++c.pullSeq;
    this.later(run, delay, () => {
      if (c.pullSeq !== seq) return;
      if (behaviour.pull === 'missing' || c.pullFailures < (behaviour.pullFailures ?? 0)) return this.pullFailed(run, c, behaviour.pull !== 'missing');
      const secs = (delay / 1000).toFixed(3);
      this.event(run, c, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${secs}s (${secs}s including waiting). Image size: ${jitter(c.image, 20_000_000, 90_000_000)} bytes.`);
      this.startContainer(run, c, true);
    });
  }

  private pullFailed(run: PodRun, c: ContainerRun, rateLimited: boolean): void {
    c.pullFailures++;
    const ref = fullReference(c.image);
    const cause = rateLimited
      ? `rpc error: code = Unknown desc = failed to pull and unpack image "${ref}": failed to copy: httpReadSeeker: failed open: unexpected status code 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.`
      : `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
    const msg = `Failed to pull image "${c.image}": ${cause}`;
    c.state = { kind: 'waiting', reason: 'ErrImagePull', message: msg };
    this.event(run, c, 'Warning', 'Failed', msg);
    this.event(run, c, 'Warning', 'Failed', 'Error: ErrImagePull');
    const wait = backoffMs(c.pullFailures);
    this.later(run, 2_000, () => {
      // As the kubelet words it: the back-off, then the error that caused it.
      c.state = { kind: 'waiting', reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}": ErrImagePull: ${cause}` };
      this.event(run, c, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
      this.event(run, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
    });
    const seq = c.pullSeq;
    this.later(run, Math.max(wait, 2_500), () => c.pullSeq === seq && this.pull(run, c));
  }

  private startContainer(run: PodRun, c: ContainerRun, freshPull = false): void {
    const pod = this.pod(run);
    if (!pod || run.terminating) return;
    const spec = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])].find((s: any) => s?.name === c.name) ?? {};
    const behaviour = this.host.images.get(c.image);
    const now = this.host.clock.now();
    if (c.containerID !== undefined) {
      // A restart: the kubelet counts it when it starts the new container.
      if (c.state.kind === 'terminated') c.lastState = c.state;
      c.restartCount++;
      if (!freshPull) this.event(run, c, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
    }
    c.containerID = containerId(run.uid, c.name, c.restartCount);
    this.event(run, c, 'Normal', 'Created', `Created container ${c.name}`);
    this.event(run, c, 'Normal', 'Started', `Started container ${c.name}`);
    c.state = { kind: 'running', startedAt: now };
    const restartPolicy = pod.spec.restartPolicy ?? 'Always';
    const runsToCompletion = c.init || restartPolicy !== 'Always';
    if (behaviour.crash) {
      this.later(run, behaviour.crash.afterSeconds * 1000, () => this.exit(run, c, behaviour.crash!.exitCode ?? 1, 'Error', behaviour.crash!.message));
    } else if (runsToCompletion) {
      const secs = behaviour.runSeconds ?? (c.init ? 2 : 8);
      this.later(run, jitter(c.containerID, secs * 800, secs * 1200), () => this.exit(run, c, 0, 'Completed'));
    }
    if (c.init) return;
    const probe = spec.readinessProbe;
    if (!probe) c.ready = true;
    else this.probe(run, c, probe, behaviour.ready, (probe.initialDelaySeconds ?? 0) * 1000 + 1000, now + (behaviour.readyAfterSeconds ?? 0) * 1000);
  }

  private probe(run: PodRun, c: ContainerRun, probe: any, passes: boolean, delay: number, readyFrom: number): void {
    const containerId = c.containerID;
    this.later(run, delay, () => {
      if (c.containerID !== containerId || c.state.kind !== 'running' || run.terminating) return;
      if (passes && this.host.clock.now() >= readyFrom) {
        c.ready = true;
        return;
      }
      const target = probe.httpGet ? `HTTP probe failed with statuscode: 503` : probe.tcpSocket ? `dial tcp ${run.podIP}:${probe.tcpSocket.port}: connect: connection refused` : 'command terminated with exit code 1';
      this.event(run, c, 'Warning', 'Unhealthy', `Readiness probe failed: ${target}`);
      this.probe(run, c, probe, passes, (probe.periodSeconds ?? 10) * 1000, readyFrom);
    });
  }

  private exit(run: PodRun, c: ContainerRun, exitCode: number, reason: string, message?: string): void {
    if (c.state.kind !== 'running' || run.terminating) return;
    const pod = this.pod(run);
    if (!pod) return;
    const now = this.host.clock.now();
    const ended = { kind: 'terminated' as const, exitCode, reason, message, startedAt: c.state.startedAt, finishedAt: now, containerID: c.containerID };
    c.ready = false;
    const policy = pod.spec.restartPolicy ?? 'Always';
    const restart = policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
    if (c.init && exitCode === 0) {
      c.state = ended;
      this.nextStep(run);
      return;
    }
    c.state = ended;
    if (!restart) return;
    // The kubelet forgets the back-off of a container that ran for ten minutes.
    if (now - ended.startedAt > 600_000) c.crashes = 0;
    // No back-off entry exists at the first exit, so the kubelet restarts at once; then 10s, 20s, ... 5m.
    c.crashes++;
    if (c.crashes === 1) {
      this.later(run, 1_000, () => this.startContainer(run, c));
      return;
    }
    const wait = backoffMs(c.crashes - 1);
    this.later(run, 1_000, () => {
      c.lastState = ended;
      c.state = { kind: 'waiting', reason: 'CrashLoopBackOff', message: `back-off ${Math.round(wait / 1000)}s restarting failed container=${c.name} pod=${pod.metadata?.name}_${pod.metadata?.namespace}(${run.uid})` };
      this.event(run, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata?.name}_${pod.metadata?.namespace}(${run.uid})`);
    });
    this.later(run, wait, () => this.startContainer(run, c));
  }

  private terminate(pod: KubeObject, run: PodRun): void {
    run.terminating = true;
    for (const c of run.containers) {
      c.ready = false;
      if (c.state.kind === 'running') this.event(run, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
    }
    this.publish(run);
    const grace = (pod.metadata?.deletionGracePeriodSeconds ?? 30) * 1000;
    this.later(run, Math.min(grace, jitter(run.uid, STOP_MS, STOP_MS * 2)), () => {
      const now = this.host.clock.now();
      for (const c of run.containers) {
        if (c.state.kind === 'running') c.state = { kind: 'terminated', exitCode: 0, reason: 'Completed', startedAt: c.state.startedAt, finishedAt: now };
      }
      const current = this.pod(run);
      if (current) this.host.store.remove(PODS, current.metadata?.namespace, current.metadata!.name!);
    });
  }

  private release(uid: string): void {
    const run = this.runs.get(uid);
    if (!run) return;
    for (const t of run.timers) t.cancel();
    this.runs.delete(uid);
    const key = this.keys.get(uid);
    if (key && this.uidByKey.get(key) === uid) this.uidByKey.delete(key);
    this.keys.delete(uid);
    this.unbind(uid);
    const ip = this.ipOf.get(uid);
    if (ip) this.usedIps.get(ip.node)?.delete(ip.octet);
    this.ipOf.delete(uid);
  }

  /** Writes the run's status to the pod, if it changed. */
  private publish(run: PodRun): void {
    const pod = this.pod(run);
    if (!pod) return;
    this.host.setStatus(PODS, pod, podStatus(pod, run, this.host.clock.now()));
  }
}
