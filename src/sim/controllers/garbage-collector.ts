import type { KubeObject } from '../../model/types.js';
import type { StoreEvent } from '../store.js';
import type { Controller, ControllerHost } from './runtime.js';

// Resources that have owners in the simulated cluster.
const DEPENDENTS = ['replicasets.apps', 'pods', 'jobs.batch', 'endpointslices.discovery.k8s.io', 'controllerrevisions.apps'];
const OWNERS = ['deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'daemonsets.apps', 'jobs.batch', 'cronjobs.batch', 'services'];
const RESOURCE_OF: Record<string, string> = { Deployment: 'deployments.apps', ReplicaSet: 'replicasets.apps', StatefulSet: 'statefulsets.apps', DaemonSet: 'daemonsets.apps', Job: 'jobs.batch', CronJob: 'cronjobs.batch', Service: 'services' };

/** The finalizer a foreground delete puts on the owner: it goes once the owner's dependents are gone. */
export const FOREGROUND = 'foregroundDeletion';

const inForeground = (o: KubeObject | undefined) => !!o?.metadata?.deletionTimestamp && !!o.metadata.finalizers?.includes(FOREGROUND);
const foregroundKey = (resource: string, o: { metadata?: { namespace?: string; name?: string } }) => `fg|${resource}|${o.metadata?.namespace ?? ''}|${o.metadata?.name}`;

/**
 * Deletes dependents once their owner is gone (background), or, for an owner deleted in the
 * foreground, deletes its dependents first and the owner once none is left, as the garbage collector does.
 */
export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';
  readonly triggers: Record<string, (ev: StoreEvent) => string[]> = {};

  constructor(private readonly host: ControllerHost) {
    for (const d of DEPENDENTS) host.trackOwners(d);
    for (const r of new Set([...OWNERS, ...DEPENDENTS])) {
      this.triggers[r] = (ev) => [
        ...(OWNERS.includes(r) && ev.type === 'DELETED' ? [ev.object.metadata!.uid!] : []),
        ...(OWNERS.includes(r) && ev.type !== 'DELETED' && inForeground(ev.object) ? [foregroundKey(r, ev.object)] : []),
        // A dependent going may be the last one an owner deleted in the foreground waits for.
        ...(DEPENDENTS.includes(r) && ev.type === 'DELETED' ? this.waitingOwners(ev.object) : []),
      ];
    }
  }

  private waitingOwners(o: KubeObject): string[] {
    return (o.metadata?.ownerReferences ?? []).flatMap((ref) => {
      const resource = RESOURCE_OF[ref.kind];
      const owner = resource && this.host.store.get(resource, o.metadata?.namespace, ref.name);
      return owner && inForeground(owner) ? [foregroundKey(resource, owner)] : [];
    });
  }

  reconcile(key: string): void {
    if (key.startsWith('fg|')) return this.foreground(key);
    for (const d of DEPENDENTS) {
      for (const obj of this.host.owned(d, key)) {
        const others = (obj.metadata?.ownerReferences ?? []).filter((r) => r.uid !== key);
        if (others.length) this.host.update(d, { ...obj, metadata: { ...obj.metadata, ownerReferences: others } });
        else this.host.delete(d, obj);
      }
    }
  }

  private foreground(key: string): void {
    const [, resource, ns, name] = key.split('|');
    const owner = this.host.store.get(resource, ns || undefined, name);
    if (!owner || !inForeground(owner)) return;
    let waiting = 0;
    for (const d of DEPENDENTS) {
      for (const obj of this.host.owned(d, owner.metadata!.uid!)) {
        waiting++;
        if (obj.metadata?.deletionTimestamp) continue;
        // An owner among the dependents (a ReplicaSet) goes in the foreground too: its pods first.
        const r = this.host.api.registry.get(d)!;
        this.host.api.delete(r, obj.metadata?.namespace, obj.metadata!.name!, OWNERS.includes(d) ? { propagationPolicy: 'Foreground' } : {});
      }
    }
    if (waiting) return;
    const finalizers = owner.metadata!.finalizers!.filter((f) => f !== FOREGROUND);
    if (finalizers.length) this.host.update(resource, { ...owner, metadata: { ...owner.metadata, finalizers } });
    else this.host.store.remove(resource, owner.metadata?.namespace, owner.metadata!.name!);
  }
}
