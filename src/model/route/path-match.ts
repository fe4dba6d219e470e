/** How an Ingress path matched a request path, or `none`. */
export type PathMatch = 'exact' | 'prefix' | 'regex' | 'none';

/**
 * Whether a rule path serves a request path, with the Ingress API's semantics: Exact is
 * case-sensitive equality; Prefix matches element by element on `/` boundaries (`/foo`
 * serves `/foo` and `/foo/bar`, not `/foobar`); ImplementationSpecific is read the way
 * ingress-nginx reads it: a plain string prefix, or a regex anchored at the start when
 * the Ingress carries `use-regex`.
 */
export function matchPath(pathType: string, rulePath: string, requestPath: string, useRegex = false): PathMatch {
  const rule = rulePath || '/';
  if (pathType === 'Exact') return rule === requestPath ? 'exact' : 'none';
  if (pathType === 'Prefix') return prefixMatches(rule, requestPath) ? (rule === requestPath ? 'exact' : 'prefix') : 'none';
  if (useRegex) {
    try {
      return new RegExp(`^${rule}`, 'i').test(requestPath) ? 'regex' : 'none';
    } catch {
      return 'none';
    }
  }
  return requestPath.startsWith(rule) ? (rule === requestPath ? 'exact' : 'prefix') : 'none';
}

function prefixMatches(rule: string, request: string): boolean {
  const r = rule.split('/').filter(Boolean);
  const q = request.split('/').filter(Boolean);
  if (r.length > q.length) return false;
  return r.every((seg, i) => seg === q[i]);
}

/** A candidate path for a request: its rule path, type and how it matched. */
export interface PathCandidate {
  path: string;
  pathType: string;
  match: PathMatch;
}

/**
 * The candidate that serves the request, as the Ingress spec orders them: the longest
 * matching path wins, and an Exact match beats a Prefix match of the same length.
 */
export function winningPath<T extends PathCandidate>(candidates: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const c of candidates) {
    if (c.match === 'none') continue;
    if (!best || rank(c) > rank(best)) best = c;
  }
  return best;
}

function rank(c: PathCandidate): number {
  return (c.path || '/').length * 2 + (c.pathType === 'Exact' ? 1 : 0);
}
