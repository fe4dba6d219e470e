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

/** What the server serves, and lookups by name, alias and kind; kinds of a group that recovers are added later. */
export class Discovery {
  private byId = new Map<string, ApiResource>();
  private byName = new Map<string, ApiResource>();
  private all: ApiResource[] = [];
  /** Group versions whose discovery failed, with the reason; their kinds are missing until they recover. */
  readonly unavailable = new Map<string, string>();
  private readonly listeners = new Set<() => void>();

  constructor(resources: ApiResource[]) {
    this.index(resources);
  }

  /** Every served kind, at its preferred version. */
  get resources(): readonly ApiResource[] {
    return this.all;
  }

  /** Adds the kinds of a group version that answered late (say, once an aggregated API recovers). */
  add(groupVersion: string, resources: ApiResource[]): void {
    this.unavailable.delete(groupVersion);
    const known = new Set(this.all.map(resourceId));
    this.index([...this.all, ...resources.filter((r) => !known.has(resourceId(r)))]);
    for (const l of this.listeners) l();
  }

  /** Notes a group version whose discovery failed (its kinds stay missing). */
  markUnavailable(groupVersion: string, reason: string): void {
    this.unavailable.set(groupVersion, reason);
    for (const l of this.listeners) l();
  }

  /** Calls `listener` when kinds are added or a group's availability changes. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A number that changes with every `add` or `markUnavailable` (a useSyncExternalStore snapshot). */
  getVersion = (): string => `${this.all.length}/${[...this.unavailable.keys()].join(',')}`;

  private index(resources: ApiResource[]): void {
    this.all = resources;
    this.byId = new Map();
    this.byName = new Map();
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
    const candidates = this.all.filter((r) => r.resource === 'ingresses');
    for (const gv of INGRESS_ORDER) {
      const hit = candidates.find((r) => r.versions.some((v) => `${r.group}/${v}` === gv));
      if (hit) return { ...hit, version: gv.split('/')[1] };
    }
    return candidates[0];
  }
}

/** Whether a kind can be shown live: the server lists and watches it. */
export const listable = (r: Pick<ApiResource, 'verbs'>): boolean => r.verbs.includes('list') && r.verbs.includes('watch');

function rank(r: ApiResource): number {
  if (!r.group) return 0;
  if (!r.group.includes('.') || r.group.endsWith('.k8s.io')) return 1;
  return 2;
}

