import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { EdgeConfig, EdgeRedirect } from '../../model/edge/edge-types.js';
import { selectLocation } from '../../model/edge/location-select.js';
import { selectServer } from '../../model/edge/server-select.js';
import { appResponse } from './http-bodies.js';
import type { StandIn } from './stand-ins.js';

// nginx's own pages (`<center>nginx</center>`), as the edge sends them.
function page(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  const r = appResponse('ingress-nginx', 'nginx', status, '/');
  res.writeHead(status, { ...r.headers, ...headers }).end(r.body);
}

function redirect(res: ServerResponse, r: EdgeRedirect, req: IncomingMessage, host: string, scheme: string): void {
  const url = r.url.replace(/\$request_uri/g, req.url ?? '/').replace(/\$host/g, host).replace(/\$scheme/g, scheme);
  page(res, r.code, url ? { Location: url } : {});
}

/** Where a `proxy_pass` sends a request: the servers of the upstream it names, or its own address (`down` and `backup` servers left out). */
function upstreamAddresses(config: EdgeConfig, proxyPass: string): { host: string; port: number }[] {
  const m = /^https?:\/\/([^/:]+)(?::(\d+))?/.exec(proxyPass);
  if (!m) return [];
  const upstream = config.upstreams.find((u) => u.name === m[1]);
  if (upstream) return upstream.servers.filter((s) => !s.flags.includes('down') && !s.flags.includes('backup')).map((s) => ({ host: s.host, port: s.port }));
  return [{ host: m[1], port: Number(m[2] ?? 80) }];
}

/**
 * A request handler that plays an nginx edge proxy on one port with a parsed configuration: the
 * server block for the Host, the location for the path, then its redirect, its own answer, or
 * `proxy_pass` to the first upstream server that has a loopback stand-in (502 when none has), with
 * the Host header kept (`proxy_set_header Host $host`, as the seed's configuration sets it).
 */
export function edgeHandler(config: EdgeConfig, port: number, ssl: boolean, standIns: () => ReadonlyMap<string, StandIn>): (req: IncomingMessage, res: ServerResponse) => void {
  const scheme = ssl ? 'https' : 'http';
  return (req, res) => {
    const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
    const path = (req.url ?? '/').split('?')[0];
    const server = selectServer(config.servers, host, port)?.server;
    if (!server) return page(res, 404);
    if (server.redirect) return redirect(res, server.redirect, req, host, scheme);
    if (server.answers !== undefined) return page(res, server.answers);
    const loc = selectLocation(server.locations, path)?.location;
    if (!loc) return page(res, 404);
    if (loc.redirect) return redirect(res, loc.redirect, req, host, scheme);
    if (loc.answers !== undefined) return page(res, loc.answers);
    if (!loc.proxyPass) return page(res, 404);
    const map = standIns();
    const to = upstreamAddresses(config, loc.proxyPass).map((a) => map.get(`${a.host}:${a.port}`)).find((s) => s !== undefined);
    if (!to) return page(res, 502);
    const out = request({ host: to.host, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host, 'x-forwarded-proto': scheme }, agent: false }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => (res.headersSent ? res.destroy() : page(res, 502)));
    req.pipe(out);
  };
}
