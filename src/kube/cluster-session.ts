import type { ProbeNetwork } from './route-probe.js';
import type { KubeConfig } from '@kubernetes/client-node';
import { ClusterIndexes, NOT_SERVED, STILL_LOADING } from '../model/indexes/cluster-indexes.js';
import { CacheRegistry, type CacheLease } from './cache-registry.js';
import { accessNote, reviewClusterWide } from './access-review.js';
import { discover, retryUnavailable } from './discover.js';
import { listable, resourceId, type Discovery } from './discovery.js';
import { clusterInfo, type ClusterInfo } from './kubeconfig.js';
import { PinnedKubeConfig } from './pinned-config.js';
import { KubeTransport } from './transport.js';
import type { WatchCacheOptions } from './watch-cache.js';

// Relations that only need to know an object exists: a TLS Secret's data never reaches memory.
const METADATA_ONLY = new Set(['secrets']);
// Back-off for group versions whose discovery failed: 2 s, doubling, at most a minute.
const DISCOVERY_RETRY_MS = 2_000;
const DISCOVERY_RETRY_MAX_MS = 60_000;
/** What the explorer reads only where a screen shows it: events (tens of thousands on a large cluster, in no table but their own). */
export const EXPLORER_ON_DEMAND: readonly string[] = ['events'];
// Namespaces an on-demand kind stays watched in after a screen asked (the latest few; older ones are let go).
const ON_DEMAND_SCOPES = 4;

/** A session on a snapshot: whose it was and when it was taken (its time stands still there). */
export interface SnapshotInfo {
  context: string;
  capturedAt: string;
  /** capturedAt in epoch ms. */
  at: number;
}

/**
 * Everything kdrill holds for one kubeconfig context: the connection, what the server
 * serves, the shared watch caches and the relation indexes they feed. Switching context
 * means stopping one session and starting another; `stop` leaves no watch, socket or timer.
 */
export class ClusterSession {
  readonly info: ClusterInfo;
  /** Where probes (`P`) may connect directly: the demo sets loopback only and its stand-ins. */
  probeNetwork: ProbeNetwork = {};
  readonly transport: KubeTransport;
  readonly caches: CacheRegistry;
  /** Whether the caches keep slim objects (the YAML and describe panes then GET the whole object). */
  readonly slim: boolean;
  private currentIndexes = new ClusterIndexes();
  /** Relation caches, each with the scopes that asked for it (`*`: all namespaces), so that leaving a scope can let go of its caches. */
  private relationLeases: { id: string; namespace: string | undefined; lease: CacheLease; unsubscribe: () => void; askedBy: Set<string> }[] = [];
  /** Relation kinds the user may not list cluster-wide (by review or a real 403): read in `home` instead. */
  private readonly refusedWide = new Set<string>();
  private home: string[];
  /** Relation kinds read only in the namespaces a screen asks for (needRelations): the explorer's events. */
  private onDemand = new Set<string>();
  /** The namespaces on-demand kinds were asked for, least recent first. */
  private demanded: string[] = [];
  private stopped = false;
  // Aborted by stop(): what the session still has in flight of its own (access reviews) goes with it.
  private readonly stopping = new AbortController();
  private discoveryTimer: NodeJS.Timeout | undefined;
  private constructor(
    readonly discovery: Discovery,
    transport: KubeTransport,
    options: WatchCacheOptions,
  ) {
    this.info = clusterInfo(transport.kc);
    this.home = [this.info.namespace];
    this.transport = transport;
    // Slim unless asked otherwise: the caches keep what their readers declare (model/slim), panes GET the rest.
    this.slim = options.slim ?? true;
    // Streaming lists unless asked otherwise (bench/watch-list.bench.ts); a server that refuses them gets pages.
    this.caches = new CacheRegistry(transport, { ...options, slim: this.slim, watchList: options.watchList ?? true });
  }

  /**
   * Connects (discovery) to `context` (default: the kubeconfig's current one) and returns a
   * session pinned to it: its cluster and user are copied now, whatever becomes of `kc` later.
   * The caller reports failures.
   */
  static async open(kc: KubeConfig, options: WatchCacheOptions = {}, readonly = false, context = kc.getCurrentContext()): Promise<ClusterSession> {
    const transport = new KubeTransport(PinnedKubeConfig.of(kc, context));
    transport.readonly = readonly;
    try {
      const session = new ClusterSession(await discover(transport), transport, options);
      session.reviewed = session.reviewAccess();
      session.retryDiscovery(0);
      return session;
    } catch (e) {
      transport.destroy();
      throw e;
    }
  }

