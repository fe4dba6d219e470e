/** A host and optional request path, as typed: `shop.example.com/cart`, or a URL. */
export interface RouteTarget {
  host: string;
  path?: string;
}

const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/;

/** Reads `HOST[/PATH]` (a scheme, port, query and fragment are dropped); undefined when it is not a host. */
export function parseRouteTarget(text: string): RouteTarget | undefined {
  const bare = text.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = bare.indexOf('/');
  const hostPort = slash < 0 ? bare : bare.slice(0, slash);
  const path = slash < 0 ? undefined : bare.slice(slash).split(/[?#]/)[0];
  const host = hostPort.replace(/:\d+$/, '').toLowerCase();
  return HOST.test(host) ? { host, path } : undefined;
}
