/** A host and optional request path, as typed: `shop.example.com/cart`, or a URL. */
export interface RouteTarget {
  host: string;
  path?: string;
  /** The port, when the text names one (`:8443`) or a scheme that implies it (`https://` 443, `http://` 80). */
  port?: number;
}

const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/;

/** Reads `HOST[/PATH]` (query and fragment dropped; the port kept, from the scheme when not written); undefined when it is not a host. */
export function parseRouteTarget(text: string): RouteTarget | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text.trim())?.[1]?.toLowerCase();
  const bare = text.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = bare.indexOf('/');
  const hostPort = slash < 0 ? bare : bare.slice(0, slash);
  const path = slash < 0 ? undefined : bare.slice(slash).split(/[?#]/)[0];
  const host = hostPort.replace(/:\d+$/, '').toLowerCase();
  const port = Number(/:(\d+)$/.exec(hostPort)?.[1] ?? (scheme === 'https' ? 443 : scheme === 'http' ? 80 : NaN));
  return HOST.test(host) ? { host, path, ...(Number.isInteger(port) ? { port } : {}) } : undefined;
}