  /** Set when the session reads a snapshot: its data is not live, and its clock stopped at capture. */
  snapshot: SnapshotInfo | undefined;

  /** The time ages and durations are reckoned from: now, or a snapshot's capture time. */
  now(): number {
    return this.snapshot?.at ?? Date.now();
  }

  /** The relation indexes of the current scope. */
  get indexes(): ClusterIndexes {
    return this.currentIndexes;
  }

  /**
   * Starts the caches the relation indexes need (in one namespace, or all) and feeds fresh
   * indexes. `afterScreen`: they wait until the first screen's own caches have loaded.
   * Across all namespaces, a kind the user may not list cluster-wide is read in `home`
   * (the namespaces the user works in: by default the context's) instead. `onDemand` kinds are
   * read only where a screen asks for them (needRelations): the explorer's events, which on a
   * large cluster are tens of thousands of objects no table shows.
   */
  watchRelations(namespace?: string, { afterScreen = false, home, onDemand = [] }: { afterScreen?: boolean; home?: string[]; onDemand?: readonly string[] } = {}): void {
    this.stopRelations();
    this.currentIndexes = new ClusterIndexes();
    this.relationsAsked = true;
    this.onDemand = new Set(onDemand);
    this.demanded = [];
    if (home) this.home = home;
    if (afterScreen) this.caches.holdBackground();
    const indexes = this.indexes;
    // After the access review, so that a kind refused cluster-wide is not asked for there first.
    void this.reviewed.then(() => {
      if (this.indexes === indexes) this.addRelations(indexes.resources, [namespace]);
    });
  }

  private relationsAsked = false;

  /** Whether the relation caches were asked for and none is fed yet (what they feed is not known, not absent). */
  relationsPending(): boolean {
    return this.relationsAsked && !this.stopped && this.relationLeases.length === 0;
  }

  /**
   * Whether the relation indexes hold `id` in `namespace` (undefined: all) in full (`loaded`: a cache
   * covering it has synced), will (`loading`: asked for, listing or reconnecting), or will not
   * (`unavailable`: refused, not served, or not asked for).
   */
  relationState(id: string, namespace: string | undefined): 'loaded' | 'loading' | 'unavailable' {
    const covering = this.relationLeases.filter((r) => r.id === id && (r.namespace === undefined || r.namespace === namespace)).map((r) => r.lease.cache.getState().phase);
    if (covering.includes('synced')) return 'loaded';
    // An on-demand kind not asked for here yet is asked for by whoever reads it (see needRelations).
    if (this.onDemand.has(id) && !covering.length && !this.stopped) return 'loading';
    if (covering.includes('syncing') || covering.includes('reconnecting') || (this.relationsPending() && this.indexes.resources.includes(id))) return 'loading';
    return 'unavailable';
  }

  /** Settles when the access review made on opening has answered (or could not be made). */
  reviewed: Promise<void> = Promise.resolve();

  /**
   * Asks the server (SelfSubjectAccessReview) which relation kinds the user may list and watch
   * cluster-wide, so that refused ones are read per namespace at once. A hint: a real 403 on a
   * cluster-wide list also sends the kind to its namespaces. Not sent by a read-only session.
   */
  private async reviewAccess(): Promise<void> {
    if (this.transport.readonly || !this.discovery.get('selfsubjectaccessreviews.authorization.k8s.io')) return;
    const resources = this.indexes.resources.map((id) => this.resourceOf(id)).filter((r): r is NonNullable<typeof r> => !!r && r.namespaced);
    for (const [r, access] of await reviewClusterWide(this.transport, resources, this.stopping.signal)) if (access === 'denied') this.refusedWide.add(resourceId(r));
  }

  /** Whether the user may not list `id` across all namespaces (so it is read in the home namespaces). */
  refusedClusterWide(id: string): boolean {
    return this.refusedWide.has(id);
  }

  /** The namespaces kinds refused cluster-wide are read in. */
  get homeNamespaces(): readonly string[] {
    return this.home;
  }

  /** What the user may not read, in one short phrase for the header (undefined: nothing is limited). */
  accessNote(): string | undefined {
    return accessNote(this.refusedWide, this.home, this.indexes.unavailable);
  }

