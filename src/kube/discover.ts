import { ApiError } from './api-error.js';
import { Discovery, resourceId, type ApiResource } from './discovery.js';
import type { KubeTransport } from './transport.js';

// Aggregated discovery (servers since 1.30: one request for every group), else the plain documents.
const AGGREGATED_ACCEPT = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

interface GroupList {
  groups: { name: string; versions: { groupVersion: string; version: string }[]; preferredVersion?: { version: string } }[];
}

interface ResourceList {
  resources: { name: string; singularName?: string; namespaced: boolean; kind: string; verbs?: string[]; shortNames?: string[]; categories?: string[] }[];
}

interface AggregatedList {
  kind?: string;
  items?: {
    metadata?: { name?: string };
    versions?: {
      version: string;
      freshness?: string;
      resources?: { resource: string; responseKind?: { kind?: string }; scope?: string; singularResource?: string; verbs?: string[]; shortNames?: string[]; categories?: string[] }[];
    }[];
  }[];
}

/** One group version's kinds, as discovery read them. */
interface GroupVersionKinds {
  group: string;
  version: string;
  preferred: boolean;
  resources: Omit<ApiResource, 'versions'>[];
}

/**
 * Reads what the server serves: aggregated discovery where the server offers it, else `/apis`
 * and every group version in parallel. A group version that fails (a broken aggregated API's
 * 503, a 429) is named in `discovery.unavailable`, never silently dropped; `retryUnavailable`
 * asks again.
 */
export async function discover(transport: KubeTransport): Promise<Discovery> {
  const [core, groups] = await Promise.all([transport.json<AggregatedList & ResourceList>({ path: '/api', accept: AGGREGATED_ACCEPT }), transport.json<AggregatedList & GroupList>({ path: '/apis', accept: AGGREGATED_ACCEPT })]);
  if (core.kind === 'APIGroupDiscoveryList' && groups.kind === 'APIGroupDiscoveryList') {
    const all = [...fromAggregated(core), ...fromAggregated(groups)];
    const discovery = new Discovery(merge(all.filter((g): g is GroupVersionKinds => !('stale' in g))));
    for (const g of all) if ('stale' in g) discovery.markUnavailable(g.gv, 'its API server is unavailable (stale discovery)');
    return discovery;
  }
  const targets: { group: string; version: string; preferred: boolean }[] = [{ group: '', version: 'v1', preferred: true }];
  for (const g of groups.groups ?? []) {
    const preferred = g.preferredVersion?.version ?? g.versions[0]?.version;
    for (const v of g.versions ?? []) targets.push({ group: g.name, version: v.version, preferred: v.version === preferred });
  }
  const failed: { gv: string; reason: string }[] = [];
  const lists = await Promise.all(
    targets.map(async (t) => {
      try {
        return await groupVersion(transport, t);
      } catch (e) {
        failed.push({ gv: gvName(t), reason: e instanceof ApiError ? e.message : String(e) });
        return undefined;
      }
    }),
  );
  const discovery = new Discovery(merge(lists.filter((l): l is GroupVersionKinds => !!l)));
  for (const f of failed) discovery.markUnavailable(f.gv, f.reason);
  return discovery;
}

/** Asks again for each group version that failed; adds the kinds of those that answer now. */
export async function retryUnavailable(transport: KubeTransport, discovery: Discovery): Promise<void> {
  await Promise.all(
    [...discovery.unavailable.keys()].map(async (gv) => {
      const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
      try {
        const kinds = await groupVersion(transport, { group, version, preferred: true });
        discovery.add(gv, merge([kinds]));
      } catch (e) {
        discovery.markUnavailable(gv, e instanceof ApiError ? e.message : String(e));
      }
    }),
  );
}

async function groupVersion(transport: KubeTransport, t: { group: string; version: string; preferred: boolean }): Promise<GroupVersionKinds> {
  const list = await transport.json<ResourceList>({ path: t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`, idleTimeoutMs: 10_000 });
  return {
    ...t,
    resources: (list.resources ?? [])
      .filter((r) => !r.name.includes('/'))
      .map((r) => ({ group: t.group, version: t.version, resource: r.name, kind: r.kind, singular: r.singularName || r.kind.toLowerCase(), namespaced: r.namespaced, shortNames: r.shortNames ?? [], verbs: r.verbs ?? [], categories: r.categories ?? [] })),
  };
}

const gvName = (t: { group: string; version: string }) => (t.group ? `${t.group}/${t.version}` : t.version);

/** The group versions of an aggregated discovery document; versions come preferred first. */
function fromAggregated(list: AggregatedList): (GroupVersionKinds | { stale: true; gv: string })[] {
  return (list.items ?? []).flatMap((item) => {
    const group = item.metadata?.name ?? '';
    return (item.versions ?? []).map((v, i) => {
      if (v.freshness === 'Stale') return { stale: true as const, gv: gvName({ group, version: v.version }) };
      return {
        group,
        version: v.version,
        preferred: i === 0,
        resources: (v.resources ?? []).map((r) => ({
          group,
          version: v.version,
          resource: r.resource,
          kind: r.responseKind?.kind ?? '',
          singular: r.singularResource || (r.responseKind?.kind ?? '').toLowerCase(),
          namespaced: r.scope === 'Namespaced',
          shortNames: r.shortNames ?? [],
          verbs: r.verbs ?? [],
          categories: r.categories ?? [],
        })),
      };
    });
  });
}

/** One entry per kind at its preferred version, listing every version it is served at. */
function merge(lists: GroupVersionKinds[]): ApiResource[] {
  const merged = new Map<string, ApiResource>();
  // Preferred versions first, so that they become the resource's version.
  for (const { version, resources } of [...lists].sort((a, b) => Number(b.preferred) - Number(a.preferred))) {
    for (const r of resources) {
      const known = merged.get(resourceId(r));
      if (known) known.versions.push(version);
      else merged.set(resourceId(r), { ...r, versions: [version] });
    }
  }
  return [...merged.values()];
}
