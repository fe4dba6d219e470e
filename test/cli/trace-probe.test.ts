import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { startCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

const kdrill = (...args: string[]) => spawnSync(process.execPath, ['bin/kdrill.js', ...args], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/nonexistent/kubeconfig', NO_COLOR: '' } });

/** Probe times masked by position, same width (` in   12ms` → ` in ####ms`). */
const maskTimes = (text: string) => text.replace(/ in ( *\d+)ms/g, (_m, t: string) => ` in ${'#'.repeat(t.length)}ms`);

test('trace --probe --demo: the Service whose pods answer 500 on /api while ready is found only by the probe', () => {
  const plain = kdrill('trace', 'pay.example.com/api', '--demo');
  assert.equal(plain.status, 0, 'without probing the route looks healthy');
  const r = kdrill('trace', 'pay.example.com/api', '--demo', '--probe');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  const lines = maskTimes(r.stdout).split('\n');
  assert.deepEqual(lines.slice(0, 3), [
    'pay.example.com/api  BROKEN',
    '│  error: Service payments-api: the pods answer 500 on GET /api while they are ready: the application itself fails, which only a request shows',
    '│  info: probes: one GET per hop, innermost first, 3s timeout each; pods/proxy and services/proxy reach pods from the API server, past NetworkPolicies, the ingress controller and sidecars: a pod that answers there may still be cut off from real clients',
  ]);
  // The DNS hop comes before the entry; the entry's line and its probe follow each other.
  const entry = lines.findIndex((l) => l.startsWith('└─ FAIL ingress payments/payments'));
  assert.deepEqual(lines.slice(entry, entry + 2), [
    '└─ FAIL ingress payments/payments  class nginx · k8s.io/ingress-nginx · 172.18.255.200 · host pay.example.com',
    '   │  error: probe: GET /api via http://172.18.255.200:80 (Host pay.example.com) → 500 in ####ms · {"error":"Internal Server Error","status":500,"path":"/api"}',
  ]);
  const probes = lines.filter((l) => l.includes('probe: ')).map((l) => l.replace(/^[│ ]+/, ''));
  assert.deepEqual(probes, [
    'error: probe: GET /api via http://172.18.255.200:80 (Host pay.example.com) → 500 in ####ms · {"error":"Internal Server Error","status":500,"path":"/api"}',
    'error: probe: GET /api via services/proxy :http → 500 in ####ms · {"error":"Internal Server Error","status":500,"path":"/api"}',
    'error: probe: GET /api via pods/proxy :8080 → 500 in ####ms · {"error":"Internal Server Error","status":500,"path":"/api"}',
    'error: probe: GET /api via pods/proxy :8080 → 500 in ####ms · {"error":"Internal Server Error","status":500,"path":"/api"}',
  ]);
  // Another path of the same Service answers: the probe follows the traced path.
  const ok = kdrill('trace', 'pay.example.com/v1/charges', '--demo', '--probe', '--probe-method', 'HEAD');
  assert.equal(ok.status, 0, ok.stdout);
  assert.match(maskTimes(ok.stdout), /info: probe: HEAD \/v1\/charges via services\/proxy :http → 200 in ####ms\n/);
});

test('trace shop.example.com --probe --demo -o json: probe results on nodes, the pods of cart are the innermost failing hop', () => {
  const r = kdrill('trace', 'shop.example.com', '--demo', '--probe', '-o', 'json');
  assert.equal(r.status, 1, r.stderr);
  const t = JSON.parse(r.stdout);
  assert.equal(t.verdict, 'broken');
  const nodes: any[] = [];
  const walk = (n: any) => (nodes.push(n), n.children.forEach(walk));
  walk(t.root);
  const cart = nodes.find((n) => n.type === 'service' && n.facts.name === 'cart');
  assert.deepEqual({ ...cart.probe, ms: 0 }, { layer: 'service', via: 'api-proxy', method: 'GET', path: '/cart', target: 'services/proxy cart:http', outcome: 'api-error', status: 503, ms: 0, message: 'no endpoints available for service "cart"', timeoutMs: 3000 });
  const frontend = nodes.find((n) => n.type === 'service' && n.facts.name === 'frontend');
  assert.deepEqual([frontend.probe.outcome, frontend.probe.status, frontend.probe.path], ['answered', 200, '/']);
  assert.match(frontend.probe.body, /^<!DOCTYPE html>/);
  const cartPods = nodes.filter((n) => n.type === 'pod' && n.facts.name.startsWith('cart-'));
  assert.equal(cartPods.length, 2);
  for (const p of cartPods) assert.equal(p.probe.message, `error trying to reach service: dial tcp ${p.facts.ip}:8080: connect: connection refused`);
  const finding = t.root.diagnostics.find((d: any) => d.code === 'probe.failing-hop');
  assert.match(finding.message, /^Service cart: the pods answer 503 from the API server \(error trying to reach service: dial tcp 10\.244\.\d+\.\d+:8080: connect: connection refused\): the pods are the innermost hop that fails$/);
  const entry = nodes.find((n) => n.type === 'ingress');
  assert.deepEqual([entry.probe.via, entry.probe.target, entry.probe.status], ['direct', 'http://172.18.255.200:80', 200]);
});

test('the seed walk probed end to end: the edge (at the address DNS gives) through the entry to the pods, exit 0', () => {
  const r = kdrill('trace', 'holmes.test.shopeekredit.co.id', '--demo', '--edge-config', 'fixtures/edge/holmes', '--probe');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0, r.stdout);
  const probes = maskTimes(r.stdout).split('\n').filter((l) => l.includes('probe: ')).map((l) => l.replace(/^[│ ]+/, ''));
  assert.deepEqual(probes, [
    'info: probe: GET / via https://143.92.64.63:443 (Host holmes.test.shopeekredit.co.id) → 200 in ####ms · credit-risk-admin-id-test v1.0.51.t09: ok',
    'info: probe: GET / via http://172.18.255.200:80 (Host holmes.test.shopeekredit.co.id) → 200 in ####ms · credit-risk-admin-id-test v1.0.51.t09: ok',
    'info: probe: GET / via services/proxy :http → 200 in ####ms · credit-risk-admin-id-test v1.0.51.t09: ok',
    'info: probe: GET / via pods/proxy :80 → 200 in ####ms · credit-risk-admin-id-test v1.0.51.t09: ok',
    'info: probe: GET /admin/ via http://172.18.255.200:80 (Host holmes.test.shopeekredit.co.id) → 200 in ####ms · credit-risk-admin-node-id-test v1.0.51.t04: ok',
    'info: probe: GET /admin/ via services/proxy :http → 200 in ####ms · credit-risk-admin-node-id-test v1.0.51.t04: ok',
    'info: probe: GET /admin/ via pods/proxy :3001 → 200 in ####ms · credit-risk-admin-node-id-test v1.0.51.t04: ok',
  ]);
  // Over http the edge's port-80 block redirects to https: the probe shows the redirect, which is no failure.
  const plain = kdrill('trace', 'http://holmes.test.shopeekredit.co.id/', '--demo', '--edge-config', 'fixtures/edge/holmes', '--probe');
  assert.equal(plain.status, 0, plain.stdout);
  assert.match(maskTimes(plain.stdout), /info: probe: GET \/ via http:\/\/143\.92\.64\.63:80 \(Host holmes\.test\.shopeekredit\.co\.id\) → 307 in ####ms · <html> <head><title>307 Temporary Redirect<\/title>/);
});

test('--readonly refuses --probe with one line, before connecting; --probe-method is GET or HEAD', () => {
  const r = kdrill('trace', 'pay.example.com/api', '--demo', '--probe', '--readonly');
  assert.equal(r.status, 3);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'kdrill: --readonly refuses --probe: probes send requests to the applications (nothing was sent)\n');
  const post = kdrill('trace', 'pay.example.com/api', '--demo', '--probe', '--probe-method', 'POST');
  assert.equal(post.status, 3);
  assert.match(post.stderr, /^kdrill: --probe-method must be GET or HEAD, not "POST"\n/);
});

test('against kdrill sim through its kubeconfig: the fake addresses are reached at the stand-ins the simulator lists', async () => {
  const c = await startCluster({ scenario: 'demo', speed: 20 });
  try {
    await waitFor('payments-api ready', () => c.sim.store.list('pods', 'payments').filter((p) => p.metadata?.labels?.app === 'payments-api' && p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True')).length === 2, 20_000);
    const run = promisify(execFile);
    const r = await run(process.execPath, ['bin/kdrill.js', 'trace', 'pay.example.com/api', '--probe', '--kubeconfig', c.kubeconfigPath], { encoding: 'utf8' }).catch((e) => e);
    assert.equal(r.code, 1, r.stderr);
    assert.match(maskTimes(r.stdout), /error: probe: GET \/api via http:\/\/172\.18\.255\.200:80 \(Host pay\.example\.com\) → 500 in ####ms · \{"error":"Internal Server Error","status":500,"path":"\/api"\}\n/);
  } finally {
    await c.stop();
  }
});