  /**
   * Feeds the current indexes from caches of `ids` in each of `namespaces` (undefined: all),
   * adding only what is not fed yet; cluster-scoped kinds are watched once. A route trace
   * uses it to watch only the namespaces a host's Ingresses send traffic to.
   */
  addRelations(ids: Iterable<string>, namespaces: (string | undefined)[]): void {
    if (this.stopped) return;
    for (const requested of namespaces) this.addScope(ids, requested, new Set([requested ?? '*']));
  }

  /**
   * Lets go of the relation caches only `namespace` (undefined: all) asked for, taking their
   * objects out of the indexes where no other cache holds them: the explorer calls it when the
   * view leaves a namespace, so that caches do not pile up namespace after namespace.
   */
  releaseRelations(namespace: string | undefined): void {
    this.releaseScope(namespace ?? '*');
  }

  /**
   * Reads on-demand relation kinds (see watchRelations) in `namespace`, for a screen that shows
   * them there (describe's and the events pane's events, a rollout's). The last few namespaces
   * asked for stay watched; the one asked for longest ago is let go. Other kinds: nothing to do.
   */
  needRelations(ids: readonly string[], namespace: string): void {
    const wanted = ids.filter((id) => this.onDemand.has(id));
    if (this.stopped || !wanted.length) return;
    this.demanded = [...this.demanded.filter((n) => n !== namespace), namespace];
    this.addScope(wanted, namespace, new Set([`need:${namespace}`]));
    while (this.demanded.length > ON_DEMAND_SCOPES) this.releaseScope(`need:${this.demanded.shift()}`);
  }

  private releaseScope(scope: string): void {
    for (const r of [...this.relationLeases]) {
      if (!r.askedBy.delete(scope) || r.askedBy.size) continue;
      this.drop(r.id, r.namespace);
      const covered = (ns: string | undefined) => this.relationLeases.some((o) => o.id === r.id && (o.namespace === undefined || o.namespace === ns));
      for (const o of r.lease.cache.list()) if (!covered(o.metadata?.namespace)) this.indexes.apply(r.id, { type: 'delete', object: o });
      this.noteAvailability(this.indexes, r.id);
      this.indexes.changed(r.id);
    }
  }

  private addScope(ids: Iterable<string>, requested: string | undefined, askedBy: Set<string>): void {
    const needed = [...askedBy].some((a) => a.startsWith('need:'));
    for (const id of ids) {
      if (id === 'ingresses.extensions' || (this.onDemand.has(id) && !needed)) continue;
      const resource = this.resourceOf(id);
      if (!resource) {
        this.indexes.unavailable.set(id, NOT_SERVED);
        continue;
      }
      if (!listable(resource)) {
        this.indexes.unavailable.set(id, 'the server cannot list and watch it');
        continue;
      }
      const scopes = !resource.namespaced ? [undefined] : requested === undefined && this.refusedWide.has(id) ? this.home : [requested];
      for (const ns of scopes) {
        const existing = this.relationLeases.find((r) => r.id === id && (r.namespace === ns || r.namespace === undefined));
        if (existing) {
          for (const a of askedBy) existing.askedBy.add(a);
          continue;
        }
        // What a screen asked for now is not held back behind the first screen's lists.
        this.feed(id, ns, this.caches.acquire(resource, ns, { background: !needed, metadataOnly: METADATA_ONLY.has(id) }), new Set(askedBy));
      }
    }
  }

  /** The served resource of a relation id (Ingresses from whichever group the server serves). */
  private resourceOf(id: string) {
    return id === 'ingresses.networking.k8s.io' ? this.discovery.ingress() : this.discovery.get(id);
  }

