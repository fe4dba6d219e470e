import { useEffect, useState, useSyncExternalStore } from 'react';
import type { WatchCache } from '../../kube/watch-cache.js';
import { useSession } from '../cluster-context.js';

const noop = () => () => {};

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
  const [held, setHeld] = useState<{ cache: WatchCache; onlyNamespace?: string } | undefined>(undefined);
  useEffect(() => {
    const resource = resourceId === 'ingresses' ? session.discovery.ingress() : session.discovery.get(resourceId);
    if (!resource) {
      setHeld(undefined);
      return;
    }
    const wide = namespace !== undefined && resource.namespaced && session.caches.synced(resource, undefined);
    const lease = session.caches.acquire(resource, wide ? undefined : namespace);
    setHeld({ cache: lease.cache, onlyNamespace: wide ? namespace : undefined });
    return () => lease.release();
  }, [session, resourceId, namespace]);
  const cache = held?.cache;
  const version = useSyncExternalStore(cache?.subscribe ?? noop, () => cache?.getVersion() ?? -1);
  return { cache, version, onlyNamespace: held?.onlyNamespace };
}
