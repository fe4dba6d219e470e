// Shared set-up for the controller tests: a manual-clock simulated cluster and small readers.
import type { KubeObject } from '../../../src/model/types.js';
import { SimCluster } from '../../../src/sim/cluster.js';
import type { SimResource } from '../../../src/sim/resources.js';

/** The fixed simulated start time of every test (epoch ms). */
export const START = Date.parse('2026-01-01T00:00:00Z');

export const SMP = 'application/strategic-merge-patch+json';
export const MERGE = 'application/merge-patch+json';

/** An empty cluster (system namespaces, 3 nodes) on a manual clock at START. */
export async function startSim(): Promise<SimCluster> {
  return SimCluster.start({ scenario: 'none', clock: 'manual', start: START, churn: false });
}

/** The served resource stored under a key (`deployments.apps`, `pods`). */
export function res(sim: SimCluster, key: string): SimResource {
  const r = sim.registry.get(key);
  if (!r) throw new Error(`no resource ${key}`);
  return r;
}

/** Creates an object through the API and lets the controllers react. */
export function create(sim: SimCluster, key: string, ns: string | undefined, body: KubeObject): KubeObject {
  const out = sim.api.create(res(sim, key), ns, body);
  sim.settle();
  return out;
}

/** Patches an object through the API and lets the controllers react. */
export function patch(sim: SimCluster, key: string, ns: string | undefined, name: string, contentType: string, body: unknown): KubeObject {
  const out = sim.api.patch(res(sim, key), ns, name, contentType, body);
  sim.settle();
  return out;
}

/** One stored object, or undefined. */
export function get(sim: SimCluster, key: string, ns: string | undefined, name: string): KubeObject | undefined {
  return sim.store.get(key, ns, name);
}

/** The current simulated time. */
export function now(sim: SimCluster): number {
  return sim.clock.now();
}

/**
 * Advances the clock in `stepMs` steps until `done` holds; runs `each` after every step
 * (and once before the first) so invariants are checked at each instant. Fails after `limitMs`.
 */
export function advanceUntil(
  sim: SimCluster,
  what: string,
  done: () => boolean,
  opts: { stepMs?: number; limitMs?: number; each?: () => void } = {},
): number {
  const step = opts.stepMs ?? 100;
  const limit = opts.limitMs ?? 120_000;
  const begin = sim.clock.now();
  sim.settle();
  opts.each?.();
  while (!done()) {
    if (sim.clock.now() - begin >= limit) throw new Error(`timed out after ${limit} ms of simulated time waiting for ${what}`);
    sim.advance(step);
    opts.each?.();
  }
  return sim.clock.now() - begin;
}

/** Advances the clock by `ms` in `stepMs` steps, running `each` after every step. */
export function advanceFor(sim: SimCluster, ms: number, each: () => void, stepMs = 100): void {
  const end = sim.clock.now() + ms;
  sim.settle();
  each();
  while (sim.clock.now() < end) {
    sim.advance(Math.min(stepMs, end - sim.clock.now()));
    each();
  }
}

/** Pods of a namespace whose labels include all of `labels`. */
export function podsWith(sim: SimCluster, ns: string, labels: Record<string, string>): KubeObject[] {
  return sim.store.list('pods', ns).filter((p) => Object.entries(labels).every(([k, v]) => p.metadata?.labels?.[k] === v));
}

/** Whether a pod is not being deleted. */
export const notTerminating = (p: KubeObject): boolean => !p.metadata?.deletionTimestamp;

/** A condition of an object's status by type. */
export function cond(obj: KubeObject | undefined, type: string): any {
  return (obj?.status?.conditions ?? []).find((c: any) => c?.type === type);
}

/** Whether a pod is Ready and not terminating (available with minReadySeconds 0). */
export function podReady(p: KubeObject): boolean {
  return notTerminating(p) && cond(p, 'Ready')?.status === 'True';
}

/** Events about an object (matched by uid), optionally of one reason. */
export function eventsAbout(sim: SimCluster, obj: KubeObject, reason?: string): KubeObject[] {
  const ns = obj.metadata?.namespace || 'default';
  return sim.store
    .list('events', ns)
    .filter((e) => e.involvedObject?.uid === obj.metadata?.uid && (reason === undefined || e.reason === reason));
}

/** ReplicaSets whose controller is the given Deployment. */
export function replicaSetsOf(sim: SimCluster, d: KubeObject): KubeObject[] {
  return sim.store
    .list('replicasets.apps', d.metadata?.namespace)
    .filter((rs) => rs.metadata?.ownerReferences?.some((r) => r.uid === d.metadata?.uid && r.controller));
}

/** The first container status of a pod. */
export function container(p: KubeObject | undefined): any {
  return p?.status?.containerStatuses?.[0];
}
