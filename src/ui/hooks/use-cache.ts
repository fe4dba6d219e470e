import { useEffect, useState, useSyncExternalStore } from 'react';
import type { WatchCache } from '../../kube/watch-cache.js';
import type { ApiResource } from '../../kube/discovery.js';
import type { ClusterSession } from '../../kube/cluster-session.js';
import { useSession } from '../cluster-context.js';

const noop = () => () => {};

// `ingresses` stands for whichever Ingress version the server serves.
const resourceOf = (session: ClusterSession, resourceId: string) => (resourceId === 'ingresses' ? session.discovery.ingress() : session.discovery.get(resourceId));
// A namespace of a kind already watched everywhere, and in sync, is read from that cache.
const wideFor = (session: ClusterSession, resource: ApiResource, namespace: string | undefined) => namespace !== undefined && resource.namespaced && session.caches.synced(resource, undefined);

/** The cache a view of a kind in a namespace would read, if it is already held (nothing is watched anew). */
export function peekViewCache(session: ClusterSession, resourceId: string, namespace: string | undefined): { cache: WatchCache; onlyNamespace?: string } | undefined {
  const resource = resourceOf(session, resourceId);
  const wide = resource ? wideFor(session, resource, namespace) : false;
  const cache = resource ? session.caches.peek(resource, wide ? undefined : namespace) : undefined;
  return cache ? { cache, onlyNamespace: wide ? namespace : undefined } : undefined;
}

/** A cache for a view; `onlyNamespace`: the cache holds all namespaces and the view keeps this one. */
export interface ViewCache {
  cache: WatchCache | undefined;
  version: number;
  onlyNamespace?: string;
}

/**
 * A shared watch cache of a resource in a namespace (undefined: all), held while the component
 * is mounted. A namespace whose kind is already watched everywhere, and in sync, is read from
 * that cache: switching namespace then costs no request at all.
 */
export function useCache(resourceId: string, namespace: string | undefined): ViewCache {
  const session = useSession();
  const key = `${resourceId}@${namespace ?? '*'}`;
  const [held, setHeld] = useState<{ key: string; cache: WatchCache; onlyNamespace?: string } | undefined>(undefined);
  useEffect(() => {
    const resource = resourceOf(session, resourceId);
    if (!resource) {
      setHeld(undefined);
      return;
    }
    const wide = wideFor(session, resource, namespace);
    const lease = session.caches.acquire(resource, wide ? undefined : namespace);
    setHeld({ key, cache: lease.cache, onlyNamespace: wide ? namespace : undefined });
    return () => lease.release();
  }, [session, key]);
  // Until the effect holds the new cache, a render must not show the previous view's objects:
  // it reads a cache that already exists (the wide one, filtered), or none.
  const current = held?.key === key ? held : peekViewCache(session, resourceId, namespace);
  const cache = current?.cache;
  const version = useSyncExternalStore(cache?.subscribe ?? noop, () => cache?.getVersion() ?? -1);
  return { cache, version, onlyNamespace: current?.onlyNamespace };
}
