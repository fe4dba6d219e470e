import { at, int, isObject, list, str } from '../columns/read.js';
import type { KubeObject } from '../types.js';

/** The Gateway API group. */
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** A listener of a Gateway, as the spec reads it (defaults applied). */
export interface ListenerShape {
  name: string;
  hostname: string;
  port: number;
  protocol: string;
  /** `Same` (the default), `All` or `Selector`. */
  from: string;
  selector?: unknown;
  /** Allowed route kinds as written (empty: the protocol's defaults). */
  kinds: { group: string; kind: string }[];
  tlsMode?: string;
  certificateRefs: { group: string; kind: string; name: string; namespace?: string }[];
}

/** A route's reference to its parent (defaults applied: group gateway.networking.k8s.io, kind Gateway). */
export interface ParentRefShape {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  sectionName?: string;
  port?: number;
}

/** One match of a route rule: path (default PathPrefix /), and the other conditions it names. */
export interface MatchShape {
  pathType: string;
  path: string;
  headers: string[];
  queryParams: string[];
  method?: string;
}

/** A backendRef: where, which port, and its weight (default 1). */
export interface BackendRefShape {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  port?: number;
  weight: number;
}

/** One rule of a route: its matches (at least one), filters and backends. */
export interface RuleShape {
  index: number;
  name?: string;
  matches: MatchShape[];
  filters: { type: string; detail: string }[];
  backendRefs: BackendRefShape[];
}

/** A route of any kind (HTTPRoute, GRPCRoute, TLSRoute) read the same way. */
export interface RouteShape {
  kind: string;
  namespace: string;
  name: string;
  hostnames: string[];
  parentRefs: ParentRefShape[];
  rules: RuleShape[];
}

/** The listeners of a Gateway. */
export function readListeners(gw: KubeObject): ListenerShape[] {
  return list(at(gw, 'spec', 'listeners')).map((l) => ({
    name: str(at(l, 'name')),
    hostname: str(at(l, 'hostname')).toLowerCase(),
    port: int(at(l, 'port')),
    protocol: str(at(l, 'protocol')),
    from: str(at(l, 'allowedRoutes', 'namespaces', 'from')) || 'Same',
    selector: at(l, 'allowedRoutes', 'namespaces', 'selector'),
    kinds: list(at(l, 'allowedRoutes', 'kinds')).map((k) => ({ group: at(k, 'group') === undefined ? GATEWAY_GROUP : str(at(k, 'group')), kind: str(at(k, 'kind')) })),
    tlsMode: str(at(l, 'tls', 'mode')) || (at(l, 'tls') ? 'Terminate' : undefined),
    certificateRefs: list(at(l, 'tls', 'certificateRefs')).map((c) => ({ group: str(at(c, 'group')), kind: str(at(c, 'kind')) || 'Secret', name: str(at(c, 'name')), namespace: str(at(c, 'namespace')) || undefined })),
  }));
}

/** A route's parentRefs, with their defaults. */
export function readParentRefs(route: KubeObject): ParentRefShape[] {
  const ns = String(route.metadata?.namespace ?? '');
  return list(at(route, 'spec', 'parentRefs')).map((p) => ({
    group: at(p, 'group') === undefined ? GATEWAY_GROUP : str(at(p, 'group')),
    kind: str(at(p, 'kind')) || 'Gateway',
    namespace: str(at(p, 'namespace')) || ns,
    name: str(at(p, 'name')),
    sectionName: str(at(p, 'sectionName')) || undefined,
    port: int(at(p, 'port')) || undefined,
  }));
}

