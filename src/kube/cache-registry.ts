import type { ApiResource } from './discovery.js';
import { resourceId } from './discovery.js';
import type { KubeTransport } from './transport.js';
import { WatchCache, type WatchCacheOptions } from './watch-cache.js';

/** A cache held by one user (a screen, an index); release it when done. */
export interface CacheLease {
  cache: WatchCache;
  release(): void;
}

/**
 * Shares watch caches by (kind, namespace) with reference counts: what no screen or
 * relation needs is not watched. A released cache lingers briefly, so flipping between
 * two views does not relist.
 */
export class CacheRegistry {
  private readonly entries = new Map<string, { cache: WatchCache; refs: number; linger?: NodeJS.Timeout }>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly transport: KubeTransport,
    private readonly options: WatchCacheOptions = {},
    private readonly lingerMs = 10_000,
  ) {}

  /** Takes a reference to the cache of a kind in a namespace (undefined: all namespaces). */
  acquire(resource: ApiResource, namespace?: string): CacheLease {
    const ns = resource.namespaced ? namespace : undefined;
    const key = `${resourceId(resource)}@${ns ?? '*'}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { cache: new WatchCache(this.transport, resource, ns, this.options).start(), refs: 0 };
      entry.cache.subscribe(() => this.emit());
      this.entries.set(key, entry);
      this.emit();
    }
    if (entry.linger) clearTimeout(entry.linger);
    entry.linger = undefined;
    entry.refs++;
    let released = false;
    const e = entry;
    return {
      cache: entry.cache,
      release: () => {
        if (released) return;
        released = true;
        if (--e.refs > 0) return;
        e.linger = setTimeout(() => void this.drop(key), this.lingerMs);
        e.linger.unref();
      },
    };
  }

  /** The caches alive now, for the status line. */
  caches(): WatchCache[] {
    return [...this.entries.values()].map((e) => e.cache);
  }

  /** Notified (batched by each cache) when any cache changes or a cache comes or goes. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Stops every cache and closes the connections (context switch, exit). */
  async stopAll(): Promise<void> {
    const all = [...this.entries.keys()];
    await Promise.all(all.map((k) => this.drop(k)));
    this.transport.destroy();
  }

  private async drop(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.linger) clearTimeout(entry.linger);
    this.entries.delete(key);
    await entry.cache.stop();
    this.emit();
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }
}
