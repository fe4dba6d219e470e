import { useEffect, useState, useSyncExternalStore } from 'react';
import type { WatchCache } from '../../kube/watch-cache.js';
import { useSession } from '../cluster-context.js';

const noop = () => () => {};

/** A shared watch cache of a resource in a namespace (undefined: all), held while the component is mounted. */
export function useCache(resourceId: string, namespace: string | undefined): { cache: WatchCache | undefined; version: number } {
  const session = useSession();
  const [cache, setCache] = useState<WatchCache | undefined>(undefined);
  useEffect(() => {
    const resource = resourceId === 'ingresses' ? session.discovery.ingress() : session.discovery.get(resourceId);
    if (!resource) {
      setCache(undefined);
      return;
    }
    const lease = session.caches.acquire(resource, namespace);
    setCache(lease.cache);
    return () => lease.release();
  }, [session, resourceId, namespace]);
  const version = useSyncExternalStore(cache?.subscribe ?? noop, () => cache?.getVersion() ?? -1);
  return { cache, version };
}
