import type { SnapshotManifest } from '../../model/snapshot/snapshot-manifest.js';
import { StatusError } from '../api/status-error.js';

// GETs that read; the other subresources (exec, attach, portforward, proxy) reach into a workload, which a snapshot has not.
const READABLE_SUBRESOURCES = new Set(['log', 'status', 'scale']);

/**
 * How a snapshot's API server refuses what would change it or reach into a workload: 405
 * MethodNotAllowed, saying it is a snapshot of which context, taken when, and so read-only.
 */
export function snapshotRefusal(manifest: Pick<SnapshotManifest, 'context' | 'capturedAt'>): (method: string, pathname: string) => StatusError | undefined {
  const why = `this cluster is a kdrill snapshot of ${manifest.context} taken at ${manifest.capturedAt}: it is read-only (nothing runs in it and nothing can be changed)`;
  return (method, pathname) => {
    if (method !== 'GET' && method !== 'HEAD') return new StatusError(405, 'MethodNotAllowed', why);
    const parts = pathname.split('/').filter(Boolean);
    const rest = parts[0] === 'api' ? parts.slice(2) : parts[0] === 'apis' ? parts.slice(3) : [];
    const [resource, , sub] = rest[0] === 'namespaces' && rest.length >= 3 ? rest.slice(2) : rest;
    if (resource === 'proxy' || (sub !== undefined && !READABLE_SUBRESOURCES.has(sub))) return new StatusError(405, 'MethodNotAllowed', `${why}; ${resource}/${sub ?? ''} would reach into a workload, and a snapshot has none running`);
    return undefined;
  };
}
