import { redirectFinding, type EdgeRequest } from '../edge/edge-redirect.js';
import type { EdgeConfig, EdgeLocation, EdgeUpstreamServer } from '../edge/edge-types.js';
import { selectLocation, type LocationChoice } from '../edge/location-select.js';
import { selectServer, type ServerChoice } from '../edge/server-select.js';
import { matchUpstream } from '../edge/upstream-match.js';
import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import { hostMatches, readIngress } from '../ingress-shape.js';
import type { EntryPoint } from './entry-points.js';
import type { OutsideHop } from './outside-hop.js';
import type { TraceQuery } from './route-hop.js';
import { worse, worstOf, type Diagnostic, type RouteNode } from './route-types.js';

const SERVER_MATCH_WORDS: Record<ServerChoice['match'], string> = { exact: 'exact name', 'leading-wildcard': 'wildcard name', 'trailing-wildcard': 'wildcard name', regex: 'regex name', 'default-server': 'default server', 'first-server': 'first server on the port' };
const LOCATION_MATCH_WORDS: Record<LocationChoice['match'], string> = { exact: 'exact', prefix: 'longest prefix', 'prefix-stop': 'prefix ^~', regex: 'regex' };

/** Whether the cluster serves TLS for a host (an Ingress TLS entry names it). */
function clusterServesTls(indexes: ClusterIndexes, host: string): boolean {
  return indexes.ingresses.forHost(host).some((i) => readIngress(i).tls.some((t) => t.hosts.some((h) => hostMatches(h, host))));
}

/** The port a request arrives on at the edge: as asked, else what a browser tries (443 when the host has TLS at the edge or in the cluster, else 80). */
export function edgePort(config: EdgeConfig, indexes: ClusterIndexes, query: TraceQuery): number {
  if (query.port !== undefined) return query.port;
  const tls = selectServer(config.servers, query.host, 443);
  return (tls && tls.name !== undefined) || clusterServesTls(indexes, query.host) ? 443 : 80;
}

const settle = (n: RouteNode): RouteNode => ({ ...n, health: n.children.reduce((h, c) => worse(h, c.health), worstOf(n.diagnostics)) });

function upstreamNodes(config: EdgeConfig, target: string, parentId: string, entries: EntryPoint[], blind?: string): { nodes: RouteNode[]; diagnostics: Diagnostic[] } {
  const m = /^(?:(https?|grpcs?):\/\/)?([^/]+)/.exec(target);
  const hostPort = m?.[2] ?? target;
  if (hostPort.includes('$')) return { nodes: [], diagnostics: [{ severity: 'info', code: 'edge.proxy-variable', message: `proxy_pass ${target} is chosen at request time (a variable): kdrill cannot follow it` }] };
  const upstream = config.upstreams.find((u) => u.name === hostPort);
  const defaultPort = m?.[1] === 'https' ? 443 : 80;
  const direct = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostPort);
  const servers: EdgeUpstreamServer[] = upstream ? upstream.servers : [{ text: hostPort, host: direct?.[1] ?? hostPort, port: direct?.[2] ? Number(direct[2]) : defaultPort, flags: [], line: 0 }];
  if (upstream && servers.length === 0) return { nodes: [], diagnostics: [{ severity: 'error', code: 'upstream.empty', message: `upstream ${upstream.name} has no server lines` }] };
  const nodes = matchUpstream(servers, entries, blind).map(({ server, entries: hit, diagnostics }) =>
    settle({
      type: 'upstream',
      id: `${parentId}/upstream/${server.text}`,
      label: upstream ? `upstream ${upstream.name} server ${server.text}` : `upstream ${server.text}`,
      summary: [...server.flags, ...(hit.length ? [`→ ${hit[0]!.via}`] : []), ...(upstream ? [`${upstream.file}:${server.line}`] : [])],
      facts: { upstream: upstream?.name ?? null, server: server.text, address: server.host, port: server.port, flags: server.flags, entries: hit, ...(upstream ? { file: upstream.file, line: server.line } : {}) },
      diagnostics,
      health: 'ok',
      children: [],
    }),
  );
  // A name that is neither an upstream block nor an address: often the upstream lives in a file not given.
  const unknown = !upstream && !/^(\d+\.){3}\d+$|^\[/.test(servers[0]!.host);
  return { nodes, diagnostics: unknown ? [{ severity: 'info', code: 'edge.upstream-unknown', message: `no upstream block named ${servers[0]!.host} in ${config.source}: read as a host name (is the file with the upstream block under the path given?)` }] : [] };
}

