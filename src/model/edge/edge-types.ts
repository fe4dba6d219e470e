/** One nginx directive: its name and arguments (quotes removed), its block when it has one, and where it was written. */
export interface NginxDirective {
  name: string;
  args: string[];
  block?: NginxDirective[];
  file: string;
  line: number;
}

/** A problem met while reading nginx configuration (bad syntax, an include that matches nothing). */
export interface NginxProblem {
  file: string;
  line: number;
  message: string;
}

/** One `listen` of a server block. */
export interface EdgeListen {
  /** The address part when written (`10.0.0.1`, `[::]`), else undefined (all addresses). */
  address?: string;
  port: number;
  ssl: boolean;
  defaultServer: boolean;
}

/** A redirect a `return` or `rewrite` sends (the URL as written, variables unexpanded). */
export interface EdgeRedirect {
  directive: 'return' | 'rewrite';
  code: number;
  url: string;
}

/** How a location's path pattern is compared: prefix (none), exact `=`, prefix that stops regexes `^~`, regex `~` / `~*`. */
export type LocationModifier = '' | '=' | '^~' | '~' | '~*';

/** One `location` block, with what it does with a request. */
export interface EdgeLocation {
  modifier: LocationModifier;
  pattern: string;
  /** A named location (`@name`): only reached by internal redirects, never selected by a path. */
  named: boolean;
  file: string;
  line: number;
  /** `proxy_pass` as written, e.g. `http://id-nonlive-k8s`. */
  proxyPass?: string;
  /** The first `return` or redirecting `rewrite` in the block. */
  redirect?: EdgeRedirect;
  /** A `return` that answers itself (a status code without a URL, e.g. `return 404`). */
  answers?: number;
  locations: EdgeLocation[];
}

/** One `server` block of the `http` context. */
export interface EdgeServer {
  file: string;
  line: number;
  /** Its listens (a block without `listen` listens on *:80, as nginx does). */
  listens: EdgeListen[];
  /** `server_name` arguments in order (exact, `*.x`, `x.*`, `.x`, `~regex`). */
  names: string[];
  /** A `return`/redirecting `rewrite` at server level: it answers before any location. */
  redirect?: EdgeRedirect;
  answers?: number;
  /** `proxy_pass` is not allowed at server level; locations carry it. */
  locations: EdgeLocation[];
}

/** One `server` line of an upstream block. */
export interface EdgeUpstreamServer {
  /** As written, e.g. `10.128.87.215:80`. */
  text: string;
  host: string;
  port: number;
  /** Flags such as `backup`, `down` (weights and timeouts left out). */
  flags: string[];
  line: number;
}

/** An `upstream NAME { server ...; }` block. */
export interface EdgeUpstream {
  name: string;
  file: string;
  line: number;
  servers: EdgeUpstreamServer[];
}

/** An edge proxy's configuration as kdrill reads it: where it came from, its servers and upstreams, and what could not be read. */
export interface EdgeConfig {
  /** The path given to `--edge-config`, for labels. */
  source: string;
  /** The files read, relative to the config root. */
  files: string[];
  servers: EdgeServer[];
  upstreams: EdgeUpstream[];
  problems: NginxProblem[];
}

/** One record of a DNS answer chain: `CNAME` to another name, or an `A`/`AAAA` address. */
export interface DnsRecord {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME';
  value: string;
}

/** What a DNS lookup of a host gave: its chain of records and addresses, or why it gave none. */
export interface DnsAnswer {
  host: string;
  /** The server asked (`system` for the system's resolvers), for the facts. */
  server: string;
  records: DnsRecord[];
  /** The final addresses (A and AAAA). */
  addresses: string[];
  /** Why there are no addresses: `NXDOMAIN`, `NODATA`, `timeout`, or another resolver error code. */
  error?: string;
}
