import { at, list, str } from '../columns/read.js';
import { attachment } from '../gateway/attachment.js';
import { condition, type ListenerShape, type ParentRefShape, type RouteShape } from '../gateway/gateway-shape.js';
import { conditionsOf, servingMatch, type RuleMatch } from '../gateway/rule-match.js';
import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import { timestampMs } from '../format/duration.js';
import type { KubeObject } from '../types.js';
import type { TraceQuery } from './route-hop.js';
import { worse, worstOf, type Diagnostic, type RouteNode } from './route-types.js';
import { conditionFacts } from './trace-gateway.js';
import { weightedBackends } from './trace-backend.js';
import { hostnameMatches, hostnameSpecificity } from '../gateway/hostnames.js';

/** A route as it stands on one listener: attached or not, and its node. */
export interface RouteOnListener {
  route: KubeObject;
  shape: RouteShape;
  node: RouteNode;
  attached: boolean;
}

const said = (c: { reason: string; message: string }) => `${c.reason}${c.message ? `: ${c.message}` : ''}`;

/** The route's status entry for a parentRef (same name, namespace, sectionName and port), if a controller wrote one. */
export function parentStatus(route: KubeObject, ref: ParentRefShape): unknown {
  const ns = String(route.metadata?.namespace ?? '');
  return list(at(route, 'status', 'parents')).find((p) => {
    const r = at(p, 'parentRef');
    return str(at(r, 'name')) === ref.name && (str(at(r, 'namespace')) || ns) === ref.namespace && (str(at(r, 'sectionName')) || undefined) === ref.sectionName && (Number(at(r, 'port')) || undefined) === ref.port;
  });
}

/** The route node for a route that names a Gateway that does not exist (no controller writes status for it). */
export function orphanRouteNode(route: KubeObject, shape: RouteShape, ref: ParentRefShape, parentId: string): RouteNode {
  const d: Diagnostic = { severity: 'error', code: 'route.parent-missing', message: `its parentRef names Gateway ${ref.namespace}/${ref.name}, which does not exist: the route is attached to nothing (and no controller writes a status for it)` };
  return base(route, shape, parentId, ref, false, [d]);
}

/** The route node for a route whose parent Gateway has no listener for the host: not attached for it. */
export function unlistenedRouteNode(route: KubeObject, shape: RouteShape, ref: ParentRefShape, host: string, parentId: string): RouteNode {
  const accepted = condition(at(parentStatus(route, ref), 'conditions'), 'Accepted');
  const why = accepted?.status === 'False' ? `status ${said(accepted)}` : `NoMatchingListenerHostname: no listener${ref.sectionName ? ` named ${ref.sectionName}` : ''} of ${ref.name} accepts ${host}`;
  const d: Diagnostic = { severity: 'error', code: 'route.not-attached', message: `not attached for ${host} (${why})` };
  return base(route, shape, parentId, ref, false, [d], at(parentStatus(route, ref), 'conditions'));
}

function base(route: KubeObject, shape: RouteShape, parentId: string, ref: ParentRefShape, attached: boolean, diagnostics: Diagnostic[], conditions?: unknown): RouteNode {
  return {
    type: 'route',
    id: `${parentId}/route/${shape.kind}/${shape.namespace}/${shape.name}`,
    label: `${shape.kind.toLowerCase()} ${shape.namespace}/${shape.name}`,
    summary: [shape.hostnames.join(',') || 'any host', attached ? 'attached' : 'not attached'],
    ref: { kind: shape.kind, namespace: shape.namespace, name: shape.name, uid: route.metadata?.uid },
    object: route,
    facts: { kind: shape.kind, namespace: shape.namespace, name: shape.name, hostnames: shape.hostnames, parentRef: ref, attached, conditions: conditionFacts(conditions) },
    diagnostics,
    health: worstOf(diagnostics),
    children: [],
  };
}

