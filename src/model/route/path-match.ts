/** How an Ingress path matched a request path, or `none`. */
export type PathMatch = 'exact' | 'prefix' | 'regex' | 'glob' | 'none';

/**
 * How a controller reads paths: `nginx` (ingress-nginx), `nginx-regex` (ingress-nginx when any
 * Ingress of the host has use-regex or rewrite-target: then every Prefix and
 * ImplementationSpecific path of the host is a case-insensitive regex anchored at the start),
 * or `glob` (other controllers, e.g. GCE and ALB, whose ImplementationSpecific paths use `*`).
 */
export type PathMode = 'nginx' | 'nginx-regex' | 'glob';

const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a rule path serves a request path: Exact is case-sensitive equality; Prefix matches
 * element by element on `/` boundaries (`/foo` serves `/foo/bar`, not `/foobar`);
 * ImplementationSpecific is read as the controller reads it (see PathMode).
 */
export function matchPath(pathType: string, rulePath: string, requestPath: string, mode: PathMode = 'nginx'): PathMatch {
  const rule = rulePath || '/';
  if (pathType === 'Exact') return rule === requestPath ? 'exact' : 'none';
  if (mode === 'nginx-regex') {
    try {
      return new RegExp(`^${rule}`, 'i').test(requestPath) ? 'regex' : 'none';
    } catch {
      return 'none';
    }
  }
  if (pathType === 'Prefix') return prefixMatches(rule, requestPath) ? (rule === requestPath ? 'exact' : 'prefix') : 'none';
  if (mode === 'glob' && rule.includes('*')) return new RegExp(`^${rule.split('*').map(escape).join('.*')}$`).test(requestPath) ? 'glob' : 'none';
  return requestPath.startsWith(rule) ? (rule === requestPath ? 'exact' : 'prefix') : 'none';
}

function prefixMatches(rule: string, request: string): boolean {
  const r = rule.split('/').filter(Boolean);
  const q = request.split('/').filter(Boolean);
  if (r.length > q.length) return false;
  return r.every((seg, i) => seg === q[i]);
}

/** A candidate path for a request: its rule path, type, how it matched, and what breaks ties. */
export interface PathCandidate {
  path: string;
  pathType: string;
  match: PathMatch;
  /** Canary Ingresses take a share of a path's traffic; they never own the path. */
  canary?: boolean;
  /** The Ingress's creation time: between equal paths, the oldest Ingress wins (ingress-nginx). */
  createdAt?: number;
}

/**
 * The candidate that serves the request, as the Ingress spec orders them: the longest
 * matching path wins, an Exact match beats a Prefix match of the same length, and between
 * equals the oldest Ingress wins. Canaries are never the winner.
 */
export function winningPath<T extends PathCandidate>(candidates: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const c of candidates) {
    if (c.match === 'none' || c.canary) continue;
    if (!best || rank(c) > rank(best) || (rank(c) === rank(best) && (c.createdAt ?? 0) < (best.createdAt ?? 0))) best = c;
  }
  return best;
}

function rank(c: PathCandidate): number {
  return (c.path || '/').length * 2 + (c.pathType === 'Exact' ? 1 : 0);
}
