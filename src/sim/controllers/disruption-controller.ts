import { fromLabelSelector, matches } from '../../model/label-selector.js';
import type { KubeObject } from '../../model/types.js';
import { timestamp } from '../store.js';
import type { StoreEvent } from '../store.js';
import { keyOf, splitKey, wakeSelf, type Controller, type ControllerHost } from './runtime.js';

const PDBS = 'poddisruptionbudgets.policy';
// The API server records an evicted pod here; the controller forgets it once the pod is going, or after this long.
const DISRUPTED_TIMEOUT_MS = 2 * 60_000;

const isReady = (p: KubeObject) => (p.status?.conditions ?? []).some((c: { type?: string; status?: string }) => c.type === 'Ready' && c.status === 'True');

/** The pods a PodDisruptionBudget covers: its namespace's pods its selector matches (an empty selector matches none). */
export function coveredPods(pdb: KubeObject, pods: readonly KubeObject[]): KubeObject[] {
  const selector = fromLabelSelector(pdb.spec?.selector);
  if (!selector?.length) return [];
  return pods.filter((p) => p.metadata?.namespace === pdb.metadata?.namespace && matches(selector, p.metadata?.labels));
}

// An int, or a percentage of `of` (rounded up, as GetScaledValueFromIntOrPercent with roundUp).
const scaled = (v: number | string, of: number) => (typeof v === 'string' && v.endsWith('%') ? Math.ceil((Number(v.slice(0, -1)) * of) / 100) : Number(v));

/** The replicas the pods' controllers want: what a percentage or maxUnavailable counts against. */
function expectedScale(pods: readonly KubeObject[], lookup: (kind: string, ns: string, name: string) => KubeObject | undefined): number {
  const seen = new Map<string, number>();
  for (const p of pods) {
    const ns = String(p.metadata?.namespace);
    let ref = p.metadata?.ownerReferences?.find((o: { controller?: boolean }) => o.controller);
    let owner = ref && lookup(ref.kind, ns, ref.name);
    // A Deployment's ReplicaSet: the Deployment's scale counts.
    const up = owner?.metadata?.ownerReferences?.find((o: { controller?: boolean; kind?: string }) => o.controller && o.kind === 'Deployment');
    if (up) (ref = up), (owner = lookup('Deployment', ns, up.name));
    if (!ref) return pods.length;
    seen.set(`${ref.kind}/${ref.name}`, Number(owner?.spec?.replicas ?? 0));
  }
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

/** A PodDisruptionBudget's status as the disruption controller computes it. */
export function disruptionStatus(pdb: KubeObject, pods: readonly KubeObject[], now: number, lookup: (kind: string, ns: string, name: string) => KubeObject | undefined): Record<string, unknown> {
  const covered = coveredPods(pdb, pods).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const names = new Set(covered.map((p) => p.metadata?.name));
  // An eviction the API server let through whose pod is not yet going stays counted as gone.
  const disrupted: Record<string, string> = {};
  for (const [pod, at] of Object.entries((pdb.status?.disruptedPods ?? {}) as Record<string, string>)) {
    const p = covered.find((x) => x.metadata?.name === pod);
    if (p && !p.metadata?.deletionTimestamp && Date.parse(at) + DISRUPTED_TIMEOUT_MS > now) disrupted[pod] = at;
  }
  const currentHealthy = covered.filter((p) => isReady(p) && !p.metadata?.deletionTimestamp && !(String(p.metadata?.name) in disrupted)).length;
  const { minAvailable, maxUnavailable } = pdb.spec ?? {};
  const byScale = maxUnavailable !== undefined || (typeof minAvailable === 'string' && minAvailable.endsWith('%'));
  const expectedPods = byScale ? expectedScale(covered, lookup) : names.size;
  const desiredHealthy = Math.max(0, maxUnavailable !== undefined ? expectedPods - scaled(maxUnavailable, expectedPods) : minAvailable !== undefined ? scaled(minAvailable, expectedPods) : expectedPods);
  const disruptionsAllowed = Math.max(0, currentHealthy - desiredHealthy);
  const generation = pdb.metadata?.generation ?? 1;
  const allowed = disruptionsAllowed > 0;
  const prev = (pdb.status?.conditions ?? []).find((c: { type?: string }) => c.type === 'DisruptionAllowed');
  const status = allowed ? 'True' : 'False';
  const condition = {
    type: 'DisruptionAllowed',
    status,
    observedGeneration: generation,
    lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : timestamp(now),
    reason: allowed ? 'SufficientPods' : 'InsufficientPods',
    message: '',
  };
  return {
    observedGeneration: generation,
    ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
    disruptionsAllowed,
    currentHealthy,
    desiredHealthy,
    expectedPods,
    conditions: [condition],
  };
}

const KIND_RESOURCE: Record<string, string> = { Deployment: 'deployments.apps', ReplicaSet: 'replicasets.apps', StatefulSet: 'statefulsets.apps', ReplicationController: 'replicationcontrollers' };

/** Keeps each PodDisruptionBudget's status in step with its pods (kube-controller-manager's disruption controller). */
export class DisruptionController implements Controller {
  readonly name = 'disruption-controller';
  readonly triggers: Record<string, (ev: StoreEvent) => string[]> = {
    [PDBS]: wakeSelf,
    pods: (ev) => this.host.store.list(PDBS, ev.object.metadata?.namespace).map(keyOf),
  };

  constructor(private readonly host: ControllerHost) {}

  /** Recomputes one budget now (the eviction handler calls it after evicting). */
  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const pdb = this.host.store.get(PDBS, ns, name);
    if (!pdb) return;
    const lookup = (kind: string, at: string, n: string) => (KIND_RESOURCE[kind] ? this.host.store.get(KIND_RESOURCE[kind], at, n) : undefined);
    const status = disruptionStatus(pdb, this.host.store.list('pods', ns), this.host.clock.now(), lookup);
    if (JSON.stringify(status) !== JSON.stringify(pdb.status ?? {})) this.host.setStatus(PDBS, pdb, status);
  }
}
