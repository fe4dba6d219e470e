import type { Diagnostic } from '../route/route-types.js';
import type { EdgeRedirect } from './edge-types.js';

/** The request a redirect is read for. */
export interface EdgeRequest {
  host: string;
  port: number;
  scheme: 'http' | 'https';
  path: string;
  /** The server block's first name (for `$server_name`). */
  serverName?: string;
}

/** A redirect URL with the variables kdrill knows expanded (`$host`, `$request_uri`, …); others stay as written. */
export function expandRedirect(url: string, req: EdgeRequest): string {
  const vars: Record<string, string> = { host: req.host, http_host: req.host, server_name: req.serverName ?? req.host, request_uri: req.path, uri: req.path, document_uri: req.path, scheme: req.scheme, server_port: String(req.port) };
  return url.replace(/\$\{?([a-z_]+)\}?/g, (all, name: string) => vars[name] ?? all);
}

/**
 * What a redirect means for the request: to the same host on the other scheme (information: the
 * browser comes back, e.g. on 443), or elsewhere (a warning: the request itself does not go on
 * to the cluster).
 */
export function redirectFinding(r: EdgeRedirect, req: EdgeRequest): Diagnostic {
  const to = expandRedirect(r.url, req);
  const m = /^(https?):\/\/([^/:?#]+)(?::(\d+))?/i.exec(to);
  const said = `${r.directive} ${r.code} ${to}`;
  if (m && m[2]!.toLowerCase() === req.host && m[1]!.toLowerCase() !== req.scheme) {
    const port = m[3] ? Number(m[3]) : m[1]!.toLowerCase() === 'https' ? 443 : 80;
    return { severity: 'info', code: 'edge.redirect-scheme', message: `redirects to the same host over ${m[1]!.toLowerCase()} (${said}): browsers come back on port ${port}; trace ${m[1]!.toLowerCase()}://${req.host} for that request` };
  }
  return { severity: 'warning', code: 'edge.redirect', message: `redirects (${said}): this request does not go on to the cluster` };
}
