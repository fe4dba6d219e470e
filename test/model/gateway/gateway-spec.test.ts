import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachment, kindAllowed, namespaceAllowed, parentRefSelects } from '../../../src/model/gateway/attachment.js';
import { readListeners, readRoute, type MatchShape } from '../../../src/model/gateway/gateway-shape.js';
import { hostnameMatches, hostnameSpecificity, intersectHostnames, routeHostnamesOn } from '../../../src/model/gateway/hostnames.js';
import { grantFor } from '../../../src/model/gateway/reference-grant.js';
import { byPrecedence, gatewayPathMatches, servingMatch, type RuleMatch } from '../../../src/model/gateway/rule-match.js';
import type { KubeObject } from '../../../src/model/types.js';

test('listener hostname matching: exact, a wildcard of one or more labels (not the bare domain), none matches all', () => {
  const cases: [string | undefined, string, boolean][] = [
    ['*.example.com', 'foo.example.com', true],
    ['*.example.com', 'foo.bar.example.com', true], // shared_types.go: "*.example.com" matches both
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'fooexample.com', false],
    ['*.example.com', '.example.com', false], // the wildcard stands for at least one label
    ['very.specific.com', 'very.specific.com', true],
    ['very.specific.com', 'VERY.specific.com.', true],
    ['very.specific.com', 'a.very.specific.com', false],
    [undefined, 'anything.example.org', true],
    ['', 'anything.example.org', true],
  ];
  for (const [pattern, host, want] of cases) assert.equal(hostnameMatches(pattern, host), want, `${pattern} vs ${host}`);
});

test('hostname intersection (httproute_types.go and conformance httproute-hostname-intersection)', () => {
  const cases: [string | undefined, string | undefined, string | undefined][] = [
    ['*.example.com', 'test.example.com', 'test.example.com'],
    ['*.example.com', 'foo.test.example.com', 'foo.test.example.com'],
    ['*.example.com', '*.foo.example.com', '*.foo.example.com'],
    ['test.example.com', '*.example.com', 'test.example.com'],
    ['example.com', 'test.example.net', undefined],
    ['*.example.com', 'example.com', undefined],
    [undefined, 'store.example.com', 'store.example.com'],
    ['*.gw.example.com', undefined, '*.gw.example.com'],
    // conformance: listener-1 very.specific.com, listener-2 *.wildcard.io, listener-3 *.anotherwildcard.io
    ['very.specific.com', '*.specific.com', 'very.specific.com'],
    ['*.wildcard.io', 'wildcard.io', undefined],
    ['*.wildcard.io', 'foo.bar.wildcard.io', 'foo.bar.wildcard.io'],
    ['*.anotherwildcard.io', '*.anotherwildcard.io', '*.anotherwildcard.io'],
    ['very.specific.com', 'specific.but.wrong.com', undefined],
  ];
  for (const [l, r, want] of cases) assert.equal(intersectHostnames(l, r), want, `${l} ∩ ${r}`);
  // The conformance route no-intersecting-hosts attaches to none of the three listeners.
  for (const l of ['very.specific.com', '*.wildcard.io', '*.anotherwildcard.io']) assert.deepEqual(routeHostnamesOn(l, ['specific.but.wrong.com', 'wildcard.io']), []);
  assert.deepEqual(routeHostnamesOn('*.wildcard.io', ['non.matching.com', 'wildcard.io', 'foo.wildcard.io', 'bar.wildcard.io', 'foo.bar.wildcard.io']), ['foo.wildcard.io', 'bar.wildcard.io', 'foo.bar.wildcard.io']);
});

const gateway = (listeners: unknown[]): KubeObject => ({ kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw' }, spec: { listeners } });
const route = (ns: string, spec: Record<string, unknown>, kind = 'HTTPRoute'): KubeObject => ({ kind, metadata: { namespace: ns, name: 'r' }, spec });

test('allowedRoutes.namespaces: Same is the default, All takes any, Selector by the namespace labels', () => {
  const [same, all, sel, expr] = readListeners(
    gateway([
      { name: 'same', port: 80, protocol: 'HTTP' },
      { name: 'all', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
      { name: 'sel', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'true' } } } } },
      { name: 'expr', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['web', 'shop'] }] } } } },
    ]),
  );
  const cases: [typeof same, string, Record<string, string> | undefined, boolean | undefined][] = [
    [same, 'infra', {}, true],
    [same, 'shop', {}, false],
    [all, 'shop', {}, true],
    [sel, 'shop', { shared: 'true' }, true],
    [sel, 'shop', { shared: 'false' }, false],
    [sel, 'shop', undefined, undefined],
    [expr, 'shop', { team: 'web' }, true],
    [expr, 'shop', { team: 'data' }, false],
  ];
  for (const [l, ns, labels, want] of cases) assert.equal(namespaceAllowed(l, 'infra', ns, labels), want, `${l.name} ${ns} ${JSON.stringify(labels)}`);
});

