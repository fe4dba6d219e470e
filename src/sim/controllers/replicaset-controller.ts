import type { KubeObject } from '../../model/types.js';
import { splitKey, wakeOwner, wakeSelf, type Controller, type ControllerHost } from './runtime.js';
import { deletionRank, generatedPodName, isActive, isAvailable, podFromTemplate, readySince } from './workload-util.js';

const RS = 'replicasets.apps';
const SOURCE = { component: 'replicaset-controller' };

/** Keeps each ReplicaSet's number of pods at spec.replicas and reports their readiness. */
export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';
  readonly triggers = { [RS]: wakeSelf, pods: wakeOwner('ReplicaSet') };

  constructor(private readonly host: ControllerHost) {}

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const rs = this.host.store.get(RS, ns, name);
    if (!rs || rs.metadata?.deletionTimestamp) return;
    const pods = this.host.owned('pods', rs.metadata?.uid).filter((p) => p.metadata?.ownerReferences?.some((r) => r.uid === rs.metadata?.uid && r.controller));
    const active = pods.filter(isActive);
    const want = Math.max(0, Number(rs.spec?.replicas ?? 1));
    if (active.length < want) {
      for (let i = active.length; i < want; i++) {
        const pod = this.host.create('pods', podFromTemplate(rs, rs.spec.template, generatedPodName(name)));
        this.host.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata!.name}`, SOURCE);
      }
    } else if (active.length > want) {
      for (const pod of [...active].sort(deletionRank).slice(0, active.length - want)) {
        this.host.delete('pods', pod);
        this.host.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`, SOURCE);
      }
    }
    this.syncStatus(rs);
  }

  private syncStatus(rs: KubeObject): void {
    const now = this.host.clock.now();
    const minReady = Number(rs.spec?.minReadySeconds ?? 0);
    const active = this.host.owned('pods', rs.metadata?.uid).filter(isActive);
    const ready = active.filter((p) => readySince(p) !== undefined);
    const available = ready.filter((p) => isAvailable(p, minReady, now));
    if (available.length < ready.length) {
      // Wake up when the next ready pod has been ready long enough to count as available.
      const next = Math.min(...ready.filter((p) => !available.includes(p)).map((p) => readySince(p)! + minReady * 1000 - now));
      this.host.wakeAfter(this, `${rs.metadata?.namespace}/${rs.metadata?.name}`, Math.max(1, next));
    }
    const status: Record<string, unknown> = {
      replicas: active.length,
      fullyLabeledReplicas: active.length,
      readyReplicas: ready.length,
      availableReplicas: available.length,
      observedGeneration: rs.metadata?.generation,
    };
    for (const k of ['readyReplicas', 'availableReplicas', 'fullyLabeledReplicas'] as const) if (!status[k]) delete status[k];
    this.host.setStatus(RS, rs, status);
  }
}