function readMatch(kind: string, m: unknown): MatchShape {
  if (kind === 'GRPCRoute') {
    // A GRPC method match is a path match on /service/method.
    const svc = str(at(m, 'method', 'service'));
    const method = str(at(m, 'method', 'method'));
    const path = svc ? `/${svc}${method ? `/${method}` : ''}` : '/';
    return { pathType: method && svc ? 'Exact' : 'PathPrefix', path, headers: list(at(m, 'headers')).map((h) => `${str(at(h, 'name'))}=${str(at(h, 'value'))}`), queryParams: [] };
  }
  return {
    pathType: str(at(m, 'path', 'type')) || 'PathPrefix',
    path: str(at(m, 'path', 'value')) || '/',
    headers: list(at(m, 'headers')).map((h) => `${str(at(h, 'name'))}${str(at(h, 'type')) === 'RegularExpression' ? '~' : '='}${str(at(h, 'value'))}`),
    queryParams: list(at(m, 'queryParams')).map((q) => `${str(at(q, 'name'))}=${str(at(q, 'value'))}`),
    method: str(at(m, 'method')) || undefined,
  };
}

function filterDetail(f: unknown): string {
  const t = str(at(f, 'type'));
  if (t === 'RequestRedirect') {
    const r = at(f, 'requestRedirect');
    return [str(at(r, 'scheme')) && `scheme ${str(at(r, 'scheme'))}`, str(at(r, 'hostname')) && `host ${str(at(r, 'hostname'))}`, int(at(r, 'port')) && `port ${int(at(r, 'port'))}`, str(at(r, 'path', 'replaceFullPath')) && `path ${str(at(r, 'path', 'replaceFullPath'))}`, str(at(r, 'path', 'replacePrefixMatch')) && `prefix ${str(at(r, 'path', 'replacePrefixMatch'))}`, `status ${int(at(r, 'statusCode')) || 302}`].filter(Boolean).join(', ');
  }
  if (t === 'URLRewrite') {
    const r = at(f, 'urlRewrite');
    return [str(at(r, 'hostname')) && `host ${str(at(r, 'hostname'))}`, str(at(r, 'path', 'replaceFullPath')) && `path ${str(at(r, 'path', 'replaceFullPath'))}`, str(at(r, 'path', 'replacePrefixMatch')) && `prefix ${str(at(r, 'path', 'replacePrefixMatch'))}`].filter(Boolean).join(', ');
  }
  if (t === 'RequestMirror') {
    const r = at(f, 'requestMirror', 'backendRef');
    return `${str(at(r, 'namespace')) ? `${str(at(r, 'namespace'))}/` : ''}${str(at(r, 'name'))}${int(at(r, 'port')) ? `:${int(at(r, 'port'))}` : ''}`;
  }
  return '';
}

/** A route of any kind, with the spec's defaults (a rule without matches matches every path). */
export function readRoute(route: KubeObject): RouteShape {
  const kind = String(route.kind ?? 'HTTPRoute');
  const ns = String(route.metadata?.namespace ?? '');
  const rules = list(at(route, 'spec', 'rules')).map((r, index) => {
    const ms = list(at(r, 'matches'));
    return {
      index,
      name: str(at(r, 'name')) || undefined,
      matches: ms.length ? ms.map((m) => readMatch(kind, m)) : [{ pathType: 'PathPrefix', path: '/', headers: [], queryParams: [] }],
      filters: list(at(r, 'filters')).filter(isObject).map((f) => ({ type: str(at(f, 'type')), detail: filterDetail(f) })),
      backendRefs: list(at(r, 'backendRefs')).map((b) => ({
        group: str(at(b, 'group')),
        kind: str(at(b, 'kind')) || 'Service',
        namespace: str(at(b, 'namespace')) || ns,
        name: str(at(b, 'name')),
        port: int(at(b, 'port')) || undefined,
        weight: at(b, 'weight') === undefined ? 1 : int(at(b, 'weight')),
      })),
    };
  });
  return { kind, namespace: ns, name: String(route.metadata?.name ?? ''), hostnames: list(at(route, 'spec', 'hostnames')).map((h) => str(h).toLowerCase()).filter(Boolean), parentRefs: readParentRefs(route), rules };
}

/** A status condition of an object (or of a listener/parent status entry) by type. */
export function condition(conditions: unknown, type: string): { status: string; reason: string; message: string } | undefined {
  const c = list(conditions).find((x) => str(at(x, 'type')) === type);
  return c ? { status: str(at(c, 'status')), reason: str(at(c, 'reason')), message: str(at(c, 'message')) } : undefined;
}
