import { matchPath } from '../route/path-match.js';
import type { MatchShape, RuleShape } from './gateway-shape.js';

/** How one match of a rule meets a request path: its path matched, and the conditions it adds. */
export interface RuleMatch {
  rule: RuleShape;
  match: MatchShape;
  /** Headers, query parameters or a method also constrain it: it serves only requests that carry them. */
  conditional: boolean;
  /** Position of the route among the candidates (oldest first, then namespace/name): breaks ties. */
  routeOrder: number;
  /** How specific the route's hostname matching the request is (see hostnameSpecificity): ranks first. */
  hostnameRank?: number;
}

/** Whether a Gateway API path match accepts a request path (PathPrefix on `/` elements; RegularExpression as a whole). */
export function gatewayPathMatches(m: MatchShape, path: string): boolean {
  if (m.pathType === 'Exact') return m.path === path;
  if (m.pathType === 'RegularExpression') {
    try {
      return new RegExp(`^(?:${m.path})$`).test(path);
    } catch {
      return false;
    }
  }
  return matchPath('Prefix', m.path.replace(/\/+$/, '') || '/', path) !== 'none';
}

/** The conditions a match adds to its path (method, headers, query params), as words. */
export function conditionsOf(m: MatchShape): string[] {
  return [...(m.method ? [`method ${m.method}`] : []), ...m.headers.map((h) => `header ${h}`), ...m.queryParams.map((q) => `query ${q}`)];
}

/**
 * Orders matches as the spec ranks them: across routes, first the route whose hostname matching the
 * request is the most specific (httproute_types.go, HTTPRouteSpec.Hostnames: the most characters in a
 * matching non-wildcard hostname, then in a matching hostname); then (HTTPRouteRule.Matches) an Exact path,
 * then the longest PathPrefix (RegularExpression after both: its rank is implementation-specific),
 * then a method, then the most headers, then the most query params; ties go to the oldest route,
 * then to namespace/name order, then to the first rule in list order. Best first.
 */
export function byPrecedence<T extends RuleMatch>(matches: readonly T[]): T[] {
  const typeRank = (m: MatchShape) => (m.pathType === 'Exact' ? 2 : m.pathType === 'PathPrefix' ? 1 : 0);
  const keys = (x: T): number[] => [x.hostnameRank ?? 0, typeRank(x.match), x.match.pathType === 'PathPrefix' ? x.match.path.length : 0, x.match.method ? 1 : 0, x.match.headers.length, x.match.queryParams.length, -x.routeOrder, -x.rule.index];
  return [...matches].sort((a, b) => {
    const ka = keys(a);
    const kb = keys(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i];
    return 0;
  });
}

/**
 * The matches of a request path, best first, and the one that serves a request with no special
 * header, query or method: the first unconditional one. The conditional ones before it serve
 * only requests that meet their conditions.
 */
export function servingMatch<T extends RuleMatch>(candidates: readonly T[], path: string): { ordered: T[]; winner?: T } {
  const ordered = byPrecedence(candidates.filter((c) => gatewayPathMatches(c.match, path)));
  return { ordered, winner: ordered.find((c) => !c.conditional) };
}