test('allowedRoutes.kinds and parentRef sectionName/port; attachment reasons as the spec names them', () => {
  const [http, tls, only] = readListeners(
    gateway([
      { name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com', allowedRoutes: { namespaces: { from: 'All' } } },
      { name: 'tls', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
      { name: 'only-grpc', port: 8080, protocol: 'HTTP', allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }] } },
    ]),
  );
  assert.deepEqual([kindAllowed(http, 'HTTPRoute'), kindAllowed(http, 'GRPCRoute'), kindAllowed(http, 'TLSRoute'), kindAllowed(tls, 'TLSRoute'), kindAllowed(only, 'HTTPRoute'), kindAllowed(only, 'GRPCRoute')], [true, true, false, true, false, true]);
  const gw = { namespace: 'infra', name: 'gw' };
  const refs = readRoute(route('shop', { parentRefs: [{ name: 'gw', namespace: 'infra' }, { name: 'gw', namespace: 'infra', sectionName: 'tls' }, { name: 'gw', namespace: 'infra', port: 80 }, { name: 'gw' }] })).parentRefs;
  assert.deepEqual(refs.map((r) => [parentRefSelects(r, gw, http), parentRefSelects(r, gw, tls)]), [[true, true], [false, true], [true, false], [false, false]]);
  const r = (spec: Record<string, unknown>, kind?: string) => readRoute(route('shop', spec, kind));
  assert.equal(attachment(r({ hostnames: ['store.example.com'] }), 'infra', http, {}), undefined);
  assert.equal(attachment(r({ hostnames: ['store.example.net'] }), 'infra', http, {})?.reason, 'NoMatchingListenerHostname');
  assert.equal(attachment(r({}, 'TLSRoute'), 'infra', http, {})?.reason, 'NotAllowedByListeners');
  assert.equal(attachment(r({}), 'infra', only, {})?.reason, 'NotAllowedByListeners');
});

const m = (pathType: string, path: string, extra: Partial<MatchShape> = {}): MatchShape => ({ pathType, path, headers: [], queryParams: [], ...extra });
const cand = (name: string, match: MatchShape, routeOrder = 0, index = 0): RuleMatch & { name: string } => ({ name, match, routeOrder, conditional: !!(match.method || match.headers.length || match.queryParams.length), rule: { index, matches: [match], filters: [], backendRefs: [] } });

test('rule precedence (HTTPRouteRule.Matches): Exact, longest prefix, method, most headers, most query params, oldest route, first rule', () => {
  const order = (xs: ReturnType<typeof cand>[]) => byPrecedence(xs).map((x) => x.name);
  assert.deepEqual(order([cand('prefix /', m('PathPrefix', '/')), cand('prefix /foo', m('PathPrefix', '/foo')), cand('exact /foo', m('Exact', '/foo'))]), ['exact /foo', 'prefix /foo', 'prefix /']);
  assert.deepEqual(order([cand('plain', m('PathPrefix', '/a')), cand('method', m('PathPrefix', '/a', { method: 'GET' })), cand('2 headers', m('PathPrefix', '/a', { headers: ['x=1', 'y=2'] })), cand('1 header', m('PathPrefix', '/a', { headers: ['x=1'] }))]), ['method', '2 headers', '1 header', 'plain']);
  assert.deepEqual(order([cand('1 query', m('PathPrefix', '/a', { queryParams: ['q=1'] })), cand('plain', m('PathPrefix', '/a'))]), ['1 query', 'plain']);
  assert.deepEqual(order([cand('newer route', m('PathPrefix', '/a'), 1), cand('older route', m('PathPrefix', '/a'), 0), cand('older route, rule 1', m('PathPrefix', '/a'), 0, 1)]), ['older route', 'older route, rule 1', 'newer route']);
  // A request carrying no special header is served by the best unconditional match.
  const s = servingMatch([cand('post /cart', m('Exact', '/cart', { method: 'POST' })), cand('prefix /', m('PathPrefix', '/'))], '/cart');
  assert.deepEqual([s.ordered.map((x) => x.name), s.winner?.name], [['post /cart', 'prefix /'], 'prefix /']);
});

