import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { ObjectFollower, resourceOfObject, type FollowedObject } from '../../kube/object-follower.js';
import type { KubeObject } from '../../model/types.js';
import { useSession } from '../cluster-context.js';

const NONE: FollowedObject = { deleted: false };
const noSubscribe = () => () => {};

/**
 * The whole object behind a (slim) cached one while `active` (the YAML or describe pane is open):
 * a GET through the session's pinned transport, then a watch of that object alone. Until the GET
 * answers (one round trip), and when the server will not give it, the cached object stands in, so
 * the pane is never blank and keys typed at once act on lines.
 */
export function useFullObject(cached: KubeObject | undefined, active: boolean): { object: KubeObject | undefined; loading: boolean } {
  const session = useSession();
  const m = cached?.metadata;
  const identity = active && cached && m?.name ? `${cached.apiVersion}/${cached.kind}/${m.namespace ?? ''}/${m.name}/${m.uid ?? ''}` : undefined;
  const follower = useMemo(() => {
    if (!identity || !cached) return undefined;
    const resource = resourceOfObject(session.discovery, cached);
    return resource ? new ObjectFollower(session.transport, resource, cached.metadata?.namespace, String(cached.metadata?.name)) : undefined;
  }, [identity, session]);
  useEffect(() => {
    follower?.start();
    return () => follower?.stop();
  }, [follower]);
  const state = useSyncExternalStore(follower ? follower.subscribe : noSubscribe, follower ? follower.getState : () => NONE);
  if (!active || !cached) return { object: cached, loading: false };
  if (!follower || state.error || (state.deleted && !state.object)) return { object: cached, loading: false };
  return { object: state.object ?? cached, loading: !state.object };
}
