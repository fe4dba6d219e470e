import type { SnapshotManifest } from '../../model/snapshot/snapshot-manifest.js';
import { StatusError } from '../api/status-error.js';
import { requestAttributes } from '../auth/request-info.js';
import type { ResourceRegistry } from '../resources.js';

// GETs that read; the other subresources (exec, attach, portforward, proxy) reach into a workload, which a snapshot has not.
const READABLE_SUBRESOURCES = new Set(['log', 'status', 'scale']);

type Refusal = (method: string, pathname: string) => StatusError | undefined;

/**
 * How a snapshot's API server refuses what would change it or reach into a workload (405
 * MethodNotAllowed, saying it is a snapshot of which context, taken when, and so read-only), and
 * reads of what the snapshot does not hold (403, with the reason the capture was refused when it
 * was: so a namespace-limited user's snapshot reads as that user's view, and a kind left out
 * reads as missing, never as empty).
 */
export function snapshotRefusal(manifest: SnapshotManifest, registry: ResourceRegistry): Refusal {
  const why = `this cluster is a kdrill snapshot of ${manifest.context} taken at ${manifest.capturedAt}: it is read-only (nothing runs in it and nothing can be changed)`;
  return (method, pathname) => {
    if (method !== 'GET' && method !== 'HEAD') return new StatusError(405, 'MethodNotAllowed', why);
    const a = requestAttributes(method, pathname, new URLSearchParams());
    if (!a.isResourceRequest || !a.resource) return undefined;
    if (a.verb === 'proxy' || (a.subresource && !READABLE_SUBRESOURCES.has(a.subresource))) {
      return new StatusError(405, 'MethodNotAllowed', `${why}; ${a.resource}/${a.subresource || a.verb} would reach into a workload, and a snapshot has none running`);
    }
    const id = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
    const served = registry.lookup(a.apiGroup, a.apiVersion, a.resource);
    // What the server does not serve at all gets its own 404 from routing.
    if (!served) return undefined;
    const namespaced = served.namespaced;
    const scope = !namespaced ? 'cluster' : a.namespace ? `namespace ${a.namespace}` : 'all namespaces';
    if (a.subresource === 'log') {
      const refused = manifest.unreadable.find((u) => u.resource === 'pods/log' && u.scope === scope);
      return refused ? new StatusError(403, 'Forbidden', refused.why) : undefined;
    }
    return missing(manifest, id, scope, namespaced);
  };
}

/** A 403 when the snapshot holds no objects of `id` in `scope` (with the capture's own reason when it recorded one). */
function missing(manifest: SnapshotManifest, id: string, scope: string, namespaced: boolean): StatusError | undefined {
  const scopes = manifest.included.filter((i) => i.resource === id).map((i) => i.scope);
  if (scopes.includes('all namespaces') || scopes.includes('cluster') || scopes.includes(scope)) return undefined;
  const refused = manifest.unreadable.find((u) => u.resource === id && u.scope === scope);
  if (refused) return new StatusError(403, 'Forbidden', refused.why);
  const held = scopes.length ? ` (it holds ${scopes.join(', ')})` : '';
  const what = namespaced && scope !== 'all namespaces' ? `${id} in ${scope} were` : `${id} were`;
  return new StatusError(403, 'Forbidden', `${what} not captured in this snapshot${held}`);
}
