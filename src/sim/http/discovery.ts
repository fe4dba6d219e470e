import type { ResourceRegistry } from '../resources.js';
import { resourceVerbs, sortGroups, subresourceKind, subresourceVerbs } from './discovery-order.js';

/** The server version the simulator reports (`kubectl version`). */
export const SIM_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.0-kdrill-sim',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.22.5',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** `/api`: the core group's versions. */
export function apiVersions(): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] };
}

function groupEntry(registry: ResourceRegistry, name: string): unknown {
  const versions = registry
    .groupVersions()
    .filter((gv) => gv.startsWith(name + '/'))
    .map((gv) => ({ groupVersion: gv, version: gv.slice(name.length + 1) }));
  return { name, versions, preferredVersion: versions[0] };
}

/** `/apis`: every named group. */
export function apiGroups(registry: ResourceRegistry): unknown {
  const names = sortGroups([...new Set(registry.groupVersions().filter((gv) => gv.includes('/')).map((gv) => gv.split('/')[0]))]);
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: names.map((n) => groupEntry(registry, n)) };
}

/** `/apis/GROUP`: one group. */
export function apiGroup(registry: ResourceRegistry, name: string): unknown {
  return { kind: 'APIGroup', apiVersion: 'v1', ...(groupEntry(registry, name) as object) };
}

/** `/api/v1`, `/apis/GROUP/VERSION`: the resources and subresources of a group version. */
export function resourceList(registry: ResourceRegistry, groupVersion: string): unknown {
  const resources = registry.inGroupVersion(groupVersion).flatMap((r) => [
    {
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: resourceVerbs(r),
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    },
    ...r.subresources.map((sub) => ({
      name: `${r.resource}/${sub}`,
      singularName: '',
      namespaced: r.namespaced,
      kind: subresourceKind(sub)?.kind ?? r.kind,
      ...(subresourceKind(sub) ? { group: subresourceKind(sub)!.group, version: subresourceKind(sub)!.version } : {}),
      verbs: subresourceVerbs(sub),
    })),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}
