import type { EdgeServer } from './edge-types.js';

/** How a server block was chosen for a host, in nginx's order of precedence. */
export type ServerMatch = 'exact' | 'leading-wildcard' | 'trailing-wildcard' | 'regex' | 'default-server' | 'first-server';

/** The server block nginx gives a request to, how it was chosen, and by which `server_name`. */
export interface ServerChoice {
  server: EdgeServer;
  match: ServerMatch;
  /** The `server_name` that matched (undefined when the default or first server takes the request). */
  name?: string;
}

/** Turns an nginx server-name regex (PCRE, `~` removed) into a JavaScript one; undefined when it cannot be read. */
export function serverNameRegex(name: string): RegExp | undefined {
  try {
    // PCRE's `(?P<name>` is JavaScript's `(?<name>`; nginx compiles server names case-insensitively.
    return new RegExp(name.slice(1).replace(/\(\?P</g, '(?<'), 'i');
  } catch {
    return undefined;
  }
}

/** Whether a `server_name` entry matches a host, and how (undefined: no match). */
export function nameMatch(name: string, host: string): Exclude<ServerMatch, 'default-server' | 'first-server'> | undefined {
  if (name.startsWith('~')) return serverNameRegex(name)?.test(host) ? 'regex' : undefined;
  const n = name.toLowerCase();
  if (n === host) return 'exact';
  // `.example.org` is both `example.org` and `*.example.org`.
  if (n.startsWith('.')) return host === n.slice(1) ? 'exact' : host.endsWith(n) ? 'leading-wildcard' : undefined;
  if (n.startsWith('*.')) return host.endsWith(n.slice(1)) && host.length > n.length - 1 ? 'leading-wildcard' : undefined;
  if (n.endsWith('.*')) return host.startsWith(n.slice(0, -1)) && host.length > n.length - 1 ? 'trailing-wildcard' : undefined;
  return undefined;
}

/** The servers that listen on a port, in configuration order. */
export function serversOnPort(servers: readonly EdgeServer[], port: number): EdgeServer[] {
  return servers.filter((s) => s.listens.some((l) => l.port === port));
}

/**
 * The server block nginx picks for `host` arriving on `port`
 * (https://nginx.org/en/docs/http/server_names.html): an exact name; else the longest wildcard
 * starting with `*`; else the longest ending with `*`; else the first matching regex in
 * configuration order; else the port's `default_server`, else the first server on the port.
 * Undefined when no server listens on the port.
 */
export function selectServer(servers: readonly EdgeServer[], host: string, port: number): ServerChoice | undefined {
  const onPort = serversOnPort(servers, port);
  if (onPort.length === 0) return undefined;
  const h = host.toLowerCase().replace(/\.$/, '');
  const all = onPort.flatMap((server) => server.names.map((name) => ({ server, name, match: nameMatch(name, h) })));
  const exact = all.find((c) => c.match === 'exact');
  if (exact) return { server: exact.server, match: 'exact', name: exact.name };
  for (const kind of ['leading-wildcard', 'trailing-wildcard'] as const) {
    const best = all.filter((c) => c.match === kind).sort((a, b) => b.name.length - a.name.length)[0];
    if (best) return { server: best.server, match: kind, name: best.name };
  }
  const regex = all.find((c) => c.match === 'regex');
  if (regex) return { server: regex.server, match: 'regex', name: regex.name };
  const def = onPort.find((s) => s.listens.some((l) => l.port === port && l.defaultServer));
  return def ? { server: def, match: 'default-server' } : { server: onPort[0]!, match: 'first-server' };
}