test('path matching: PathPrefix on whole elements (trailing slash ignored), Exact, RegularExpression as a whole', () => {
  const cases: [MatchShape, string, boolean][] = [
    [m('PathPrefix', '/foo'), '/foo/bar', true],
    [m('PathPrefix', '/foo'), '/foobar', false],
    [m('PathPrefix', '/foo/'), '/foo', true],
    [m('PathPrefix', '/'), '/anything', true],
    [m('Exact', '/foo'), '/foo/', false],
    [m('RegularExpression', '/v[0-9]+/items'), '/v2/items', true],
    [m('RegularExpression', '/v[0-9]+'), '/v2/items', false],
    [m('RegularExpression', '(['), '/x', false],
  ];
  for (const [match, path, want] of cases) assert.equal(gatewayPathMatches(match, path), want, `${match.pathType} ${match.path} vs ${path}`);
});

test('ReferenceGrant matching: in the target namespace, from the referrer kind and namespace, to the kind and (optional) name', () => {
  const grant = (ns: string, from: unknown[], to: unknown[]): KubeObject => ({ kind: 'ReferenceGrant', metadata: { namespace: ns, name: 'g' }, spec: { from, to } });
  const fromEdge = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'edge' };
  const api = { group: '', kind: 'Service', namespace: 'web', name: 'api' };
  const cases: [KubeObject[], boolean][] = [
    [[grant('web', [fromEdge], [{ group: '', kind: 'Service', name: 'api' }])], true],
    [[grant('web', [fromEdge], [{ group: '', kind: 'Service' }])], true],
    [[grant('web', [fromEdge], [{ group: '', kind: 'Service', name: 'other' }])], false],
    [[grant('edge', [fromEdge], [{ group: '', kind: 'Service' }])], false],
    [[grant('web', [{ ...fromEdge, kind: 'GRPCRoute' }], [{ group: '', kind: 'Service' }])], false],
    [[grant('web', [{ ...fromEdge, namespace: 'shop' }], [{ group: '', kind: 'Service' }])], false],
    [[grant('web', [fromEdge], [{ group: '', kind: 'Secret' }])], false],
    [[], false],
  ];
  cases.forEach(([grants, want], i) => assert.equal(!!grantFor(grants, fromEdge, api), want, `case ${i}`));
});

test('across routes, the route with the most specific hostname matching the request ranks first, before any path rule (HTTPRouteSpec.Hostnames)', () => {
  // foo.example.com: an exact route hostname with `/` beats a wildcard route's Exact `/foo`.
  const wildcardExact = { ...cand('*.example.com Exact /foo', m('Exact', '/foo'), 0), hostnameRank: hostnameSpecificity('*.example.com') };
  const exactHostPrefix = { ...cand('foo.example.com PathPrefix /', m('PathPrefix', '/'), 1), hostnameRank: hostnameSpecificity('foo.example.com') };
  assert.deepEqual(byPrecedence([wildcardExact, exactHostPrefix]).map((x) => x.name), ['foo.example.com PathPrefix /', '*.example.com Exact /foo']);
  assert.equal(servingMatch([wildcardExact, exactHostPrefix], '/foo').winner?.name, 'foo.example.com PathPrefix /');
  // A longer wildcard beats a shorter one; equal hostnames fall back to the path rules.
  assert.ok(hostnameSpecificity('*.b.example.com') > hostnameSpecificity('*.example.com'));
  const sameHost = [{ ...cand('prefix /', m('PathPrefix', '/'), 0), hostnameRank: 5 }, { ...cand('exact /foo', m('Exact', '/foo'), 1), hostnameRank: 5 }];
  assert.equal(servingMatch(sameHost, '/foo').winner?.name, 'exact /foo');
});
