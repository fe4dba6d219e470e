import type { KubeConfig } from '@kubernetes/client-node';
import { ClusterIndexes } from '../model/indexes/cluster-indexes.js';
import { CacheRegistry, type CacheLease } from './cache-registry.js';
import { discover, type Discovery } from './discovery.js';
import { clusterInfo, type ClusterInfo } from './kubeconfig.js';
import { KubeTransport } from './transport.js';
import type { WatchCacheOptions } from './watch-cache.js';

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
  private relationLeases: { lease: CacheLease; unsubscribe: () => void }[] = [];
  private constructor(
    kc: KubeConfig,
    readonly discovery: Discovery,
    transport: KubeTransport,
    options: WatchCacheOptions,
  ) {
    this.info = clusterInfo(kc);
    this.transport = transport;
    this.caches = new CacheRegistry(transport, options);
  }

  /** Connects (discovery) and returns a session; the caller reports failures. */
  static async open(kc: KubeConfig, options: WatchCacheOptions = {}): Promise<ClusterSession> {
    const transport = new KubeTransport(kc);
    try {
      return new ClusterSession(kc, await discover(transport), transport, options);
    } catch (e) {
      transport.destroy();
      throw e;
    }
  }

  /** The relation indexes of the current scope. */
  get indexes(): ClusterIndexes {
    return this.currentIndexes;
  }

  /** Starts the caches the relation indexes need (in one namespace, or all) and feeds fresh indexes. */
  watchRelations(namespace?: string): void {
    this.stopRelations();
    this.currentIndexes = new ClusterIndexes();
    for (const id of this.indexes.resources) {
      const resource = id === 'ingresses.networking.k8s.io' || id === 'ingresses.extensions' ? undefined : this.discovery.get(id);
      if (resource) this.feed(id, this.caches.acquire(resource, namespace));
    }
    // Ingresses come from whichever group the server serves (v1, or extensions/v1beta1 on old clusters).
    const ingress = this.discovery.ingress();
    if (ingress) this.feed('ingresses.networking.k8s.io', this.caches.acquire(ingress, namespace));
  }

  private feed(id: string, lease: CacheLease): void {
    for (const o of lease.cache.list()) this.indexes.apply(id, { type: 'add', object: o });
    const unsubscribe = lease.cache.onChange((c) => this.indexes.apply(id, c));
    this.relationLeases.push({ lease, unsubscribe });
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
