import type { KubeObject } from '../../model/types.js';
import { timestamp } from '../store.js';
import { deploymentConditions, isComplete } from './deployment-status.js';
import type { StoreEvent } from '../store.js';
import { controllerRef, ownerRefTo, splitKey, wakeOwner, wakeSelf, type Controller, type ControllerHost } from './runtime.js';
import { resolveFenceposts, revisionHash, revisionKey } from './workload-util.js';

const DEPLOY = 'deployments.apps';
const RS = 'replicasets.apps';
const SOURCE = { component: 'deployment-controller' };
const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
// Deployment annotations a ReplicaSet does not copy.
const NOT_COPIED = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION, REVISION_HISTORY, DESIRED, MAX]);

const revisionOf = (rs: KubeObject) => Number(rs.metadata?.annotations?.[REVISION] ?? 0) || 0;
const replicasOf = (rs: KubeObject) => Number(rs.spec?.replicas ?? 0);
const byAge = (a: KubeObject, b: KubeObject) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') || revisionOf(a) - revisionOf(b);

/**
 * The Deployment controller: creates a ReplicaSet per pod template revision and moves
 * replicas between them with the RollingUpdate or Recreate strategy, following the
 * upstream algorithm (maxSurge/maxUnavailable, revisions, progress deadline, pause).
 */
