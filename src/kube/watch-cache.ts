import type { KubeObject, ObjectChange } from '../model/types.js';
import { abortableDelay } from './abortable-delay.js';
import { ApiError } from './api-error.js';
import { slimObject } from '../model/slim/slim-fields.js';
import { compactStrings } from './compact.js';
import { collectionPath, resourceId, type ApiResource } from './discovery.js';
import type { KubeTransport } from './transport.js';
import { streamList, watchListRefused } from './watch-list.js';
import { withoutManagedFields } from './without-managed-fields.js';
import { flatKey } from '../model/flat-key.js';

/** Where a cache stands, for the status line. */
export type CacheState =
  | { phase: 'syncing' }
  | { phase: 'synced' }
  | { phase: 'reconnecting'; reason: string; retryAt: number }
  | { phase: 'forbidden'; reason: string }
  | { phase: 'stopped' };

/** One change to the cache, delivered synchronously to indexes. */
export type CacheChange = ObjectChange;

/** Tunables; the defaults suit real clusters, tests shorten them. */
export interface WatchCacheOptions {
  pageSize?: number;
  /** Batching window of change notifications to the UI. */
  flushMs?: number;
  /** A watch that sends no bytes (not even a bookmark) for this long is replaced. */
  stallMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** How long before retrying a kind the user may not list. */
  forbiddenRetryMs?: number;
  /** Lists and watches metadata only (PartialObjectMetadata): what a Secret holds never reaches memory. */
  metadataOnly?: boolean;
  /** Keeps of each object only the fields its readers declare (model/slim); panes GET the whole object. */
  slim?: boolean;
  /** Lists with a streaming list (watch-list, `sendInitialEvents`) where the server serves one; pages otherwise. */
  watchList?: boolean;
}

const METADATA_LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
const METADATA_WATCH = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';

const DEFAULTS: Required<WatchCacheOptions> = {
  pageSize: 500,
  flushMs: 75,
  stallMs: 150_000,
  backoffInitialMs: 500,
  backoffMaxMs: 30_000,
  forbiddenRetryMs: 60_000,
  metadataOnly: false,
  slim: false,
  watchList: false,
};

/** The key of an object in a cache. */
/**
 * Whether an object has the identity every screen relies on: metadata with a string name, and
 * a string namespace and uid when present, neither holding '/' (names are path segments: a name
 * `b/c` in `a` would have the key of `c` in `a/b`). The API server guarantees it; a malformed
 * object (a broken aggregated API, a proxy) is left out of the cache rather than trusted.
 */
export function isWellFormed(o: unknown): o is KubeObject {
  const m = (o as KubeObject | null)?.metadata;
  const optional = (v: unknown) => v === undefined || typeof v === 'string';
  return !!m && typeof m === 'object' && typeof m.name === 'string' && m.name !== '' && optional(m.namespace) && optional(m.uid) && optional(m.resourceVersion) && !m.name.includes('/') && !m.namespace?.includes('/');
}

export function objectKeyOf(o: KubeObject): string {
  const m = o.metadata ?? {};
  return m.namespace ? flatKey(m.namespace, String(m.name)) : String(m.name);
}

class GoneSignal extends Error {}

type ListBody = { metadata?: { resourceVersion?: string; continue?: string }; items?: KubeObject[] };
interface ListPage {
  page: Promise<ListBody>;
  next: Promise<string | undefined>;
}

const NOT_FOUND = Symbol('not found');

/**
 * The continue token of a list from the start of its body, if the list's own metadata comes
 * before its items (as API servers write it); NOT_FOUND when the head does not show it.
 */
export function continueInHead(head: string): string | undefined | typeof NOT_FOUND {
  const items = head.indexOf('"items":');
  const m = /"metadata":(\{[^{}]*\})/.exec(items < 0 ? '' : head.slice(0, items));
  if (!m) return NOT_FOUND;
  try {
    const meta = JSON.parse(m[1]) as { continue?: unknown };
    return typeof meta.continue === 'string' && meta.continue ? meta.continue : undefined;
  } catch {
    return NOT_FOUND;
  }
}

