import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ADMIN, startCluster, type TestCluster } from '../../helpers/sim.js';
import { serviceAccountToken } from '../../../src/sim/auth/authenticate.js';
import { kubectlFlags } from '../../helpers/kubectl.js';

const RECORDED = 'fixtures/apiserver-1.36/proxy';
const recorded = (name: string) => JSON.parse(readFileSync(`${RECORDED}/${name}.json`, 'utf8'));

let c: TestCluster;
before(async () => {
  c = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 60_000 });
  c.sim.advance(60_000);
  const api = c.sim.api;
  // The recorded corpus's two Services: one whose selector matches nothing, one ExternalName.
  api.create(api.registry.get('namespaces')!, undefined, { metadata: { name: 'corpus-web' } });
  api.create(api.registry.get('services')!, 'corpus-web', { metadata: { name: 'orphan' }, spec: { selector: { app: 'nothing' }, ports: [{ port: 80, targetPort: 8080 }] } });
  api.create(api.registry.get('services')!, 'corpus-web', { metadata: { name: 'legacy-db' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } });
  c.sim.settle();
});
after(() => c?.stop());

const get = async (path: string, init: RequestInit = {}) => {
  const r = await fetch(`${c.sim.url}${path}`, { ...init, headers: { ...ADMIN, ...(init.headers as Record<string, string>) } });
  return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
};
const podOf = (ns: string, app: string) => c.sim.store.list('pods', ns).find((p) => p.metadata?.labels?.app === app && p.status?.podIP)!;

test('services/proxy with no ready endpoints and to an ExternalName Service: the recorded API server bodies', async () => {
  const none = await get('/api/v1/namespaces/corpus-web/services/orphan:80/proxy/');
  assert.equal(none.status, 503);
  assert.deepEqual(JSON.parse(none.body), recorded('proxy-service-no-endpoints'));
  const ext = await get('/api/v1/namespaces/corpus-web/services/legacy-db/proxy/');
  assert.equal(ext.status, 404);
  assert.deepEqual(JSON.parse(ext.body), recorded('proxy-service-externalname'));
  // The demo's search-api: its pods run but are not ready, so the Service has no ready endpoints.
  assert.deepEqual(JSON.parse((await get('/api/v1/namespaces/shop/services/search-api:http/proxy/search')).body).message, 'no endpoints available for service "search-api"');
});

test('pods/proxy and services/proxy reach the container: its status, headers and body, path and query passed on', async () => {
  const pay = podOf('payments', 'payments-api');
  const ok = await get(`/api/v1/namespaces/payments/pods/${pay.metadata!.name}:8080/proxy/v1/x?y=1`);
  assert.deepEqual(ok, { status: 200, type: 'application/json', body: '{"service":"payments-api","version":"2.3.1","status":"ok","path":"/v1/x"}\n' });
  assert.equal((await get(`/api/v1/namespaces/payments/pods/${pay.metadata!.name}:http/proxy/api/orders`)).status, 500);
  assert.equal((await get('/api/v1/namespaces/payments/services/payments-api:http/proxy/api')).status, 500);
  assert.equal((await get('/api/v1/namespaces/payments/services/payments-api:8080/proxy/readyz')).status, 200);
  const head = await get('/api/v1/namespaces/shop/services/frontend:80/proxy/', { method: 'HEAD' });
  assert.deepEqual([head.status, head.body], [200, '']);
  // A Service port given by number finds its named endpoints port; no port at all finds only an unnamed one.
  assert.equal((await get('/api/v1/namespaces/shop/services/frontend/proxy/')).status, 503);
});

test('a pod whose container does not run refuses the connection: 503 with the dial error; a missing pod is 404', async () => {
  const cart = podOf('shop', 'cart');
  const r = await get(`/api/v1/namespaces/shop/pods/${cart.metadata!.name}:8080/proxy/`);
  assert.equal(r.status, 503);
  assert.deepEqual(JSON.parse(r.body), {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: `error trying to reach service: dial tcp ${cart.status!.podIP}:8080: connect: connection refused`, reason: 'ServiceUnavailable', code: 503,
  });
  assert.deepEqual(JSON.parse((await get('/api/v1/namespaces/shop/pods/nope:80/proxy/')).body).message, 'pods "nope" not found');
});

test('proxy is RBAC-checked as the pods/proxy subresource: the read-only viewer may not use it', async () => {
  const frontend = podOf('shop', 'frontend');
  const r = await fetch(`${c.sim.url}/api/v1/namespaces/shop/pods/${frontend.metadata!.name}:80/proxy/`, { headers: { Authorization: `Bearer ${serviceAccountToken('shop', 'viewer')}` } });
  assert.equal(r.status, 403);
  assert.match((await r.json() as any).message, /cannot get resource "pods\/proxy" in API group "" in the namespace "shop"/);
});

test('kubectl get --raw through pods/proxy against the simulator', async () => {
  const frontend = podOf('shop', 'frontend');
  // Asynchronously: the simulator answers from this process.
  const { stdout: out } = await promisify(execFile)('kubectl', [...kubectlFlags(c.kubeconfigPath), 'get', '--raw', `/api/v1/namespaces/shop/pods/${frontend.metadata!.name}:80/proxy/`], { encoding: 'utf8' });
  assert.match(out, /<title>Welcome to nginx!<\/title>/);
});
