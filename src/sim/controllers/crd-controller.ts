import type { KubeObject } from '../../model/types.js';
import type { SimResource } from '../resources.js';
import { timestamp } from '../store.js';
import { splitKey, wakeSelf, type Controller, type ControllerHost } from './runtime.js';

const CRDS = 'customresourcedefinitions.apiextensions.k8s.io';

// Kubernetes version priority: GA before beta before alpha, higher numbers first (v1 > v1beta2 > v1beta1 > v1alpha1).
const priority = (v: string): number[] => {
  const m = /^v(\d+)(?:(beta|alpha)(\d+))?$/.exec(v);
  return m ? [m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2, Number(m[1]), Number(m[3] ?? 0)] : [-1, 0, 0];
};
const byPriority = (a: any, b: any): number => {
  const [x, y] = [priority(String(a?.name)), priority(String(b?.name))];
  return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
};

/**
 * The served resource a CRD defines, or undefined when malformed: the simulator serves one version
 * per resource, the one discovery prefers (ReferenceGrant: v1, though v1beta1 is its storage version).
 */
export function crdResource(crd: KubeObject): SimResource | undefined {
  const s = crd.spec ?? {};
  const versions = Array.isArray(s.versions) ? s.versions : [];
  const version = [...versions].filter((v: any) => v?.served !== false).sort(byPriority)[0] ?? versions.find((v: any) => v?.storage);
  if (!s.group || !s.names?.plural || !s.names?.kind || !version?.name) return undefined;
  return {
    group: s.group,
    version: version.name,
    resource: s.names.plural,
    singular: s.names.singular ?? s.names.kind.toLowerCase(),
    kind: s.names.kind,
    namespaced: s.scope !== 'Cluster',
    shortNames: s.names.shortNames ?? [],
    categories: s.names.categories,
    subresources: [...(version.subresources?.status ? ['status'] : []), ...(version.subresources?.scale ? ['scale'] : [])],
    hasStatus: !!version.subresources?.status,
    crd: { name: crd.metadata!.name! },
  };
}

/** Serves the kinds that CustomResourceDefinitions declare, and marks them Established. */
export class CrdController implements Controller {
  readonly name = 'apiextensions-controller';
  readonly triggers = { [CRDS]: wakeSelf };
  private readonly served = new Map<string, string>();

  constructor(private readonly host: ControllerHost) {}

  reconcile(key: string): void {
    const [, name] = splitKey(key);
    const crd = this.host.store.get(CRDS, undefined, name);
    const registry = this.host.api.registry;
    const prevKey = this.served.get(name);
    if (!crd) {
      if (prevKey) {
        for (const obj of this.host.store.list(prevKey)) this.host.store.remove(prevKey, obj.metadata?.namespace, obj.metadata!.name!);
        registry.remove(prevKey);
        this.served.delete(name);
      }
      return;
    }
    const r = crdResource(crd);
    if (!r) return;
    registry.add(r);
    this.served.set(name, `${r.resource}.${r.group}`);
    const at = timestamp(this.host.clock.now());
    const names = crd.spec.names;
    this.host.setStatus(CRDS, crd, {
      acceptedNames: names,
      conditions: [
        { type: 'NamesAccepted', status: 'True', lastTransitionTime: crd.status?.conditions?.[0]?.lastTransitionTime ?? at, reason: 'NoConflicts', message: 'no conflicts found' },
        { type: 'Established', status: 'True', lastTransitionTime: crd.status?.conditions?.[1]?.lastTransitionTime ?? at, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ],
      storedVersions: [String((crd.spec.versions ?? []).find((v: any) => v?.storage)?.name ?? r.version)],
    });
  }
}