/**
 * A live, list-then-watch cache of one kind in one namespace (or all).
 *
 * A watch that ends is resumed from the last resourceVersion seen; 410 Gone relists and
 * emits the true differences; any other failure reconnects with capped exponential
 * back-off and jitter (honouring Retry-After). Indexes get every change synchronously;
 * the UI gets batched notifications, a few per second however busy the cluster is.
 */
export class WatchCache {
  readonly id: string;
  private readonly slimId: string;
  private readonly opts: Required<WatchCacheOptions>;
  private readonly objects = new Map<string, KubeObject>();
  // Made by the first listIn (see there).
  private byNamespace: Map<string, Map<string, KubeObject>> | undefined;
  private readonly namespaceSnapshots = new Map<string, readonly KubeObject[]>();
  // The state each object replaced, for the batch that replaced it and the next: a screen
  // compares rows with them, then they are let go (rotated at each flush).
  private predecessors = new WeakMap<KubeObject, KubeObject>();
  private olderPredecessors = new WeakMap<KubeObject, KubeObject>();
  // Strings shared among recent watch events (cleared as it grows, so it holds nothing for long).
  private eventStrings = new Map<string, string>();
  private snapshot: KubeObject[] | undefined;
  private rv = '';
  private state: CacheState = { phase: 'syncing' };
  private version = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  // While a first list applies its pages: nothing is notified until the whole list is in.
  private quiet = false;
  private readonly listeners = new Set<() => void>();
  private readonly changeHandlers = new Set<(c: CacheChange) => void>();
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private synced!: () => void;
  private readonly syncedOnce = new Promise<void>((r) => (this.synced = r));
  /** Counters for benchmarks and tests. */
  readonly stats = { lists: 0, pages: 0, watches: 0, events: 0, notifications: 0, relists: 0, malformed: 0, renewals: 0, streamedLists: 0, fallbacks: 0 };

