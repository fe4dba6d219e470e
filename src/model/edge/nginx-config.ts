import type { EdgeConfig, EdgeListen, EdgeLocation, EdgeRedirect, EdgeServer, EdgeUpstream, LocationModifier, NginxDirective } from './edge-types.js';
import { parseNginx, type NginxFiles } from './nginx-parse.js';

const MODIFIERS = new Set(['=', '^~', '~', '~*']);
const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

/** Reads a `listen` directive's arguments (`443 ssl http2`, `10.0.0.1:8080 default_server`, `[::]:80`). */
export function readListen(args: readonly string[]): EdgeListen | undefined {
  const first = args[0] ?? '';
  if (first.startsWith('unix:')) return undefined;
  const flags = new Set(args.slice(1));
  const v6 = /^\[([^\]]*)\](?::(\d+))?$/.exec(first);
  let address: string | undefined;
  let port = 80;
  if (v6) {
    address = `[${v6[1]}]`;
    if (v6[2]) port = Number(v6[2]);
  } else if (/^\d+$/.test(first)) {
    port = Number(first);
  } else {
    const m = /^(.*?)(?::(\d+))?$/.exec(first)!;
    address = m[1] === '*' ? undefined : m[1];
    if (m[2]) port = Number(m[2]);
  }
  return { ...(address ? { address } : {}), port, ssl: flags.has('ssl'), defaultServer: flags.has('default_server') || flags.has('default') };
}

/**
 * What `return` or `rewrite` does, if it redirects or answers: `return 307 URL`, `return URL` (302),
 * `return 404`; `rewrite RE URL redirect|permanent`, or a rewrite to an absolute URL (302).
 */
export function readRedirect(d: NginxDirective): { redirect?: EdgeRedirect; answers?: number } | undefined {
  if (d.name === 'return') {
    const [a, b] = d.args;
    if (a === undefined) return undefined;
    if (/^\d+$/.test(a)) {
      const code = Number(a);
      return REDIRECT_CODES.has(code) && b !== undefined ? { redirect: { directive: 'return', code, url: b } } : { answers: code };
    }
    return { redirect: { directive: 'return', code: 302, url: a } };
  }
  if (d.name === 'rewrite') {
    const [, url = '', flag] = d.args;
    if (flag === 'permanent') return { redirect: { directive: 'rewrite', code: 301, url } };
    if (flag === 'redirect' || /^(https?:\/\/|\$scheme)/.test(url)) return { redirect: { directive: 'rewrite', code: 302, url } };
  }
  return undefined;
}

function readLocation(d: NginxDirective): EdgeLocation {
  const [a = '', b] = d.args;
  // nginx also accepts the modifier glued to the pattern (`~*\.png$`, `=/`).
  const glued = /^(=|\^~|~\*|~)(.+)$/.exec(a);
  const [modifier, pattern] = MODIFIERS.has(a) ? [a, b ?? ''] : glued && !b ? [glued[1]!, glued[2]!] : ['', a];
  const loc: EdgeLocation = { modifier: modifier as LocationModifier, pattern, named: pattern.startsWith('@'), file: d.file, line: d.line, locations: [] };
  for (const c of d.block ?? []) {
    if (c.name === 'location') loc.locations.push(readLocation(c));
    else if (c.name === 'proxy_pass' && loc.proxyPass === undefined) loc.proxyPass = c.args[0];
    else if (!loc.redirect && loc.answers === undefined) Object.assign(loc, readRedirect(c) ?? {});
  }
  return loc;
}

function readServer(d: NginxDirective): EdgeServer {
  const s: EdgeServer = { file: d.file, line: d.line, listens: [], names: [], locations: [] };
  for (const c of d.block ?? []) {
    if (c.name === 'listen') {
      const l = readListen(c.args);
      if (l) s.listens.push(l);
    } else if (c.name === 'server_name') s.names.push(...c.args.map((n) => (n.startsWith('~') ? n : n.toLowerCase())));
    else if (c.name === 'location') s.locations.push(readLocation(c));
    else if (!s.redirect && s.answers === undefined) Object.assign(s, readRedirect(c) ?? {});
  }
  if (s.listens.length === 0) s.listens.push({ port: 80, ssl: false, defaultServer: false });
  return s;
}

function readUpstream(d: NginxDirective): EdgeUpstream {
  const servers = (d.block ?? [])
    .filter((c) => c.name === 'server')
    .map((c) => {
      const text = c.args[0] ?? '';
      // A unix socket has no port: port 0 matches no entry point.
      const m = text.startsWith('unix:') ? null : /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(text);
      return { text, host: m?.[1] ?? text, port: m ? (m[2] ? Number(m[2]) : 80) : 0, flags: c.args.slice(1).filter((f) => !f.includes('=')), line: c.line };
    });
  return { name: d.args[0] ?? '', file: d.file, line: d.line, servers };
}

/** The `http` context's directives: inside `http { }` blocks, or at top level for a file of server blocks alone. */
function httpContext(list: readonly NginxDirective[]): NginxDirective[] {
  return list.flatMap((d) => (d.name === 'http' && d.block ? httpContext(d.block) : [d]));
}

/**
 * Reads an edge proxy's nginx configuration from its files: from `entry`, else from `nginx.conf`
 * at the root, else from every `*.conf` file no other one includes (a directory of server blocks).
 */
export function edgeConfigOf(source: string, files: NginxFiles, entry?: string): EdgeConfig {
  const roots = entry ? [entry] : files.has('nginx.conf') ? ['nginx.conf'] : [...files.keys()].filter((f) => f.endsWith('.conf')).sort();
  const config: EdgeConfig = { source, files: [], servers: [], upstreams: [], problems: [] };
  for (const root of roots) {
    if (config.files.includes(root)) continue;
    const parsed = parseNginx(files, root);
    config.files.push(...parsed.files.filter((f) => !config.files.includes(f)));
    config.problems.push(...parsed.problems);
    for (const d of httpContext(parsed.directives)) {
      if (d.name === 'server' && d.block) config.servers.push(readServer(d));
      else if (d.name === 'upstream' && d.block) config.upstreams.push(readUpstream(d));
    }
  }
  return config;
}