/**
 * The route hop on one listener: whether it is attached, from its status for that parent or, when
 * no controller wrote one, from the spec's rules (allowedRoutes, kinds, hostname intersection).
 * Undefined when the route attaches through another listener of the same parentRef.
 */
export function routeOnListener(indexes: ClusterIndexes, gw: KubeObject, l: ListenerShape, route: KubeObject, shape: RouteShape, ref: ParentRefShape, parentId: string): RouteOnListener | undefined {
  const gwNs = String(gw.metadata?.namespace ?? '');
  const labels = indexes.namespaces.get(undefined, shape.namespace)?.metadata?.labels ?? (indexes.unavailable.has('namespaces') ? undefined : {});
  const spec = attachment(shape, gwNs, l, labels);
  const status = parentStatus(route, ref);
  const conditions = at(status, 'conditions');
  const accepted = condition(conditions, 'Accepted');
  const resolved = condition(conditions, 'ResolvedRefs');
  const diagnostics: Diagnostic[] = [];
  let attached: boolean;
  if (accepted) {
    attached = accepted.status === 'True' && !spec;
    // Accepted for the parentRef, yet the spec keeps it off this listener: it attached to another one.
    if (accepted.status === 'True' && spec) return undefined;
    if (accepted.status !== 'True') diagnostics.push({ severity: 'error', code: 'route.not-attached', message: `not attached to ${gw.metadata?.name} (status ${said(accepted)})` });
  } else {
    attached = !spec;
    if (spec) diagnostics.push({ severity: 'error', code: 'route.not-attached', message: `not attached to ${gw.metadata?.name}: ${spec.reason} (${spec.message})` });
    else diagnostics.push({ severity: 'warning', code: 'route.no-status', message: `no status for parent ${ref.name}${ref.sectionName ? `/${ref.sectionName}` : ''}: the Gateway's controller has not reconciled this route (yet)` });
  }
  if (resolved?.status === 'False') diagnostics.push({ severity: 'warning', code: 'route.refs-unresolved', message: `ResolvedRefs is False (${said(resolved)})` });
  if (spec?.reason === 'NoMatchingListenerHostname') diagnostics.push({ severity: 'info', code: 'route.hostname-intersection-empty', message: spec.message });
  return { route, shape, node: base(route, shape, parentId, ref, attached, diagnostics, conditions), attached };
}

interface Candidate extends RuleMatch {
  on: RouteOnListener;
}

const matchText = (m: RuleMatch['match']) => `${m.path} ${m.pathType}${conditionsOf(m).length ? ` (${conditionsOf(m).join(', ')})` : ''}`;

/**
 * The rule hop for the attached routes of one listener: with a request path, only the rules that
 * match it, ranked by the spec's precedence across all those routes; the serving rule traced to
 * its backends, rules that need a header, query or method marked so, the others shadowed.
 */