  /**
   * Resolves once every relation cache has synced or been refused (forbidden), or after
   * `timeoutMs`; caches still syncing then are marked unavailable.
   */
  async relationsReady(timeoutMs = 30_000): Promise<void> {
    await this.reviewed;
    // A cluster-wide list refused is about to be replaced by lists in the home namespaces (its
    // state changes before its batch is announced, and so before the replacement): not settled yet.
    const replaced = (r: { id: string; namespace: string | undefined; lease: CacheLease }) =>
      r.namespace === undefined && r.lease.cache.resource.namespaced && !this.refusedWide.has(r.id) && r.lease.cache.getState().phase === 'forbidden';
    const settled = (l: CacheLease) => ['synced', 'forbidden'].includes(l.cache.getState().phase);
    await new Promise<void>((resolve) => {
      const unsubs: (() => void)[] = [];
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        for (const u of unsubs) u();
        resolve();
      };
      // A cluster-wide cache refused is replaced by namespaced ones: the check follows the leases there are now.
      const check = () => {
        for (const { lease } of this.relationLeases) if (!watched.has(lease)) (watched.add(lease), unsubs.push(lease.cache.subscribe(check)));
        if (this.relationLeases.every((r) => settled(r.lease) && !replaced(r))) done();
      };
      const watched = new Set<CacheLease>();
      timer = setTimeout(done, timeoutMs);
      check();
    });
    // A cache's state changes before its batch is announced: what is known now is recorded now.
    for (const { id } of this.relationLeases) this.noteAvailability(this.indexes, id);
    for (const { id, lease } of this.relationLeases) if (!settled(lease)) this.indexes.unavailable.set(id, 'not synced in time');
  }

  private feed(id: string, namespace: string | undefined, lease: CacheLease, askedBy: Set<string>): void {
    const indexes = this.indexes;
    for (const o of lease.cache.list()) indexes.apply(id, { type: 'add', object: o });
    const unChange = lease.cache.onChange((c) => indexes.apply(id, c));
    // Caches notify once per batch; the indexes pass that on, with what is unavailable and why.
    const onBatch = () => {
      const state = lease.cache.getState();
      if (state.phase === 'forbidden' && namespace === undefined && lease.cache.resource.namespaced && !this.refusedWide.has(id) && this.indexes === indexes) {
        // Not allowed across all namespaces: read the namespaces the user works in instead, at
        // once, so that whoever waits for the relations waits for those (listeners of a batch are
        // called from a copy: dropping this one here is safe).
        this.refusedWide.add(id);
        const record = this.relationLeases.find((r) => r.id === id && r.namespace === undefined);
        this.drop(id, undefined);
        this.addScope([id], undefined, record?.askedBy ?? new Set(['*']));
        return;
      }
      this.noteAvailability(indexes, id);
      indexes.changed(id);
    };
    const unBatch = lease.cache.subscribe(onBatch);
    this.relationLeases.push({ id, namespace, lease, unsubscribe: () => (unChange(), unBatch()), askedBy });
    onBatch();
  }

  /** Records why `id` is missing from the indexes, if it is (a resource fed from several namespaces is as available as its least available cache). */
  private noteAvailability(indexes: ClusterIndexes, id: string): void {
    const states = this.relationLeases.filter((r) => r.id === id).map((r) => r.lease.cache.getState());
    const forbidden = states.find((s) => s.phase === 'forbidden');
    if (forbidden?.phase === 'forbidden') indexes.unavailable.set(id, forbidden.reason);
    else if (states.some((s) => s.phase === 'syncing')) indexes.unavailable.set(id, STILL_LOADING);
    else if (states.some((s) => s.phase === 'synced')) indexes.unavailable.delete(id);
  }

  /** Stops feeding `id` from one scope (its objects stay until another scope's cache says otherwise). */
  private drop(id: string, namespace: string | undefined): void {
    const at = this.relationLeases.findIndex((r) => r.id === id && r.namespace === namespace);
    if (at < 0) return;
    const [gone] = this.relationLeases.splice(at, 1);
    gone.unsubscribe();
    gone.lease.release();
  }

  private stopRelations(): void {
    for (const { lease, unsubscribe } of this.relationLeases) {
      unsubscribe();
      lease.release();
    }
    this.relationLeases = [];
  }

  /**
   * Asks again, with back-off, for the group versions whose discovery failed; the kinds of one
   * that recovers join the session (and the relation caches they feed start).
   */
  private retryDiscovery(attempt: number): void {
    if (this.stopped || !this.discovery.unavailable.size) return;
    const wait = Math.min(DISCOVERY_RETRY_MAX_MS, DISCOVERY_RETRY_MS * 2 ** attempt);
    this.discoveryTimer = setTimeout(() => {
      void retryUnavailable(this.transport, this.discovery).then(() => {
        if (this.stopped) return;
        this.addRelations(this.indexes.resources.filter((id) => this.indexes.unavailable.get(id) === NOT_SERVED && this.resourceOf(id)), this.relationNamespaces());
        this.retryDiscovery(attempt + 1);
      });
    }, wait);
    this.discoveryTimer.unref();
  }

  /** The scopes relation caches are open in now (so that late kinds join them). */
  private relationNamespaces(): (string | undefined)[] {
    const scopes = new Set(this.relationLeases.map((r) => r.namespace));
    return scopes.size ? [...scopes] : [undefined];
  }

  /** Stops every cache and closes every connection of this context. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    clearTimeout(this.discoveryTimer);
    this.stopRelations();
    await this.caches.stopAll();
  }
}
