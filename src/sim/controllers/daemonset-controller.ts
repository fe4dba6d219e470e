import type { KubeObject } from '../../model/types.js';
import { keyOf, splitKey, wakeOwner, wakeSelf, type Controller, type ControllerHost } from './runtime.js';
import { schedule } from './scheduler.js';
import { generatedPodName, intOrPercent, isActive, podFromTemplate, readySince, templateHash } from './workload-util.js';

const DS = 'daemonsets.apps';
const SOURCE = { component: 'daemonset-controller' };
const HASH = 'controller-revision-hash';

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
    const nodes = this.host.store.list('nodes');
    const probe: KubeObject = { spec: ds.spec.template?.spec ?? {} };
    const eligible = new Set(nodes.filter((n) => 'node' in schedule(probe, [n], () => 0)).map((n) => n.metadata!.name!));
    const pods = this.host.owned('pods', ds.metadata?.uid).filter(isActive);
    const onNode = new Map<string, KubeObject[]>();
    for (const p of pods) onNode.set(p.spec?.nodeName, [...(onNode.get(p.spec?.nodeName) ?? []), p]);

    for (const node of eligible) {
      if (onNode.has(node)) continue;
      const pod = podFromTemplate(ds, ds.spec.template, generatedPodName(name), { [HASH]: hash, 'pod-template-generation': String(ds.metadata?.generation ?? 1) });
      pod.spec.nodeName = node;
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