export function addRules(indexes: ClusterIndexes, routes: readonly RouteOnListener[], query: TraceQuery, now: number, listenerHostname?: string): Diagnostic[] {
  // A route without hostnames takes the listener's: its match is as specific as the listener's hostname.
  const hostnameRank = (on: RouteOnListener) => {
    const matching = on.shape.hostnames.filter((h) => hostnameMatches(h, query.host));
    return matching.length ? Math.max(...matching.map(hostnameSpecificity)) : hostnameSpecificity(listenerHostname);
  };
  const ordered = [...routes].sort((a, b) => (timestampMs(a.route.metadata?.creationTimestamp) ?? 0) - (timestampMs(b.route.metadata?.creationTimestamp) ?? 0) || `${a.shape.namespace}/${a.shape.name}`.localeCompare(`${b.shape.namespace}/${b.shape.name}`));
  const candidates: Candidate[] = ordered.flatMap((on, routeOrder) => on.shape.rules.flatMap((rule) => rule.matches.map((match) => ({ on, rule, match, routeOrder, hostnameRank: hostnameRank(on), conditional: conditionsOf(match).length > 0 }))));
  const { ordered: matching, winner } = query.path === undefined ? { ordered: candidates, winner: undefined } : servingMatch(candidates, query.path);
  const conditional = new Set(winner ? matching.slice(0, matching.indexOf(winner)) : matching);
  const diagnostics: Diagnostic[] = [];
  if (query.path !== undefined && !winner && routes.length > 0) {
    diagnostics.push(conditional.size ? { severity: 'warning', code: 'rule.only-conditional', message: `only rules that need a header, query parameter or method match ${query.path}: other requests get 404` } : { severity: 'error', code: 'rule.no-match', message: `no rule of the attached routes matches ${query.path}: requests get 404` });
  }
  for (const on of routes) {
    const rules = on.shape.rules.filter((r) => query.path === undefined || matching.some((c) => c.on === on && c.rule === r));
    on.node.children = rules.map((rule) => {
      const mine = matching.filter((c) => c.on === on && c.rule === rule);
      const serves = query.path === undefined ? undefined : winner?.on === on && winner.rule === rule;
      const onlyIf = query.path !== undefined && !serves && mine.some((c) => conditional.has(c));
      const id = `${on.node.id}/rule/${rule.index}`;
      const d: Diagnostic[] = [];
      if (onlyIf) d.push({ severity: 'info', code: 'rule.conditional', message: `serves ${query.path} only for requests with ${conditionsOf(mine.find((c) => conditional.has(c))!.match).join(', ')}` });
      else if (serves === false && winner) d.push({ severity: 'info', code: 'rule.shadowed', message: `matches too, but ${matchText(winner.match)} of ${winner.on.shape.kind} ${winner.on.shape.namespace}/${winner.on.shape.name} takes precedence, so its backends are not traced` });
      const redirect = rule.filters.find((f) => f.type === 'RequestRedirect');
      for (const f of rule.filters) {
        if (f.type === 'RequestRedirect') d.push({ severity: 'info', code: 'rule.redirect', message: `RequestRedirect (${f.detail}): the gateway answers with a redirect; no backend receives the request` });
        if (f.type === 'URLRewrite') d.push({ severity: 'info', code: 'rule.rewrite', message: `URLRewrite (${f.detail}): the request is rewritten before it reaches the backend` });
        if (f.type === 'RequestMirror') d.push({ severity: 'info', code: 'rule.mirror', message: `RequestMirror: a copy of each request also goes to ${f.detail}` });
      }
      const traced = serves !== false || onlyIf;
      let children: RouteNode[] = [];
      if (rule.backendRefs.length === 0 && !redirect) d.push({ severity: 'error', code: 'rule.no-backend', message: 'no backendRefs and no redirect: requests it takes get an error (500)' });
      else if (traced && !redirect) {
        const b = weightedBackends(indexes, on.shape, rule.backendRefs, id, now, !query.summary);
        children = b.nodes;
        d.push(...b.diagnostics);
      }
      const shown = query.path === undefined ? rule.matches : mine.map((c) => c.match);
      return {
        type: 'rule' as const,
        id,
        label: `rule ${rule.name ?? rule.index} ${shown.map(matchText).join(' | ')}`,
        summary: [...(serves ? ['serves this request'] : onlyIf ? ['conditional'] : []), ...(traced ? [] : rule.backendRefs.map((b) => `→ ${b.name}:${b.port ?? '?'}`))],
        facts: { index: rule.index, name: rule.name ?? null, matches: shown, filters: rule.filters.map((f) => f.type), ...(serves !== undefined ? { serves, conditional: onlyIf } : {}) },
        diagnostics: d,
        health: children.reduce((h, c) => worse(h, c.health), worstOf(d)),
        children,
      };
    });
    on.node.health = on.node.children.reduce((h, c) => worse(h, c.health), on.node.health);
  }
  return diagnostics;
}
