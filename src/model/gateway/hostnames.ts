/**
 * Gateway API hostname rules (apis/v1 shared_types.go, httproute_types.go): a hostname is exact
 * or a `*.` wildcard that stands for ONE OR MORE leading labels (`*.example.com` matches
 * `foo.example.com` and `foo.bar.example.com`, not `example.com`); a missing hostname matches all.
 */

const norm = (h: string | undefined): string => (h ?? '').toLowerCase().replace(/\.$/, '');

/** Whether a hostname pattern (exact, `*.` wildcard, or empty for any) accepts a request host. */
export function hostnameMatches(pattern: string | undefined, host: string): boolean {
  const p = norm(pattern);
  const h = norm(host);
  if (!p) return true;
  if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
  return p === h;
}

/**
 * The intersection of a listener's and a route's hostname (the more specific of the two), or
 * undefined when they do not intersect: `*.example.com` ∩ `test.example.com` is `test.example.com`,
 * `*.example.com` ∩ `*.foo.example.com` is `*.foo.example.com`, `example.com` ∩ `test.example.net` is nothing.
 */
export function intersectHostnames(listener: string | undefined, route: string | undefined): string | undefined {
  const a = norm(listener);
  const b = norm(route);
  if (!a) return b || '';
  if (!b) return a;
  if (a === b) return a;
  // A wildcard contains a hostname it matches, and a wildcard of a longer suffix.
  if (a.startsWith('*.') && (b.startsWith('*.') ? b.endsWith(a.slice(1)) : hostnameMatches(a, b))) return b;
  if (b.startsWith('*.') && (a.startsWith('*.') ? a.endsWith(b.slice(1)) : hostnameMatches(b, a))) return a;
  return undefined;
}

/** The hostnames a route gets on a listener: the intersections of each of its hostnames (none: the listener's). */
export function routeHostnamesOn(listener: string | undefined, routeHostnames: readonly string[]): string[] {
  if (routeHostnames.length === 0) return [norm(listener)];
  return routeHostnames.map((h) => intersectHostnames(listener, h)).filter((h): h is string => h !== undefined);
}

/**
 * How specific a hostname is, for the precedence between listeners (and routes) that accept the
 * same host: an exact name beats any wildcard, a longer wildcard beats a shorter one, and none is last.
 */
export function hostnameSpecificity(pattern: string | undefined): number {
  const p = norm(pattern);
  if (!p) return 0;
  return p.startsWith('*.') ? p.length : 1_000_000 + p.length;
}
