import type { ApiResource } from './discovery.js';
import { resourceId } from './discovery.js';
import type { KubeTransport } from './transport.js';
import { WatchCache, type WatchCacheOptions } from './watch-cache.js';

/** A cache held by one user (a screen, an index); release it when done. */
export interface CacheLease {
  cache: WatchCache;
  release(): void;
}

interface Entry {
  cache: WatchCache;
  refs: number;
  linger?: NodeJS.Timeout;
  /** Whether a screen asked for it (not only the background relations). */
  foreground: boolean;
  started: boolean;
}

/**
 * Shares watch caches by (kind, namespace) with reference counts: what no screen or
 * relation needs is not watched. A released cache lingers briefly, so flipping between
 * two views does not relist.
 *
 * Background caches (the relation indexes) can be held back while the screen's own caches
 * load (`holdBackground`): on a large cluster the first screen then competes with nothing,
 * neither on the API server nor for this process's one thread.
 */
export class CacheRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private held: NodeJS.Timeout | undefined;

  constructor(
    private readonly transport: KubeTransport,
    private readonly options: WatchCacheOptions = {},
    private readonly lingerMs = 10_000,
  ) {}

  /**
   * Takes a reference to the cache of a kind in a namespace (undefined: all namespaces);
   * `metadataOnly`: objects without their data (names, labels, owners), as PartialObjectMetadata.
   */
  acquire(resource: ApiResource, namespace?: string, { background = false, metadataOnly = false } = {}): CacheLease {
    const ns = resource.namespaced ? namespace : undefined;
    // Metadata-only caches are kept apart: a screen of the kind needs its whole objects.
    const key = `${resourceId(resource)}@${ns ?? '*'}${metadataOnly ? '#metadata' : ''}`;
    let entry = this.entries.get(key);
    const created = !entry;
    if (!entry) {
      entry = { cache: new WatchCache(this.transport, resource, ns, { ...this.options, metadataOnly }), refs: 0, foreground: false, started: false };
      entry.cache.subscribe(() => this.emit());
      this.entries.set(key, entry);
    }
    if (!background) entry.foreground = true;
    if (!entry.started && (!background || !this.held)) this.startEntry(entry);
    else if (created) this.emit();
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

  /**
   * Holds background caches back until every screen cache has loaded (or failed). `maxMs`
   * bounds a stall, not the load: the wait goes on while a screen cache keeps receiving pages
   * (30,000 pods take longer than any fixed bound on a slow link), up to `ceilingMs` in all.
   */
  holdBackground(maxMs = 3_000, ceilingMs = 60_000): void {
    if (this.held) clearTimeout(this.held);
    const until = Date.now() + ceilingMs;
    let seen = this.screenPages();
    const check = () => {
      const now = this.screenPages();
      if (now === seen || Date.now() >= until) return this.releaseBackground();
      seen = now;
      this.held = setTimeout(check, maxMs);
      this.held.unref();
    };
    this.held = setTimeout(check, maxMs);
    this.held.unref();
  }

  /** List pages the screen caches have received so far: progress while they load. */
  private screenPages(): number {
    let pages = 0;
    for (const e of this.entries.values()) if (e.foreground && e.started) pages += e.cache.stats.pages;
    return pages;
  }

  /** Starts every held background cache now. */
  releaseBackground(): void {
    if (this.held) clearTimeout(this.held);
    this.held = undefined;
    for (const e of this.entries.values()) if (!e.started) this.startEntry(e);
  }

  /** Whether the cache of a kind in a namespace (undefined: all) exists and is in sync. */
  synced(resource: ApiResource, namespace: string | undefined): boolean {
    return this.peek(resource, namespace)?.getState().phase === 'synced';
  }

  /** The started cache of a kind in a namespace, if there is one, without taking a reference. */
  peek(resource: ApiResource, namespace: string | undefined): WatchCache | undefined {
    const entry = this.entries.get(`${resourceId(resource)}@${(resource.namespaced ? namespace : undefined) ?? '*'}`);
    return entry?.started ? entry.cache : undefined;
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
    if (this.held) clearTimeout(this.held);
    this.held = undefined;
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

  private startEntry(entry: Entry): void {
    entry.started = true;
    entry.cache.start();
    this.emit();
  }

  private emit(): void {
    if (this.held) {
      const screens = [...this.entries.values()].filter((e) => e.foreground);
      if (screens.length && screens.every((e) => e.cache.getState().phase !== 'syncing')) return this.releaseBackground();
    }
    for (const l of [...this.listeners]) l();
  }
}
