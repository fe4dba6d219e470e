import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import { hostMatches, readIngress, type IngressBackend, type IngressShape } from '../ingress-shape.js';
import { timestampMs } from '../format/duration.js';
import type { KubeObject } from '../types.js';
import { matchPath, winningPath, type PathMatch, type PathMode } from './path-match.js';
import type { EntryHop, EntryHopResult, TraceQuery } from './route-hop.js';
import { worse, worstOf, type Diagnostic, type RouteNode } from './route-types.js';
import { ingressNode, isCanary, tlsNode } from './trace-ingress.js';
import { serviceNode } from './trace-service.js';

const NGINX = 'nginx.ingress.kubernetes.io/';

/**
 * How the controller of an Ingress reads its paths. ingress-nginx turns regex matching on for
 * every path of a host when any of the host's Ingresses asks for use-regex or rewrite-target.
 */
function pathMode(indexes: ClusterIndexes, ing: KubeObject, hostIngresses: readonly KubeObject[]): PathMode {
  const className = readIngress(ing).className;
  const ic = className ? indexes.ingressClasses.get(undefined, className) : indexes.ingressClasses.list().find((c) => c.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true');
  const controller = String(ic?.spec?.controller ?? '');
  // Without a known controller (no IngressClass API, a legacy class annotation), ingress-nginx is the likely reader.
  if (controller && !controller.includes('ingress-nginx')) return 'glob';
  const regex = hostIngresses.some((i) => i.metadata?.annotations?.[`${NGINX}use-regex`] === 'true' || !!i.metadata?.annotations?.[`${NGINX}rewrite-target`]);
  return regex ? 'nginx-regex' : 'nginx';
}

interface Candidate {
  ing: KubeObject;
  shape: IngressShape;
  rule: string;
  path: string;
  pathType: string;
  backend: IngressBackend;
  match: PathMatch;
  isDefault: boolean;
  canary?: boolean;
  createdAt?: number;
}

// Host rules by precedence: an exact host beats a wildcard, which beats a rule without a host.
const tierOf = (pattern: string): number => (pattern === '' ? 0 : pattern.startsWith('*.') ? 1 : 2);
const TIER_NAMES = ['a catch-all rule', 'a wildcard rule', 'an exact rule'];

function backendNode(indexes: ClusterIndexes, ing: KubeObject, b: IngressBackend, parentId: string, now: number, withPods: boolean): RouteNode {
  const ns = String(ing.metadata?.namespace ?? '');
  if (b.service) return serviceNode(indexes, { namespace: ns, name: b.service.name, port: b.service.port }, parentId, now, withPods);
  if (b.resource) {
    const d: Diagnostic = { severity: 'info', code: 'backend.resource', message: `the backend is a ${b.resource.kind ?? 'resource'} (${b.resource.apiGroup ?? 'core'}), not a Service` };
    return { type: 'resource', id: `${parentId}/res`, label: `${(b.resource.kind ?? 'resource').toLowerCase()} ${b.resource.name ?? ''}`, summary: [b.resource.apiGroup ?? ''], ref: { kind: b.resource.kind ?? '', namespace: ns, name: b.resource.name ?? '' }, facts: { ...b.resource }, diagnostics: [d], health: 'ok', children: [] };
  }
  const d: Diagnostic = { severity: 'error', code: 'backend.missing', message: 'this path has no backend' };
  return { type: 'resource', id: `${parentId}/none`, label: 'no backend', summary: [], facts: {}, diagnostics: [d], health: 'error', children: [] };
}

function pathNode(indexes: ClusterIndexes, c: Candidate, parentId: string, serves: boolean | undefined, winner: Candidate | undefined, now: number, withPods: boolean): RouteNode {
  const id = `${parentId}/path/${c.isDefault ? '<default>' : `${c.pathType}:${c.path}`}`;
  const diagnostics: Diagnostic[] = [];
  if (c.isDefault) diagnostics.push({ severity: 'info', code: 'path.default-backend', message: 'the Ingress default backend: it takes requests no path matches' });
  // A canary takes a share of the request's traffic beside the winner: traced, but it only degrades the route.
  const canary = serves === false && c.canary;
  if (serves === false && winner && !canary) diagnostics.push({ severity: 'info', code: 'path.shadowed', message: `matches too, but ${winner.path || '/'} (${winner.pathType}) of ${winner.ing.metadata?.namespace}/${winner.ing.metadata?.name} takes precedence, so its backend is not traced` });
  if (canary) diagnostics.push({ severity: 'info', code: 'path.canary', message: 'canary: takes a share of this request\'s traffic beside the main Ingress' });
  // A shadowed path does not carry the request: its backend is named, not traced, and cannot break the route.
  const child = serves === false && !canary ? undefined : backendNode(indexes, c.ing, c.backend, id, now, withPods);
  const backend = c.backend.service ? `→ ${c.backend.service.name}:${c.backend.service.port.name ?? c.backend.service.port.number}` : '';
  const childHealth = child ? (canary && child.health === 'error' ? 'warning' : child.health) : 'ok';
  return {
    type: 'path',
    id,
    label: c.isDefault ? 'default backend' : `path ${c.path || '/'}`,
    summary: [...(c.isDefault ? [] : [c.pathType]), ...(serves ? ['serves this request'] : canary ? ['canary'] : []), ...(child ? [] : [backend])],
    facts: { path: c.isDefault ? null : c.path || '/', pathType: c.isDefault ? null : c.pathType, defaultBackend: c.isDefault, ...(serves !== undefined ? { serves, match: c.match } : {}) },
    diagnostics,
    health: worse(worstOf(diagnostics), childHealth),
    children: child ? [child] : [],
  };
}

function candidatesOf(ing: KubeObject, host: string, path: string | undefined, mode: PathMode): { tier: number; rule: string; shape: IngressShape; list: Candidate[] } {
  const shape = readIngress(ing);
  const canary = isCanary(ing);
  const createdAt = timestampMs(ing.metadata?.creationTimestamp);
  const rules = shape.rules.filter((r) => hostMatches(r.host, host));
  const tier = Math.max(-1, ...rules.map((r) => tierOf(r.host)));
  const best = rules.filter((r) => tierOf(r.host) === tier);
  const list: Candidate[] = best.flatMap((r) =>
    r.paths.map((p) => ({ ing, shape, rule: r.host, path: p.path, pathType: p.pathType, backend: p.backend, match: path === undefined ? ('prefix' as PathMatch) : matchPath(p.pathType, p.path, path, mode), isDefault: false, canary, createdAt })),
  );
  if (shape.defaultBackend) list.push({ ing, shape, rule: best[0]?.host ?? '', path: '', pathType: '', backend: shape.defaultBackend, match: 'prefix', isDefault: true });
  return { tier, rule: best[0]?.host ?? '', shape, list };
}

function conflicts(cands: Candidate[]): Diagnostic[] {
  const claims = new Map<string, Set<string>>();
  for (const c of cands) {
    if (c.isDefault || isCanary(c.ing)) continue;
    const k = `${c.path || '/'} (${c.pathType})`;
    const set = claims.get(k) ?? new Set();
    set.add(`${c.ing.metadata?.namespace}/${c.ing.metadata?.name}`);
    claims.set(k, set);
  }
  return [...claims].filter(([, s]) => s.size > 1).map(([k, s]) => ({ severity: 'warning', code: 'host.conflict', message: `Ingresses ${[...s].join(' and ')} both claim ${k}: the controller serves only one of them (ingress-nginx: the oldest)` }));
}

const ingressesFor = (indexes: ClusterIndexes, query: TraceQuery): KubeObject[] => indexes.ingresses.forHost(query.host.toLowerCase().replace(/\.$/, '')).filter((i) => query.namespace === undefined || i.metadata?.namespace === query.namespace);

/** The Ingress hop: the host's Ingress rules by precedence, their TLS and paths, and the Services behind them. */
function traceIngresses(indexes: ClusterIndexes, query: TraceQuery, now: number): EntryHopResult {
  const host = query.host.toLowerCase().replace(/\.$/, '');
  const rootId = `host/${host}`;
  const found = ingressesFor(indexes, query);
  if (found.length === 0) return { nodes: [], diagnostics: [], claimed: false };
  const byIngress = new Map(found.map((ing) => [ing, candidatesOf(ing, host, query.path, pathMode(indexes, ing, found))] as const));
  const topTier = Math.max(...[...byIngress.values()].map((p) => p.tier));
  const diagnostics: Diagnostic[] = [];
  const serving = [...byIngress].filter(([, p]) => p.tier === topTier);
  const shadowed = [...byIngress].filter(([, p]) => p.tier !== topTier);
  for (const [ing, p] of shadowed) {
    diagnostics.push({ severity: 'info', code: 'host.shadowed', message: `${ing.metadata?.namespace}/${ing.metadata?.name} also matches through ${TIER_NAMES[p.tier] ?? 'a rule'} (${p.rule || '*'}), but ${TIER_NAMES[topTier]} takes precedence` });
  }
  const all = serving.flatMap(([, p]) => p.list);
  diagnostics.push(...conflicts(all));
  const matching = all.filter((c) => c.match !== 'none');
  const winner = query.path === undefined ? undefined : (winningPath(matching.filter((c) => !c.isDefault)) ?? matching.find((c) => c.isDefault));
  if (query.path !== undefined && !winner) diagnostics.push({ severity: 'error', code: 'path.no-match', message: `no path of ${host} matches ${query.path}: requests get the controller's default backend (404)` });

  const nodes = serving
    .sort(([a], [b]) => `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`))
    .map(([ing, p]) => {
      const node = ingressNode(indexes, ing, p.shape, p.rule, rootId);
      const tls = tlsNode(indexes, ing, p.shape, host, node.id);
      const paths = p.list.filter((c) => query.path === undefined || c.match !== 'none').map((c) => pathNode(indexes, c, node.id, query.path === undefined ? undefined : c === winner, winner, now, !query.summary));
      node.children = [...(tls ? [tls] : []), ...paths];
      node.health = node.children.reduce((h, c) => worse(h, c.health), node.health);
      return node;
    });
  return { nodes, diagnostics, claimed: true, summary: `${nodes.length} ingress${nodes.length === 1 ? '' : 'es'}` };
}

/** The Ingress entry hop. */
export const ingressHop: EntryHop = {
  name: 'ingress',
  entryResources: ['ingresses.networking.k8s.io', 'ingressclasses.networking.k8s.io'],
  resources: ['ingresses.networking.k8s.io', 'ingressclasses.networking.k8s.io', 'secrets'],
  namespaces: (indexes, query) => ingressesFor(indexes, query).map((i) => String(i.metadata?.namespace ?? '')),
  hosts: (indexes) => indexes.ingresses.hosts(),
  trace: traceIngresses,
};
