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
  const key = `${resourceId}@${namespace ?? '*'}`;
  const [held, setHeld] = useState<{ key: string; cache: WatchCache; onlyNamespace?: string } | undefined>(undefined);
  const resourceOf = () => (resourceId === 'ingresses' ? session.discovery.ingress() : session.discovery.get(resourceId));
  const wideFor = (resource: NonNullable<ReturnType<typeof resourceOf>>) => namespace !== undefined && resource.namespaced && session.caches.synced(resource, undefined);
  useEffect(() => {
    const resource = resourceOf();
    if (!resource) {
      setHeld(undefined);
      return;
    }
    const wide = wideFor(resource);
    const lease = session.caches.acquire(resource, wide ? undefined : namespace);
    setHeld({ key, cache: lease.cache, onlyNamespace: wide ? namespace : undefined });
    return () => lease.release();
  }, [session, key]);
  // Until the effect holds the new cache, a render must not show the previous view's objects:
  // it reads a cache that already exists (the wide one, filtered), or none.
  let current: { cache: WatchCache; onlyNamespace?: string } | undefined = held?.key === key ? held : undefined;
  if (!current) {
    const resource = resourceOf();
    const wide = resource ? wideFor(resource) : false;
    const cache = resource ? session.caches.peek(resource, wide ? undefined : namespace) : undefined;
    current = cache ? { cache, onlyNamespace: wide ? namespace : undefined } : undefined;
  }
  const cache = current?.cache;
  const version = useSyncExternalStore(cache?.subscribe ?? noop, () => cache?.getVersion() ?? -1);
  return { cache, version, onlyNamespace: current?.onlyNamespace };
}
