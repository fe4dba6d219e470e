import type { KubeObject } from '../../model/types.js';
import { keyOf, splitKey, wakeOwner, wakeSelf, type Controller, type ControllerHost } from './runtime.js';
import { schedule } from './scheduler.js';
import { syncRevisions } from './controller-revisions.js';
import { generatedPodName, intOrPercent, isActive, podFromTemplate, readySince, templateHash } from './workload-util.js';

const DS = 'daemonsets.apps';
const SOURCE = { component: 'daemonset-controller' };
const HASH = 'controller-revision-hash';
// What the DaemonSet controller adds so that its pods survive node conditions.
const DAEMON_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/** The node a daemon pod is meant for: where it is bound, else its node-affinity target. */
function targetNode(pod: KubeObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  return terms[0]?.matchFields?.find((f: any) => f?.key === 'metadata.name')?.values?.[0];
}

/** Runs one pod of each DaemonSet on every node it fits, and rolls them one unavailable pod at a time. */
export class DaemonSetController implements Controller {
  readonly name = 'daemonset-controller';
  readonly triggers = { [DS]: wakeSelf, pods: wakeOwner('DaemonSet'), nodes: () => this.host.store.list(DS).map(keyOf) };

  constructor(private readonly host: ControllerHost) {}

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const ds = this.host.store.get(DS, ns, name);
    if (!ds || ds.metadata?.deletionTimestamp) return;
    const hash = templateHash(ds.spec.template);
    const owned = this.host.owned('pods', ds.metadata?.uid);
    syncRevisions(this.host, ds, hash, { hashLabel: HASH }, new Set(owned.map((p) => `${name}-${p.metadata?.labels?.[HASH]}`)));
    const nodes = this.host.store.list('nodes');
    const template = ds.spec.template?.spec ?? {};
    const probe: KubeObject = { spec: { ...template, tolerations: [...(template.tolerations ?? []), ...DAEMON_TOLERATIONS] } };
    const eligible = new Set(nodes.filter((n) => 'node' in schedule(probe, [n], () => 0)).map((n) => n.metadata!.name!));
    const pods = this.host.owned('pods', ds.metadata?.uid).filter(isActive);
    const onNode = new Map<string, KubeObject[]>();
    for (const p of pods) {
      const node = targetNode(p) ?? '';
      onNode.set(node, [...(onNode.get(node) ?? []), p]);
    }

    for (const node of eligible) {
      if (onNode.has(node)) continue;
      const pod = podFromTemplate(ds, ds.spec.template, generatedPodName(name), { [HASH]: hash, 'pod-template-generation': String(ds.metadata?.generation ?? 1) });
      // Since 1.12 the controller pins the pod with node affinity and lets default-scheduler bind it.
      pod.spec.affinity = {
        ...pod.spec.affinity,
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } },
      };
      const existing = pod.spec.tolerations ?? [];
      pod.spec.tolerations = [...existing, ...DAEMON_TOLERATIONS.filter((t) => !existing.some((e: any) => e?.key === t.key && e?.effect === t.effect))];
      const created = this.host.create('pods', pod);
      this.host.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata!.name}`, SOURCE);
    }
    for (const [node, list] of onNode) {
      if (!eligible.has(node)) list.forEach((p) => this.remove(ds, p));
    }
    const maxUnavailable = intOrPercent(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, eligible.size, true) || 1;
    if (ds.spec.updateStrategy?.type !== 'OnDelete') {
      let unavailable = pods.filter((p) => readySince(p) === undefined).length;
      for (const p of pods) {
        if (unavailable >= maxUnavailable) break;
        if (p.metadata?.labels?.[HASH] !== hash) {
          this.remove(ds, p);
          unavailable++;
        }
      }
    }
    const all = this.host.owned('pods', ds.metadata?.uid).filter(isActive);
    const ready = all.filter((p) => readySince(p) !== undefined).length;
    const status: Record<string, unknown> = {
      currentNumberScheduled: all.length,
      numberMisscheduled: 0,
      desiredNumberScheduled: eligible.size,
      numberReady: ready,
      observedGeneration: ds.metadata?.generation,
      updatedNumberScheduled: all.filter((p) => p.metadata?.labels?.[HASH] === hash).length,
      numberAvailable: ready,
      numberUnavailable: Math.max(0, eligible.size - ready),
    };
    for (const k of ['numberAvailable', 'numberUnavailable', 'updatedNumberScheduled']) if (!status[k]) delete status[k];
    this.host.setStatus(DS, ds, status);
  }

  private remove(ds: KubeObject, pod: KubeObject): void {
    this.host.delete('pods', pod);
    this.host.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`, SOURCE);
  }
}
