import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const kdrill = (...args: string[]) => spawnSync(process.execPath, ['bin/kdrill.js', ...args], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/nonexistent/kubeconfig', NO_COLOR: '' } });

// The demo's resolver answers first (the DNS hop, issue 17). Pods and containers (random names, ages) are left out: the Service lines above them say what they sum up to.
const withoutPods = (text: string) => text.split('\n').filter((l) => !/ (pod|container) /.test(l));

const EXPECTED: Record<string, { status: number; lines: string[] }> = {
  'store.gw.example.com/cart': {
    status: 0,
    lines: [
      'store.gw.example.com/cart  HEALTHY',
      '├─ ok   dns store.gw.example.com  A 172.18.255.210 · demo resolver',
      '│     info: store.gw.example.com resolves straight to the cluster: 172.18.255.210 (published by Gateway edge/public-gw)',
      '└─ ok   gateway edge/public-gw  class kdrill-gateway · kdrill.dev/gateway-controller · 172.18.255.210',
      '   ├─ ok   listener http (HTTP 80 *.gw.example.com)  2 attached routes',
      '   │  └─ ok   httproute shop/store  store.gw.example.com · attached',
      '   │     ├─ ok   rule 0 / PathPrefix  → frontend:80',
      '   │     │     info: matches too, but /cart PathPrefix of HTTPRoute shop/store takes precedence, so its backends are not traced',
      '   │     └─ ok   rule 1 /cart PathPrefix  serves this request',
      '   │        ├─ ok   backend storefront-stable:80  weight 90 · 90%',
      '   │        │  └─ ok   service storefront-stable:80 (80 → http)  ClusterIP · 10.96.187.189 · app=frontend · endpoints 3 ready',
      '   │        └─ ok   backend storefront-canary:80  weight 10 · 10%',
      '   │           └─ ok   service storefront-canary:80 (80 → http)  ClusterIP · 10.96.201.70 · app=frontend · endpoints 3 ready',
      '   └─ ok   listener https (HTTPS 443 *.gw.example.com)  3 attached routes',
      '      ├─ ok   tls public-gw-tls  secret found',
      '      └─ ok   httproute shop/store  store.gw.example.com · attached',
      '         ├─ ok   rule 0 / PathPrefix  → frontend:80',
      '         │     info: matches too, but /cart PathPrefix of HTTPRoute shop/store takes precedence, so its backends are not traced',
      '         └─ ok   rule 1 /cart PathPrefix  serves this request',
      '            ├─ ok   backend storefront-stable:80  weight 90 · 90%',
      '            │  └─ ok   service storefront-stable:80 (80 → http)  ClusterIP · 10.96.187.189 · app=frontend · endpoints 3 ready',
      '            └─ ok   backend storefront-canary:80  weight 10 · 10%',
      '               └─ ok   service storefront-canary:80 (80 → http)  ClusterIP · 10.96.201.70 · app=frontend · endpoints 3 ready',
      '',
    ],
  },
  'orders.gw.example.com': {
    status: 1,
    lines: [
      'orders.gw.example.com  BROKEN',
      '├─ ok   dns orders.gw.example.com  A 172.18.255.210 · demo resolver',
      '│     info: orders.gw.example.com resolves straight to the cluster: 172.18.255.210 (published by Gateway edge/public-gw)',
      '└─ FAIL gateway edge/public-gw  class kdrill-gateway · kdrill.dev/gateway-controller · 172.18.255.210',
      '   ├─ ok   listener http (HTTP 80 *.gw.example.com)  2 attached routes',
      '   │     info: no route attached to this listener claims orders.gw.example.com: requests on port 80 get 404',
      '   └─ FAIL listener https (HTTPS 443 *.gw.example.com)  3 attached routes',
      '      ├─ ok   tls public-gw-tls  secret found',
      '      └─ FAIL httproute shop/orders  orders.gw.example.com · attached',
      '         │  warning: ResolvedRefs is False (RefNotPermitted: Backend ref to Service payments/payments-api not permitted by any ReferenceGrant)',
      '         └─ FAIL rule 0 / PathPrefix',
      '            │  error: all the traffic goes to backends that fail (payments/payments-api:8080)',
      '            └─ FAIL backend payments/payments-api:8080  weight 1 · 100% · cross-namespace, not permitted',
      '                  error: HTTPRoute shop/orders refers to Service payments/payments-api in another namespace, and no ReferenceGrant in payments permits it: the gateway refuses this backend (500)',
      '',
    ],
  },
  'legacy.gw.example.com': {
    status: 2,
    lines: [
      'legacy.gw.example.com  UNROUTED',
      '│  error: no attached Gateway route serves legacy.gw.example.com: the routes and listeners below say why',
      '├─ info dns legacy.gw.example.com  NXDOMAIN · demo resolver',
      '│     info: legacy.gw.example.com does not resolve: no such domain (NXDOMAIN from demo resolver)',
      '├─ FAIL gateway edge/public-gw  class kdrill-gateway · kdrill.dev/gateway-controller · 172.18.255.210',
      '│  ├─ FAIL listener http (HTTP 80 *.gw.example.com)  2 attached routes',
      '│  │     error: no route attached to this listener claims legacy.gw.example.com: requests on port 80 get 404',
      '│  └─ FAIL listener https (HTTPS 443 *.gw.example.com)  3 attached routes',
      '│     │  error: no route attached to this listener claims legacy.gw.example.com: requests on port 443 get 404',
      '│     └─ ok   tls public-gw-tls  secret found',
      '└─ FAIL httproute shop/legacy  legacy.gw.example.com · not attached',
      '      error: its parentRef names Gateway edge/legacy-gw, which does not exist: the route is attached to nothing (and no controller writes a status for it)',
      '',
    ],
  },
  'grpc.gw.example.com': {
    status: 0,
    lines: [
      'grpc.gw.example.com  HEALTHY',
      '├─ ok   dns grpc.gw.example.com  A 172.18.255.210 · demo resolver',
      '│     info: grpc.gw.example.com resolves straight to the cluster: 172.18.255.210 (published by Gateway edge/public-gw)',
      '└─ ok   gateway edge/public-gw  class kdrill-gateway · kdrill.dev/gateway-controller · 172.18.255.210',
      '   ├─ ok   listener http (HTTP 80 *.gw.example.com)  2 attached routes',
      '   │  └─ ok   grpcroute payments/payments-grpc  grpc.gw.example.com · attached',
      '   │     └─ ok   rule 0 /payments.v1.Payments PathPrefix',
      '   │        └─ ok   backend payments-api:8080  weight 1 · 100%',
      '   │           └─ ok   service payments-api:8080 (8080 → http)  ClusterIP · 10.96.40.130 · app=payments-api · endpoints 2 ready',
      '   └─ ok   listener https (HTTPS 443 *.gw.example.com)  3 attached routes',
      '      ├─ ok   tls public-gw-tls  secret found',
      '      └─ ok   grpcroute payments/payments-grpc  grpc.gw.example.com · attached',
      '         └─ ok   rule 0 /payments.v1.Payments PathPrefix',
      '            └─ ok   backend payments-api:8080  weight 1 · 100%',
      '               └─ ok   service payments-api:8080 (8080 → http)  ClusterIP · 10.96.40.130 · app=payments-api · endpoints 2 ready',
      '',
    ],
  },
};

for (const [target, want] of Object.entries(EXPECTED)) {
  test(`kdrill trace ${target} --demo: the Gateway API route, exit ${want.status}`, () => {
    const r = kdrill('trace', target, '--demo');
    assert.equal(r.stderr, '');
    assert.deepEqual(withoutPods(r.stdout), want.lines);
    assert.equal(r.status, want.status);
  });
}

test('kdrill trace -o json: the Gateway API node types with their facts (gateway, listener, route kind, rule, backend weight)', () => {
  const r = kdrill('trace', 'https://store.gw.example.com/cart', '--demo', '-o', 'json');
  assert.equal(r.status, 0, r.stderr);
  const t = JSON.parse(r.stdout);
  assert.equal(t.schema, 'kdrill/trace/v1');
  assert.deepEqual([t.host, t.path, t.verdict, t.root.facts.port], ['store.gw.example.com', '/cart', 'healthy', 443]);
  const nodes: any[] = [];
  const walk = (n: any) => (nodes.push(n), n.children.forEach(walk));
  walk(t.root);
  const of = (type: string) => nodes.filter((n) => n.type === type);
  // https:// means port 443: only the https listener is traced.
  assert.deepEqual(of('listener').map((n) => [n.facts.name, n.facts.port, n.facts.protocol, n.facts.hostname, n.facts.attachedRoutes]), [['https', 443, 'HTTPS', '*.gw.example.com', 3]]);
  const [gw] = of('gateway');
  assert.deepEqual([gw.facts.class, gw.facts.controller, gw.facts.addresses, gw.facts.conditions.Programmed.status], ['kdrill-gateway', 'kdrill.dev/gateway-controller', ['172.18.255.210'], 'True']);
  assert.deepEqual(of('route').map((n) => [n.facts.kind, n.facts.namespace, n.facts.name, n.facts.attached, n.facts.conditions.Accepted.reason]), [['HTTPRoute', 'shop', 'store', true, 'Accepted']]);
  assert.deepEqual(of('rule').map((n) => [n.facts.index, n.facts.serves]), [[0, false], [1, true]]);
  assert.deepEqual(of('backend').map((n) => [n.facts.name, n.facts.weight, n.facts.share, n.health]), [['storefront-stable', 90, 0.9, 'ok'], ['storefront-canary', 10, 0.1, 'ok']]);
  assert.deepEqual(of('tls').map((n) => [n.facts.secretName, n.facts.secretExists]), [['public-gw-tls', true]]);
  assert.equal(of('service').length, 2);
});

test('kdrill trace -o json: an unrouted Gateway host names the unattached route and why, as a route node with its code', () => {
  const r = kdrill('trace', 'legacy.gw.example.com', '--demo', '-o', 'json');
  assert.equal(r.status, 2);
  const t = JSON.parse(r.stdout);
  assert.equal(t.verdict, 'unrouted');
  const route = t.root.children.find((n: any) => n.type === 'route');
  assert.deepEqual([route.facts.kind, route.facts.name, route.facts.attached, route.diagnostics.map((d: any) => d.code)], ['HTTPRoute', 'legacy', false, ['route.parent-missing']]);
  assert.deepEqual(t.root.diagnostics.map((d: any) => d.code), ['host.no-attached-route']);
});