export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  readonly triggers = { [DEPLOY]: wakeSelf, [RS]: wakeOwner('Deployment'), pods: (ev: StoreEvent) => this.deploymentOfPod(ev) };

  constructor(private readonly host: ControllerHost) {}

  /** A Recreate rollout waits for old pods to be gone, so pod events wake the Deployment. */
  private deploymentOfPod(ev: StoreEvent): string[] {
    if (ev.type !== 'DELETED') return [];
    const rsRef = controllerRef(ev.object);
    if (rsRef?.kind !== 'ReplicaSet') return [];
    const rs = this.host.store.get(RS, ev.object.metadata?.namespace, rsRef.name);
    const dRef = rs && controllerRef(rs);
    return dRef?.kind === 'Deployment' ? [`${ev.object.metadata?.namespace}/${dRef.name}`] : [];
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    let d = this.host.store.get(DEPLOY, ns, name);
    if (!d || d.metadata?.deletionTimestamp) return;
    const all = this.host.owned(RS, d.metadata?.uid);
    const wanted = revisionKey(d.spec.template);
    let newRS: KubeObject | undefined = all.find((rs) => revisionKey(rs.spec?.template) === wanted);
    const olds = () => this.host.owned(RS, d!.metadata?.uid).filter((rs) => rs.metadata?.uid !== newRS?.metadata?.uid).sort(byAge);
    const paused = !!d.spec.paused;

    const recreate = d.spec.strategy?.type === 'Recreate';
    // Recreate creates the new ReplicaSet only once every old pod is gone.
    const oldPodsLeft = () => olds().some((rs) => replicasOf(rs) > 0 || this.host.owned('pods', rs.metadata?.uid).length > 0);
    if (!paused && newRS) newRS = this.adoptRevision(d, newRS, olds());
    else if (!paused && !(recreate && oldPodsLeft())) newRS = this.createNewRS(d, olds());
    if (newRS) d = this.setDeploymentRevision(d, revisionOf(newRS));
    if (paused || this.isScalingEvent(d, newRS, olds())) this.scale(d, newRS, olds());
    else if (recreate) this.recreate(d, newRS, olds());
    else this.rolling(d, newRS!, olds());
    this.cleanup(d, newRS, olds());
    this.syncStatus(key, newRS);
  }

  private createNewRS(d: KubeObject, olds: KubeObject[]): KubeObject {
    const revision = Math.max(0, ...olds.map(revisionOf)) + 1;
    const hash = revisionHash(d.spec.template, d.status?.collisionCount ?? 0);
    const template = structuredClone(d.spec.template);
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, 'pod-template-hash': hash } };
    const selector = structuredClone(d.spec.selector);
    selector.matchLabels = { ...selector.matchLabels, 'pod-template-hash': hash };
    const { maxSurge } = resolveFenceposts(d.spec);
    const replicas = d.spec.strategy?.type === 'Recreate' ? d.spec.replicas : this.newReplicaCount(d, 0, olds);
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (!NOT_COPIED.has(k)) annotations[k] = v;
    Object.assign(annotations, { [DESIRED]: String(d.spec.replicas), [MAX]: String(d.spec.replicas + maxSurge), [REVISION]: String(revision) });
    const rsName = `${d.metadata!.name}-${hash}`;
    const rs = this.host.create(RS, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: rsName, namespace: d.metadata!.namespace, labels: template.metadata.labels, annotations, ownerReferences: [ownerRefTo(d)] },
      spec: { replicas, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
    });
    if (replicas > 0) this.event(d, `Scaled up replica set ${rsName} from 0 to ${replicas}`);
    this.setProgressing(d, 'NewReplicaSetCreated', `Created new replica set "${rsName}"`);
    return rs;
  }

  /** An existing ReplicaSet becomes current again (rollback): it takes the next revision. */
  private adoptRevision(d: KubeObject, rs: KubeObject, olds: KubeObject[]): KubeObject {
    const maxOld = Math.max(0, ...olds.map(revisionOf));
    const annotations = { ...rs.metadata?.annotations };
    let changed = false;
    if (revisionOf(rs) <= maxOld) {
      const history = [annotations[REVISION_HISTORY], annotations[REVISION]].filter(Boolean).join(',');
      Object.assign(annotations, { [REVISION]: String(maxOld + 1), [REVISION_HISTORY]: history });
      changed = true;
    }
    for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
      if (!NOT_COPIED.has(k) && annotations[k] !== v) [annotations[k], changed] = [v, true];
    }
    if (!(d.status?.conditions ?? []).some((c: any) => c.type === 'Progressing')) this.setProgressing(d, 'FoundNewReplicaSet', `Found new replica set "${rs.metadata?.name}"`);
    return changed ? this.host.update(RS, { ...rs, metadata: { ...rs.metadata, annotations } }) : rs;
  }

  private setDeploymentRevision(stale: KubeObject, revision: number): KubeObject {
    const d = this.host.store.get(DEPLOY, stale.metadata?.namespace, stale.metadata!.name!) ?? stale;
    if (d.metadata?.annotations?.[REVISION] === String(revision)) return d;
    return this.host.update(DEPLOY, { ...d, metadata: { ...d.metadata, annotations: { ...d.metadata?.annotations, [REVISION]: String(revision) } } });
  }

  private newReplicaCount(d: KubeObject, current: number, olds: KubeObject[]): number {
    const { maxSurge } = resolveFenceposts(d.spec);
    const total = current + olds.reduce((n, rs) => n + replicasOf(rs), 0);
    const maxTotal = d.spec.replicas + maxSurge;
    if (total >= maxTotal) return current;
    return current + Math.max(0, Math.min(maxTotal - total, d.spec.replicas - current));
  }

  private isScalingEvent(d: KubeObject, newRS: KubeObject | undefined, olds: KubeObject[]): boolean {
    return [newRS, ...olds].some((rs) => rs && replicasOf(rs) > 0 && rs.metadata?.annotations?.[DESIRED] !== String(d.spec.replicas));
  }

  /** A replica-count change: the only active ReplicaSet takes the new count. */
  private scale(d: KubeObject, newRS: KubeObject | undefined, olds: KubeObject[]): void {
    const active = [newRS, ...olds].filter((rs): rs is KubeObject => !!rs && replicasOf(rs) > 0);
    const target = active.length === 1 ? active[0] : active.length === 0 ? newRS : undefined;
    if (target) this.scaleRS(d, target, d.spec.replicas);
    else for (const rs of active) this.scaleRS(d, rs, replicasOf(rs));
  }

  private rolling(d: KubeObject, newRS: KubeObject, olds: KubeObject[]): void {
    const want = d.spec.replicas;
    const cur = replicasOf(newRS);
    if (cur > want) return void this.scaleRS(d, newRS, want);
    if (cur < want) {
      const next = this.newReplicaCount(d, cur, olds);
      if (next !== cur) return void this.scaleRS(d, newRS, next);
    }
    const oldCount = olds.reduce((n, rs) => n + replicasOf(rs), 0);
    if (oldCount === 0) return;
    const { maxUnavailable } = resolveFenceposts(d.spec);
    const minAvailable = want - maxUnavailable;
    const allCount = oldCount + replicasOf(newRS);
    const newUnavailable = replicasOf(newRS) - Number(newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = allCount - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return;
    // First scale down old pods that are not available anyway, then healthy ones.
    let cleaned = 0;
    for (const rs of olds) {
      if (cleaned >= maxScaledDown) break;
      const unhealthy = replicasOf(rs) - Number(rs.status?.availableReplicas ?? 0);
      if (replicasOf(rs) === 0 || unhealthy <= 0) continue;
      const n = Math.min(maxScaledDown - cleaned, unhealthy);
      this.scaleRS(d, rs, replicasOf(rs) - n);
      cleaned += n;
    }
    const fresh = olds.map((rs) => this.host.store.get(RS, rs.metadata?.namespace, rs.metadata!.name!) ?? rs);
    const available = [newRS, ...fresh].reduce((n, rs) => n + Number(rs.status?.availableReplicas ?? 0), 0);
    let budget = Math.min(available - minAvailable, maxScaledDown - cleaned);
    for (const rs of fresh) {
      if (budget <= 0) break;
      if (replicasOf(rs) === 0) continue;
      const n = Math.min(replicasOf(rs), budget);
      this.scaleRS(d, rs, replicasOf(rs) - n);
      budget -= n;
    }
  }

  private recreate(d: KubeObject, newRS: KubeObject | undefined, olds: KubeObject[]): void {
    const running = olds.filter((rs) => replicasOf(rs) > 0);
    if (running.length) return running.forEach((rs) => this.scaleRS(d, rs, 0));
    if (olds.some((rs) => this.host.owned('pods', rs.metadata?.uid).length > 0)) return;
    if (!newRS) return;
    if (replicasOf(newRS) !== d.spec.replicas) this.scaleRS(d, newRS, d.spec.replicas);
  }

  private scaleRS(d: KubeObject, rs: KubeObject, to: number): void {
    const from = replicasOf(rs);
    const { maxSurge } = resolveFenceposts(d.spec);
    const annotations = { ...rs.metadata?.annotations, [DESIRED]: String(d.spec.replicas), [MAX]: String(d.spec.replicas + maxSurge) };
    this.host.update(RS, { ...rs, metadata: { ...rs.metadata, annotations }, spec: { ...rs.spec, replicas: to } });
    if (from !== to) this.event(d, `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata?.name} from ${from} to ${to}`);
  }

  /** Deletes old, empty ReplicaSets beyond revisionHistoryLimit. */
  private cleanup(d: KubeObject, newRS: KubeObject | undefined, olds: KubeObject[]): void {
    if (!newRS || !isComplete(d, this.host.store.get(DEPLOY, d.metadata?.namespace, d.metadata!.name!)?.status)) return;
    const limit = Number(d.spec.revisionHistoryLimit ?? 10);
    const empty = olds.filter((rs) => replicasOf(rs) === 0 && !Number(rs.status?.replicas ?? 0)).sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of empty.slice(0, Math.max(0, empty.length - limit))) this.host.delete(RS, rs);
  }

  private setProgressing(d: KubeObject, reason: string, message: string): void {
    const cur = this.host.store.get(DEPLOY, d.metadata?.namespace, d.metadata!.name!) ?? d;
    const at = timestamp(this.host.clock.now());
    const others = (cur.status?.conditions ?? []).filter((c: any) => c.type !== 'Progressing');
    const cond = { type: 'Progressing', status: 'True', lastUpdateTime: at, lastTransitionTime: at, reason, message };
    this.host.setStatus(DEPLOY, cur, { ...cur.status, conditions: [...others, cond] });
  }

  private syncStatus(key: string, newRS: KubeObject | undefined): void {
    const [ns, name] = splitKey(key);
    const d = this.host.store.get(DEPLOY, ns, name)!;
    const all = this.host.owned(RS, d.metadata?.uid);
    const sum = (f: (rs: KubeObject) => number) => all.reduce((n, rs) => n + f(rs), 0);
    const fresh = newRS ? all.find((rs) => rs.metadata?.uid === newRS.metadata?.uid) : undefined;
    const status: Record<string, any> = {
      observedGeneration: d.metadata?.generation,
      replicas: sum((rs) => Number(rs.status?.replicas ?? 0)),
      updatedReplicas: Number(fresh?.status?.replicas ?? 0),
      readyReplicas: sum((rs) => Number(rs.status?.readyReplicas ?? 0)),
      availableReplicas: sum((rs) => Number(rs.status?.availableReplicas ?? 0)),
      ...(d.status?.collisionCount ? { collisionCount: d.status.collisionCount } : {}),
    };
    status.unavailableReplicas = Math.max(0, d.spec.replicas - status.availableReplicas);
    const { conditions, wakeInMs } = deploymentConditions(d, status, fresh, this.host.clock.now());
    status.conditions = conditions;
    for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) if (!status[k]) delete status[k];
    this.host.setStatus(DEPLOY, d, status);
    if (wakeInMs !== undefined) this.host.wakeAfter(this, key, wakeInMs);
  }

  private event(d: KubeObject, message: string): void {
    this.host.events.record(d, 'Normal', 'ScalingReplicaSet', message, SOURCE);
  }
}
