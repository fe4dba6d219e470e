import type { StoreEvent } from '../store.js';
import type { Controller, ControllerHost } from './runtime.js';

// Resources that have owners in the simulated cluster.
const DEPENDENTS = ['replicasets.apps', 'pods', 'jobs.batch', 'endpointslices.discovery.k8s.io', 'controllerrevisions.apps'];
const OWNERS = ['deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'daemonsets.apps', 'jobs.batch', 'cronjobs.batch', 'services'];

/** Deletes dependents in the background once their owner is gone, as the garbage collector does. */
export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';
  readonly triggers: Record<string, (ev: StoreEvent) => string[]>;

  constructor(private readonly host: ControllerHost) {
    for (const d of DEPENDENTS) host.trackOwners(d);
    this.triggers = Object.fromEntries(OWNERS.map((o) => [o, (ev: StoreEvent) => (ev.type === 'DELETED' ? [ev.object.metadata!.uid!] : [])]));
  }

  reconcile(uid: string): void {
    for (const d of DEPENDENTS) {
      for (const obj of this.host.owned(d, uid)) {
        const others = (obj.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (others.length) this.host.update(d, { ...obj, metadata: { ...obj.metadata, ownerReferences: others } });
        else this.host.delete(d, obj);
      }
    }
  }
}