function locationNode(config: EdgeConfig, choice: LocationChoice, req: EdgeRequest, parentId: string, entries: EntryPoint[], blind?: string): RouteNode {
  const loc: EdgeLocation = choice.location;
  const id = `${parentId}/location/${loc.modifier}${loc.pattern}`;
  const diagnostics: Diagnostic[] = [];
  let children: RouteNode[] = [];
  if (loc.redirect) diagnostics.push(redirectFinding(loc.redirect, req));
  else if (loc.answers !== undefined) diagnostics.push({ severity: 'error', code: 'edge.answers', message: `the edge answers ${loc.answers} itself (return ${loc.answers}): requests for ${req.path} never reach the cluster` });
  else if (loc.proxyPass) {
    const up = upstreamNodes(config, loc.proxyPass, id, entries, blind);
    diagnostics.push(...up.diagnostics);
    children = up.nodes;
  } else diagnostics.push({ severity: 'error', code: 'edge.no-proxy', message: `location ${loc.modifier ? `${loc.modifier} ` : ''}${loc.pattern} has no proxy_pass: the edge serves ${req.path} itself, the request never reaches the cluster` });
  const does = loc.redirect ? `${loc.redirect.directive} ${loc.redirect.code}` : loc.answers !== undefined ? `return ${loc.answers}` : loc.proxyPass ? `proxy_pass ${loc.proxyPass}` : 'no proxy_pass';
  return settle({
    type: 'edge-location',
    id,
    label: `location ${loc.modifier ? `${loc.modifier} ` : ''}${loc.pattern}`,
    summary: [LOCATION_MATCH_WORDS[choice.match], does, `${loc.file}:${loc.line}`],
    facts: { modifier: loc.modifier, pattern: loc.pattern, match: choice.match, proxyPass: loc.proxyPass ?? null, redirect: loc.redirect ?? null, answers: loc.answers ?? null, file: loc.file, line: loc.line },
    diagnostics,
    health: 'ok',
    children,
  });
}

/** One edge configuration's nodes for a request: the server block, its location, the upstream servers matched to the cluster's entry points. */
export function edgeServerNode(config: EdgeConfig, indexes: ClusterIndexes, query: TraceQuery, entries: EntryPoint[], index: number, blind?: string): RouteNode {
  const port = edgePort(config, indexes, query);
  const req: EdgeRequest = { host: query.host, port, scheme: port === 443 ? 'https' : 'http', path: query.path ?? '/' };
  const id = `host/${query.host}/edge/${index}`;
  const problems: Diagnostic[] = config.problems.map((p) => ({ severity: 'warning', code: 'edge.config-problem', message: `${config.source}: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}` }));
  const choice = selectServer(config.servers, query.host, port);
  if (!choice) {
    const d: Diagnostic = { severity: 'error', code: 'edge.no-listen', message: `no server block of ${config.source} listens on port ${port}: the edge refuses ${req.scheme}://${query.host}` };
    return settle({ type: 'edge-server', id, label: `edge ${config.source} :${port}`, summary: ['no server'], facts: { config: config.source, port, match: null }, diagnostics: [d, ...problems], health: 'ok', children: [] });
  }
  const s = choice.server;
  req.serverName = s.names[0];
  const diagnostics: Diagnostic[] = [];
  if (choice.name === undefined) diagnostics.push({ severity: 'error', code: 'edge.no-server', message: `no server block of ${config.source} names ${query.host} on port ${port}: the ${SERVER_MATCH_WORDS[choice.match]} (${s.file}:${s.line}${s.names.length ? `, server_name ${s.names.join(' ')}` : ''}) takes it` });
  diagnostics.push(...problems);
  let children: RouteNode[] = [];
  if (s.redirect) diagnostics.push(redirectFinding(s.redirect, req));
  else if (s.answers !== undefined) diagnostics.push({ severity: 'error', code: 'edge.answers', message: `the edge answers ${s.answers} itself (return ${s.answers} in the server block): requests never reach the cluster` });
  else {
    const loc = selectLocation(s.locations, req.path);
    if (loc) children = [locationNode(config, loc, req, id, entries, blind)];
    else diagnostics.push({ severity: 'error', code: 'edge.no-location', message: `no location of the server block takes ${req.path}: the edge serves it itself (404 or static files)` });
  }
  const ssl = s.listens.some((l) => l.port === port && l.ssl);
  return settle({
    type: 'edge-server',
    id,
    label: `edge server ${choice.name ?? s.names[0] ?? '_'}:${port}`,
    summary: [...(ssl ? ['ssl'] : []), SERVER_MATCH_WORDS[choice.match], `${config.source}/${s.file}:${s.line}`],
    facts: { config: config.source, file: s.file, line: s.line, port, ssl, names: s.names, match: choice.match, serverName: choice.name ?? null },
    diagnostics,
    health: 'ok',
    children,
  });
}

/** The edge-proxy hop: for each `--edge-config`, the server block, location and upstream servers a request goes through. */
export const edgeHop: OutsideHop = {
  name: 'edge',
  resources: ['nodes', 'pods', 'services'],
  trace: (indexes, query, { entries, blind }) => (query.edges ?? []).map((config, i) => edgeServerNode(config, indexes, query, entries, i, blind)),
};