  constructor(
    private readonly transport: KubeTransport,
    readonly resource: ApiResource,
    readonly namespace?: string,
    options: WatchCacheOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...options };
    this.id = `${resourceId(resource)}@${namespace ?? '*'}`;
    this.slimId = resourceId(resource);
  }

  /** Starts listing and watching (idempotent). */
  start(): this {
    this.loop ??= this.run();
    return this;
  }

  /** Stops the watch and every timer; resolves when the loop has exited. */
  async stop(): Promise<void> {
    this.abort.abort();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    await this.loop;
    this.state = { phase: 'stopped' };
  }

  /** Resolves once the first list has been applied. */
  whenSynced(): Promise<void> {
    return this.syncedOnce;
  }

  getState(): CacheState {
    return this.state;
  }

  /** A number that changes whenever the contents or state change (a useSyncExternalStore snapshot). */
  getVersion(): number {
    return this.version;
  }

  /** Every object, as one array shared until the next change. */
  list(): readonly KubeObject[] {
    this.snapshot ??= [...this.objects.values()];
    return this.snapshot;
  }

  /**
   * The objects of one namespace (in the order `list` has them), as one array shared until that
   * namespace changes: a table of one namespace of a cluster-wide cache reads its objects alone,
   * and changes elsewhere leave its array (and so its rows and orders) as they are. The index by
   * namespace is made on the first ask and kept from then on.
   */
  listIn(namespace: string): readonly KubeObject[] {
    this.indexNamespaces();
    let snapshot = this.namespaceSnapshots.get(namespace);
    if (!snapshot) this.namespaceSnapshots.set(namespace, (snapshot = [...(this.byNamespace!.get(namespace)?.values() ?? [])]));
    return snapshot;
  }

  /** Makes the index by namespace now, if it is not made yet (idle work: the next switch to a namespace then reads it). */
  indexNamespaces(): void {
    if (this.byNamespace) return;
    this.byNamespace = new Map();
    for (const [key, o] of this.objects) this.indexIn(key, o);
  }

  /** Whether the index by namespace is made. */
  get indexedByNamespace(): boolean {
    return !!this.byNamespace;
  }

  private indexIn(key: string, o: KubeObject): void {
    const namespace = o.metadata?.namespace ?? '';
    let objects = this.byNamespace!.get(namespace);
    if (!objects) this.byNamespace!.set(namespace, (objects = new Map()));
    objects.set(key, o);
  }

  /** The state an object replaced (for an update), while that state is still referenced. */
  previousOf(o: KubeObject): KubeObject | undefined {
    return this.predecessors.get(o) ?? this.olderPredecessors.get(o);
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(namespace ? flatKey(namespace, name) : name);
  }

  get size(): number {
    return this.objects.size;
  }

  /** The last resourceVersion the cache has seen. */
  get resourceVersion(): string {
    return this.rv;
  }

  /** Batched notifications: at most one per flush window. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Every change as it is applied, for incremental indexes. */
  onChange(handler: (c: CacheChange) => void): () => void {
    this.changeHandlers.add(handler);
    return () => this.changeHandlers.delete(handler);
  }

  private async run(): Promise<void> {
    let attempt = 0;
    let needList = true;
    while (!this.abort.signal.aborted) {
      try {
        if (needList) {
          const listed = () => ((needList = false), (attempt = 0));
          if (this.opts.watchList && !watchListRefused(this.transport) && (await this.streamedList(listed)) === 'streamed') continue;
          await this.relist();
          needList = false;
          attempt = 0;
        }
        await this.watch(() => (attempt = 0));
      } catch (e) {
        if (this.abort.signal.aborted) break;
        // A watch the server took but that has been quiet past stallMs: servers without bookmarks
        // send nothing for a quiet kind. It is renewed from where it was, not relisted and not
        // reported as a problem; a connection that is really gone fails to renew and says so.
        if (e instanceof ApiError && e.kind === 'stalled' && !needList) {
          this.stats.renewals++;
          continue;
        }
        if (e instanceof GoneSignal || (e instanceof ApiError && e.kind === 'gone')) {
          needList = true;
          this.stats.relists++;
          continue;
        }
        const err = e instanceof ApiError ? e : new ApiError('other', String(e));
        if (err.kind === 'forbidden') {
          this.setState({ phase: 'forbidden', reason: err.message });
          await this.sleep(this.opts.forbiddenRetryMs);
          continue;
        }
        const backoff = Math.min(this.opts.backoffMaxMs, this.opts.backoffInitialMs * 2 ** attempt++);
        const wait = Math.max(backoff * (0.5 + Math.random() / 2), (err.retryAfter ?? 0) * 1000);
        this.setState({ phase: 'reconnecting', reason: err.message, retryAt: Date.now() + wait });
        await this.sleep(wait);
      }
    }
  }

  private async relist(): Promise<void> {
    this.stats.lists++;
    const sink = this.listSink();
    let rv = '';
    let pending: ListPage | undefined = this.fetchPage(undefined);
    try {
      while (pending) {
        const current: ListPage = pending;
        // The next page is asked for as soon as this one's metadata names it, while this one is still arriving and parsing.
        const token = await current.next;
        pending = token ? this.fetchPage(token) : undefined;
        const page = await current.page;
        this.stats.pages++;
        for (const item of page.items ?? []) sink.take(item);
        rv = page.metadata?.resourceVersion ?? rv;
      }
    } finally {
      sink.abandon();
    }
    sink.finish(rv);
  }

  /**
   * A list (or relist) and the watch after it as one streaming list (see watch-list.ts): objects
   * are taken as they stream, the end bookmark completes the list; 'fallback' when it did not get there.
   */
  private async streamedList(onListed: () => void): Promise<'streamed' | 'fallback'> {
    this.stats.streamedLists++;
    this.stats.watches++;
    const sink = this.listSink();
    let taken = 0;
    const query = { timeoutSeconds: 300 + Math.floor(Math.random() * 300) };
    const req = { path: collectionPath(this.resource, this.namespace), query, signal: this.abort.signal, idleTimeoutMs: this.opts.stallMs, accept: this.opts.metadataOnly ? METADATA_WATCH : undefined };
    try {
      const outcome = await streamList(this.transport, req, {
        item: (o) => {
          sink.take(o);
          // Every pageSize objects count as a page: progress reads the same as for a paged list (the registry's hold-back).
          if (++taken % this.opts.pageSize === 0) this.stats.pages++;
        },
        end: (rv) => {
          sink.finish(rv);
          onListed();
        },
        live: (line) => this.onLine(line, onListed),
      });
      if (outcome === 'fallback') this.stats.fallbacks++;
      return outcome;
    } finally {
      sink.abandon();
    }
  }

  /**
   * Takes a list's objects as they come. An empty cache (the first list) applies each at once, so
   * that indexes and whatever follows the changes do their work while the rest is on its way;
   * screens are notified once, at `finish`, as for any list. A cache with objects compares the
   * whole list with them at `finish`. `abandon` (a list that failed) lets notifications through again.
   */
  private listSink(): { take(item: KubeObject): void; finish(rv: string): void; abandon(): void } {
    const initial = this.objects.size === 0;
    const fresh = new Map<string, KubeObject>();
    this.quiet = initial;
    return {
      take: (item) => {
        // List items omit kind and apiVersion (the list carries them); watch events do not, so the cache agrees with itself.
        item.kind ??= this.resource.kind;
        item.apiVersion ??= this.resource.group ? `${this.resource.group}/${this.resource.version}` : this.resource.version;
        if (!isWellFormed(item)) {
          this.stats.malformed++;
          return;
        }
        const kept = this.kept(item);
        const key = objectKeyOf(kept);
        fresh.set(key, kept);
        if (!initial) return;
        const old = this.objects.get(key);
        this.apply(old ? { type: 'update', object: kept, previous: old } : { type: 'add', object: kept });
      },
      finish: (rv) => {
        this.quiet = false;
        // Apply the true differences, so that indexes and screens see adds, updates and deletes. (Showing
        // pages as they come was tried: the screen's rebuilds on every batch made the whole list slower.)
        if (!initial) {
          for (const [key, old] of this.objects) if (!fresh.has(key)) this.apply({ type: 'delete', object: old });
          for (const [key, obj] of fresh) {
            const old = this.objects.get(key);
            if (!old) this.apply({ type: 'add', object: obj });
            else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) this.apply({ type: 'update', object: obj, previous: old });
          }
        }
        this.rv = rv;
        this.setState({ phase: 'synced' });
        this.flush();
        this.synced();
        // A streaming list's stream goes on as the watch and keeps this sink: the listed states must not
        // outlive their replacement (each would keep its row and every older order with it).
        const listed = [...fresh.values()];
        fresh.clear();
        void this.compactInBackground(listed);
      },
      abandon: () => {
        this.quiet = false;
      },
    };
  }

  /** Shares equal strings among the listed objects, a page at a time between other work (after the first frame, not before it). */
  private async compactInBackground(objects: KubeObject[]): Promise<void> {
    for (let i = 0; i < objects.length && !this.abort.signal.aborted; i += this.opts.pageSize) {
      await new Promise((r) => setImmediate(r));
      const table = new Map<string, string>();
      for (const o of objects.slice(i, i + this.opts.pageSize)) compactStrings(o, table);
    }
  }

  /** One page of the list; `next` resolves with the following page's token as early as the body shows it. */
  private fetchPage(token: string | undefined): ListPage {
    let early: ((t: string | undefined) => void) | undefined;
    const next = new Promise<string | undefined>((r) => (early = r));
    const page = this.transport.json<ListBody>(
      { path: collectionPath(this.resource, this.namespace), query: { limit: this.opts.pageSize, continue: token }, signal: this.abort.signal, idleTimeoutMs: this.opts.stallMs, accept: this.opts.metadataOnly ? METADATA_LIST : undefined },
      (head) => {
        const found = continueInHead(head);
        if (found !== NOT_FOUND) early?.(found);
      },
    );
    page.then(
      (p) => early?.(p.metadata?.continue || undefined),
      () => early?.(undefined),
    );
    return { page, next };
  }

  private async watch(onProgress: () => void): Promise<void> {
    this.stats.watches++;
    await this.transport.lines(
      {
        path: collectionPath(this.resource, this.namespace),
        // A randomised timeout spreads watch renewals, as client-go's reflector does.
        query: { watch: 1, resourceVersion: this.rv, allowWatchBookmarks: true, timeoutSeconds: 300 + Math.floor(Math.random() * 300) },
        signal: this.abort.signal,
        idleTimeoutMs: this.opts.stallMs,
        accept: this.opts.metadataOnly ? METADATA_WATCH : undefined,
      },
      (line) => this.onLine(line, onProgress),
      // The server took the watch: the cache is live again, even before the first event arrives.
      () => {
        onProgress();
        if (this.state.phase !== 'synced') this.setState({ phase: 'synced' });
      },
    );
    if (this.state.phase !== 'synced') this.setState({ phase: 'synced' });
  }

  private onLine(line: string, onProgress: () => void): void {
    let ev: { type?: string; object?: KubeObject & { code?: number; message?: string } };
    try {
      // No cache keeps managedFields (half a real object's bytes): cut before parsing, never made into objects.
      ev = JSON.parse(withoutManagedFields(line));
    } catch {
      throw new ApiError('protocol', 'the API server sent a watch event that is not JSON');
    }
    const obj = ev.object;
    if (!obj || typeof obj !== 'object') return;
    if (ev.type === 'ERROR') {
      if (obj.code === 410) throw new GoneSignal();
      throw new ApiError('server', obj.message ?? 'watch error', obj.code);
    }
    const rv = obj.metadata?.resourceVersion;
    if (rv) this.rv = rv;
    onProgress();
    if (this.state.phase !== 'synced') this.setState({ phase: 'synced' });
    if (ev.type === 'BOOKMARK') return;
    if (!isWellFormed(obj)) {
      this.stats.malformed++;
      return;
    }
    if (this.eventStrings.size > 20_000) this.eventStrings = new Map();
    const kept = this.kept(obj);
    compactStrings(kept, this.eventStrings);
    const key = objectKeyOf(kept);
    const previous = this.objects.get(key);
    if (ev.type === 'DELETED') {
      if (previous) this.apply({ type: 'delete', object: kept, previous });
    } else if (ev.type === 'ADDED' || ev.type === 'MODIFIED') {
      this.apply(previous ? { type: 'update', object: kept, previous } : { type: 'add', object: kept });
    }
  }

  /** An object as this cache keeps it: projected onto its readers' fields when slim (metadata-only objects are slim already). */
  private kept(o: KubeObject): KubeObject {
    return this.opts.slim && !this.opts.metadataOnly ? slimObject(this.slimId, o) : o;
  }

  private apply(change: CacheChange): void {
    const key = objectKeyOf(change.object);
    if (change.type === 'delete') this.objects.delete(key);
    else this.objects.set(key, change.object);
    if (this.byNamespace) {
      const namespace = change.object.metadata?.namespace ?? '';
      if (change.type !== 'delete') this.indexIn(key, change.object);
      else if (this.byNamespace.get(namespace)?.delete(key) && !this.byNamespace.get(namespace)!.size) this.byNamespace.delete(namespace);
      this.namespaceSnapshots.delete(namespace);
    }
    // One state back only: the old state must not keep its own predecessor (and so every version) alive.
    if (change.type === 'update' && change.previous) {
      this.predecessors.delete(change.previous);
      this.olderPredecessors.delete(change.previous);
      this.predecessors.set(change.object, change.previous);
    }
    this.snapshot = undefined;
    this.stats.events++;
    for (const h of this.changeHandlers) h(change);
    this.markDirty();
  }

  private setState(state: CacheState): void {
    this.state = state;
    this.markDirty();
  }

  private markDirty(): void {
    if (this.quiet || this.flushTimer || this.abort.signal.aborted) return;
    this.flushTimer = setTimeout(() => this.flush(), this.opts.flushMs);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.olderPredecessors = this.predecessors;
    this.predecessors = new WeakMap();
    this.version++;
    this.stats.notifications++;
    for (const l of [...this.listeners]) l();
  }

  private sleep(ms: number): Promise<void> {
    return abortableDelay(ms, this.abort.signal);
  }
}
