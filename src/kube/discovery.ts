import type { KubeTransport } from './transport.js';

/** A kind the API server serves, at its preferred version. */
export interface ApiResource {
  group: string;
  version: string;
  /** Lowercase plural used in URLs. */
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  categories: string[];
  /** Every version the server serves this resource at, preferred first. */
  versions: string[];
}

/** `deployments.apps`, or `pods` for the core group. */
export function resourceId(r: Pick<ApiResource, 'group' | 'resource'>): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** The URL path of a resource's collection, in a namespace or across all. */
export function collectionPath(r: Pick<ApiResource, 'group' | 'version' | 'resource' | 'namespaced'>, namespace?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced && namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${r.resource}` : `${base}/${r.resource}`;
}

// Ingress moved groups; the newest served one wins (old clusters like the holmes walkthrough's).
const INGRESS_ORDER = ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'extensions/v1beta1'];

/** What the server serves, and lookups by name, alias and kind. */
export class Discovery {
  private readonly byId = new Map<string, ApiResource>();
  private readonly byName = new Map<string, ApiResource>();

  constructor(readonly resources: ApiResource[]) {
    for (const r of resources) this.byId.set(resourceId(r), r);
    // Core and well-known groups claim short names first, as kubectl resolves them.
    const ranked = [...resources].sort((a, b) => rank(a) - rank(b));
    for (const r of ranked) {
      for (const name of [r.resource, r.singular, r.kind.toLowerCase(), ...r.shortNames, resourceId(r)]) {
        if (name && !this.byName.has(name.toLowerCase())) this.byName.set(name.toLowerCase(), r);
      }
    }
  }

  /** Resolves what a person types (`po`, `pods`, `pod`, `Deployment`, `deployments.apps`, `widgets`). */
  find(name: string): ApiResource | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The resource by its id (`deployments.apps`). */
  get(id: string): ApiResource | undefined {
    return this.byId.get(id);
  }

  /** The served Ingress resource, preferring networking.k8s.io/v1. */
  ingress(): ApiResource | undefined {
    const candidates = this.resources.filter((r) => r.resource === 'ingresses');
    for (const gv of INGRESS_ORDER) {
      const hit = candidates.find((r) => r.versions.some((v) => `${r.group}/${v}` === gv));
      if (hit) return { ...hit, version: gv.split('/')[1] };
    }
    return candidates[0];
  }
}

function rank(r: ApiResource): number {
  if (!r.group) return 0;
  if (!r.group.includes('.') || r.group.endsWith('.k8s.io')) return 1;
  return 2;
}

interface GroupList {
  groups: { name: string; versions: { groupVersion: string; version: string }[]; preferredVersion?: { version: string } }[];
}

interface ResourceList {
  resources: { name: string; singularName?: string; namespaced: boolean; kind: string; verbs?: string[]; shortNames?: string[]; categories?: string[] }[];
}

/** Reads the server's groups and resources (core, then every group version, in parallel). */
export async function discover(transport: KubeTransport): Promise<Discovery> {
  const groups = await transport.json<GroupList>({ path: '/apis' });
  const targets: { group: string; version: string; preferred: boolean }[] = [{ group: '', version: 'v1', preferred: true }];
  for (const g of groups.groups ?? []) {
    const preferred = g.preferredVersion?.version ?? g.versions[0]?.version;
    for (const v of g.versions ?? []) targets.push({ group: g.name, version: v.version, preferred: v.version === preferred });
  }
  const lists = await Promise.all(
    targets.map(async (t) => {
      try {
        const list = await transport.json<ResourceList>({ path: t.group ? `/apis/${t.group}/${t.version}` : '/api/v1' });
        return { ...t, list };
      } catch {
        // An unavailable aggregated API (a broken metrics-server, say) must not hide the rest.
        return { ...t, list: { resources: [] } as ResourceList };
      }
    }),
  );
  const merged = new Map<string, ApiResource>();
  // Preferred versions first, so that they become the resource's version.
  for (const { group, version, list } of [...lists].sort((a, b) => Number(b.preferred) - Number(a.preferred))) {
    for (const r of list.resources ?? []) {
      if (r.name.includes('/')) continue;
      const id = group ? `${r.name}.${group}` : r.name;
      const known = merged.get(id);
      if (known) {
        known.versions.push(version);
        continue;
      }
      merged.set(id, {
        group,
        version,
        resource: r.name,
        kind: r.kind,
        singular: r.singularName || r.kind.toLowerCase(),
        namespaced: r.namespaced,
        shortNames: r.shortNames ?? [],
        verbs: r.verbs ?? [],
        categories: r.categories ?? [],
        versions: [version],
      });
    }
  }
  return new Discovery([...merged.values()]);
}
