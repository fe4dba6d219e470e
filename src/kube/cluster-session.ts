import type { KubeConfig } from '@kubernetes/client-node';
import { ClusterIndexes } from '../model/indexes/cluster-indexes.js';
import { CacheRegistry, type CacheLease } from './cache-registry.js';
import { discover, type Discovery } from './discovery.js';
import { clusterInfo, type ClusterInfo } from './kubeconfig.js';
import { PinnedKubeConfig } from './pinned-config.js';
import { KubeTransport } from './transport.js';
import type { WatchCacheOptions } from './watch-cache.js';

const clusterScoped = (r: { namespaced: boolean }) => !r.namespaced;

/**
 * Everything kdrill holds for one kubeconfig context: the connection, what the server
 * serves, the shared watch caches and the relation indexes they feed. Switching context
 * means stopping one session and starting another; `stop` leaves no watch, socket or timer.
 */
export class ClusterSession {
  readonly info: ClusterInfo;
  readonly transport: KubeTransport;
  readonly caches: CacheRegistry;
  private currentIndexes = new ClusterIndexes();
  private relationLeases: { id: string; namespace: string | undefined; lease: CacheLease; unsubscribe: () => void }[] = [];
  private constructor(
    readonly discovery: Discovery,
    transport: KubeTransport,
    options: WatchCacheOptions,
  ) {
    this.info = clusterInfo(transport.kc);
    this.transport = transport;
    this.caches = new CacheRegistry(transport, options);
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
      return new ClusterSession(await discover(transport), transport, options);
    } catch (e) {
      transport.destroy();
      throw e;
    }
  }

  /** The relation indexes of the current scope. */
  get indexes(): ClusterIndexes {
    return this.currentIndexes;
  }

  /**
   * Starts the caches the relation indexes need (in one namespace, or all) and feeds fresh
   * indexes. `afterScreen`: they wait until the first screen's own caches have loaded.
   */
  watchRelations(namespace?: string, { afterScreen = false } = {}): void {
    this.stopRelations();
    this.currentIndexes = new ClusterIndexes();
    if (afterScreen) this.caches.holdBackground();
    this.addRelations(this.indexes.resources, [namespace]);
  }

  /**
   * Feeds the current indexes from caches of `ids` in each of `namespaces` (undefined: all),
   * adding only what is not fed yet; cluster-scoped kinds are watched once. A route trace
   * uses it to watch only the namespaces a host's Ingresses send traffic to.
   */
  addRelations(ids: Iterable<string>, namespaces: (string | undefined)[]): void {
    for (const id of ids) {
      if (id === 'ingresses.extensions') continue;
      // Ingresses come from whichever group the server serves (v1, or extensions/v1beta1 on old clusters).
      const resource = id === 'ingresses.networking.k8s.io' ? this.discovery.ingress() : this.discovery.get(id);
      if (!resource) {
        this.indexes.unavailable.set(id, 'not served by this cluster');
        continue;
      }
      for (const ns of resource.namespaced ? namespaces : [undefined]) {
        if (this.relationLeases.some((r) => r.id === id && (r.namespace === ns || r.namespace === undefined))) continue;
        this.feed(id, ns, this.caches.acquire(resource, ns, { background: true }));
      }
    }
  }

  /**
   * Resolves once every relation cache has synced or been refused (forbidden), or after
   * `timeoutMs`; caches still syncing then are marked unavailable.
   */
  async relationsReady(timeoutMs = 30_000): Promise<void> {
    const settled = (l: CacheLease) => ['synced', 'forbidden'].includes(l.cache.getState().phase);
    await new Promise<void>((resolve) => {
      const unsubs: (() => void)[] = [];
      const done = () => {
        clearTimeout(timer);
        for (const u of unsubs) u();
        resolve();
      };
      const check = () => this.relationLeases.every((r) => settled(r.lease)) && done();
      const timer = setTimeout(done, timeoutMs);
      for (const { lease } of this.relationLeases) unsubs.push(lease.cache.subscribe(check));
      check();
    });
    for (const { id, lease } of this.relationLeases) if (!settled(lease)) this.indexes.unavailable.set(id, 'not synced in time');
  }

  private feed(id: string, namespace: string | undefined, lease: CacheLease): void {
    const indexes = this.indexes;
    for (const o of lease.cache.list()) indexes.apply(id, { type: 'add', object: o });
    const unChange = lease.cache.onChange((c) => indexes.apply(id, c));
    // Caches notify once per batch; the indexes pass that on, with what is unavailable and why
    // (a resource fed from several namespaces is as available as its least available cache).
    const onBatch = () => {
      const states = this.relationLeases.filter((r) => r.id === id).map((r) => r.lease.cache.getState());
      const forbidden = states.find((s) => s.phase === 'forbidden');
      if (forbidden?.phase === 'forbidden') indexes.unavailable.set(id, forbidden.reason);
      else if (states.some((s) => s.phase === 'syncing')) indexes.unavailable.set(id, 'still loading');
      else if (states.some((s) => s.phase === 'synced')) indexes.unavailable.delete(id);
      indexes.changed(id);
    };
    const unBatch = lease.cache.subscribe(onBatch);
    this.relationLeases.push({ id, namespace, lease, unsubscribe: () => (unChange(), unBatch()) });
    onBatch();
  }

  private stopRelations(): void {
    for (const { lease, unsubscribe } of this.relationLeases) {
      unsubscribe();
      lease.release();
    }
    this.relationLeases = [];
  }

  /** Stops every cache and closes every connection of this context. */
  async stop(): Promise<void> {
    this.stopRelations();
    await this.caches.stopAll();
  }
}
