import type { KubeObject } from '../../model/types.js';
import { splitKey, wakeOwner, wakeSelf, type Controller, type ControllerHost } from './runtime.js';
import { syncRevisions } from './controller-revisions.js';
import { isActive, podFromTemplate, readySince, templateHash } from './workload-util.js';

const STS = 'statefulsets.apps';
const SOURCE = { component: 'statefulset-controller' };
const REVISION_LABEL = 'controller-revision-hash';

/** Runs StatefulSet pods by ordinal: created in order, each waiting for the previous to be ready; updated from the highest ordinal down to the partition. */
export class StatefulSetController implements Controller {
  readonly name = 'statefulset-controller';
  readonly triggers = { [STS]: wakeSelf, pods: wakeOwner('StatefulSet') };

  constructor(private readonly host: ControllerHost) {}

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const sts = this.host.store.get(STS, ns, name);
    if (!sts || sts.metadata?.deletionTimestamp) return;
    const want = Number(sts.spec.replicas ?? 1);
    const pods = this.host.owned('pods', sts.metadata?.uid);
    const inUse = new Set([String(sts.status?.currentRevision ?? ''), ...pods.map((p) => String(p.metadata?.labels?.[REVISION_LABEL] ?? ''))]);
    const revision = syncRevisions(this.host, sts, templateHash(sts.spec.template), { hashLabel: 'controller.kubernetes.io/hash' }, inUse).metadata!.name!;
    const byOrdinal = new Map<number, KubeObject>();
    for (const p of pods) byOrdinal.set(Number(p.metadata!.name!.slice(name.length + 1)), p);
    const parallel = sts.spec.podManagementPolicy === 'Parallel';
    const ready = (p: KubeObject | undefined) => !!p && isActive(p) && readySince(p) !== undefined;

    let blocked = false;
    for (let i = 0; i < want && !blocked; i++) {
      const pod = byOrdinal.get(i);
      if (!pod) {
        this.createPod(sts, i, revision);
        blocked = !parallel;
      } else if (!ready(pod)) blocked = !parallel;
    }
    // Scale down from the highest ordinal, one at a time.
    const extra = [...byOrdinal.keys()].filter((i) => i >= want).sort((a, b) => b - a);
    if (extra.length && !blocked) {
      const victim = byOrdinal.get(extra[0])!;
      if (!victim.metadata?.deletionTimestamp) this.deletePod(sts, victim);
      blocked = true;
    }
    const partition = Number(sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0);
    if (!blocked && sts.spec.updateStrategy?.type !== 'OnDelete') {
      for (let i = want - 1; i >= partition; i--) {
        const pod = byOrdinal.get(i);
        if (pod && pod.metadata?.labels?.[REVISION_LABEL] !== revision) {
          if (!pod.metadata?.deletionTimestamp) this.deletePod(sts, pod);
          break;
        }
        if (!ready(pod)) break;
      }
    }
    this.syncStatus(sts, revision);
  }

  private createPod(sts: KubeObject, ordinal: number, revision: string): void {
    const name = `${sts.metadata!.name}-${ordinal}`;
    const pod = podFromTemplate(sts, sts.spec.template, name, {
      [REVISION_LABEL]: revision,
      'statefulset.kubernetes.io/pod-name': name,
      'apps.kubernetes.io/pod-index': String(ordinal),
    });
    pod.spec.hostname = name;
    if (sts.spec.serviceName) pod.spec.subdomain = sts.spec.serviceName;
    for (const tmpl of sts.spec.volumeClaimTemplates ?? []) {
      const claim = `${tmpl.metadata?.name}-${name}`;
      if (!this.host.store.get('persistentvolumeclaims', sts.metadata!.namespace, claim)) {
        this.host.create('persistentvolumeclaims', {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: claim, namespace: sts.metadata!.namespace, labels: { ...(sts.spec.selector?.matchLabels ?? {}) } },
          spec: { storageClassName: 'standard', volumeMode: 'Filesystem', ...structuredClone(tmpl.spec ?? {}) },
          status: { phase: 'Bound', accessModes: tmpl.spec?.accessModes ?? ['ReadWriteOnce'], capacity: { storage: tmpl.spec?.resources?.requests?.storage ?? '1Gi' } },
        });
        this.host.events.record(sts, 'Normal', 'SuccessfulCreate', `create Claim ${claim} Pod ${name} in StatefulSet ${sts.metadata!.name} success`, SOURCE);
      }
      pod.spec.volumes = [...(pod.spec.volumes ?? []).filter((v: any) => v?.name !== tmpl.metadata?.name), { name: tmpl.metadata?.name, persistentVolumeClaim: { claimName: claim } }];
    }
    this.host.create('pods', pod);
    this.host.events.record(sts, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${sts.metadata!.name} successful`, SOURCE);
  }

  private deletePod(sts: KubeObject, pod: KubeObject): void {
    this.host.delete('pods', pod);
    this.host.events.record(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata!.name} in StatefulSet ${sts.metadata!.name} successful`, SOURCE);
  }

  private syncStatus(sts: KubeObject, revision: string): void {
    const pods = this.host.owned('pods', sts.metadata?.uid).filter(isActive);
    const updated = pods.filter((p) => p.metadata?.labels?.[REVISION_LABEL] === revision);
    const ready = pods.filter((p) => readySince(p) !== undefined);
    const current = updated.length === pods.length ? revision : (sts.status?.currentRevision ?? revision);
    const status: Record<string, unknown> = {
      observedGeneration: sts.metadata?.generation,
      replicas: pods.length,
      readyReplicas: ready.length,
      currentReplicas: updated.length === pods.length ? pods.length : pods.length - updated.length,
      updatedReplicas: updated.length,
      currentRevision: current,
      updateRevision: revision,
      collisionCount: 0,
      availableReplicas: ready.length,
    };
    for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas']) if (!status[k]) delete status[k];
    this.host.setStatus(STS, sts, status);
  }
}
