// RBAC in the simulated API server, over real HTTP: the refusals a real kube-apiserver 1.36 answered
// (errors/401-*, 403-*, 405-get-selfsubjectaccessreviews in the recorded corpus) byte for byte, for
// the same ServiceAccount corpus-web/corpus-limited with the same Role; the demo's viewer; reviews.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import yaml from 'js-yaml';
import { ADMIN_TOKEN } from '../../src/sim/auth/authenticate.js';
import { CORPUS, hasCorpus } from '../helpers/recorded-corpus.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';

const SA = 'sa:corpus-web:corpus-limited';
const VIEWER = 'sa:shop:viewer';
let c: TestCluster;

/** One HTTP exchange with the simulator; `token` undefined sends no Authorization header. */
async function call(method: string, path: string, token: string | undefined, body?: unknown) {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${c.sim.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const admin = (method: string, path: string, body?: unknown) => call(method, path, ADMIN_TOKEN, body);

before(async () => {
  c = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 60_000 });
  c.sim.advance(60_000);
  if (!hasCorpus) return;
  // The recorded namespaces, ServiceAccount corpus-limited, Role and RoleBinding pod-reader, created through the API.
  for (const ns of ['corpus-web', 'corpus-batch']) assert.equal((await admin('POST', '/api/v1/namespaces', { metadata: { name: ns } })).status, 201);
  const docs = yaml.loadAll(readFileSync(join(CORPUS, 'manifests/10-corpus-web.yaml'), 'utf8')) as any[];
  const pick = (kind: string, name: string) => docs.find((d) => d?.kind === kind && d.metadata.name === name);
  const creates: [string, any][] = [
    ['/api/v1/namespaces/corpus-web/serviceaccounts', pick('ServiceAccount', 'corpus-limited')],
    ['/api/v1/namespaces/corpus-web/serviceaccounts', pick('ServiceAccount', 'web')],
    ['/apis/rbac.authorization.k8s.io/v1/namespaces/corpus-web/roles', pick('Role', 'pod-reader')],
    ['/apis/rbac.authorization.k8s.io/v1/namespaces/corpus-web/rolebindings', pick('RoleBinding', 'pod-reader')],
  ];
  for (const [path, obj] of creates) assert.equal((await admin('POST', path, obj)).status, 201, `${path} ${obj.metadata.name}`);
});
after(() => c.stop());

describe('recorded refusals, byte for byte', { skip: hasCorpus ? false : 'the recorded corpus is not on this machine' }, () => {
  const cases = hasCorpus ? readdirSync(join(CORPUS, 'errors')).filter((f) => /^(401|403)-.*\.http$|^405-get-selfsubjectaccessreviews\.http$|^200-sa-/.test(f)) : [];
  const tokenFor = (file: string) => (file.startsWith('401') ? 'not-a-valid-token' : file.includes('anonymous') ? undefined : file.includes('-sa-') ? SA : ADMIN_TOKEN);

  test('every case is found', () => assert.equal(cases.length, 11, cases.join(' ')));

  for (const file of cases) {
    test(file, async () => {
      const http = readFileSync(join(CORPUS, 'errors', file), 'utf8');
      const [, method, path] = /^> (\w+) (\S+)/.exec(http)!;
      const [, code] = /^HTTP\/1\.1 (\d+)/m.exec(http)!;
      const res = await call(method, path, tokenFor(file));
      assert.equal(res.status, Number(code), res.text);
      if (file.startsWith('200')) return;
      const recorded = readFileSync(join(CORPUS, 'errors', file.replace(/\.http$/, '.json')), 'utf8');
      // Same keys in the same order, same values: the recorded body re-serialised compactly, as the server sends it.
      assert.equal(res.text, JSON.stringify(JSON.parse(recorded)));
      const head = http.slice(http.indexOf('HTTP/1.1'), http.indexOf('\n\n', http.indexOf('HTTP/1.1')));
      for (const name of ['Cache-Control', 'X-Content-Type-Options', 'Content-Type']) {
        const want = new RegExp(`^${name}: (.*)$`, 'm').exec(head)?.[1] ?? null;
        assert.equal(res.headers.get(name), want, name);
      }
    });
  }
});

describe('the demo viewer (ServiceAccount shop/viewer, Role viewer in shop)', () => {
  const forbidden = (message: string, kind: string, extra: Record<string, string> = {}) =>
    JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', details: { ...extra, kind }, code: 403 });
  const user = 'User "system:serviceaccount:shop:viewer"';

  test('reads what its Role names in shop: lists, gets, watches, pod logs, events of both APIs', async () => {
    for (const path of ['/api/v1/namespaces/shop/pods', '/api/v1/namespaces/shop/services', '/apis/apps/v1/namespaces/shop/deployments', '/apis/networking.k8s.io/v1/namespaces/shop/ingresses', '/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices', '/api/v1/namespaces/shop/events']) {
      assert.equal((await call('GET', path, VIEWER)).status, 200, path);
    }
    const pods = JSON.parse((await call('GET', '/api/v1/namespaces/shop/pods', VIEWER)).text).items;
    const running = pods.find((p: any) => p.status.phase === 'Running');
    const pod = `/api/v1/namespaces/shop/pods/${running.metadata.name}`;
    assert.equal((await call('GET', pod, VIEWER)).status, 200);
    const log = await call('GET', `${pod}/log?container=${running.spec.containers[0].name}&tailLines=1`, VIEWER);
    assert.equal(log.status, 200, log.text);
    const watch = await call('GET', '/api/v1/namespaces/shop/pods?watch=true&timeoutSeconds=1', VIEWER);
    assert.equal(watch.status, 200);
    // Discovery and who-am-I work for every authenticated user (bootstrap ClusterRoles).
    assert.equal((await call('GET', '/apis', VIEWER)).status, 200);
    assert.equal((await call('GET', '/api/v1', VIEWER)).status, 200);
  });

  test('is refused outside shop, cluster-wide, Secrets, writes and subresources its Role does not name', async () => {
    const cases: [string, string, string][] = [
      ['GET', '/api/v1/pods', forbidden(`pods is forbidden: ${user} cannot list resource "pods" in API group "" at the cluster scope`, 'pods')],
      ['GET', '/api/v1/pods?watch=1', forbidden(`pods is forbidden: ${user} cannot watch resource "pods" in API group "" at the cluster scope`, 'pods')],
      ['GET', '/api/v1/namespaces/payments/pods', forbidden(`pods is forbidden: ${user} cannot list resource "pods" in API group "" in the namespace "payments"`, 'pods')],
      ['GET', '/api/v1/namespaces/shop/secrets', forbidden(`secrets is forbidden: ${user} cannot list resource "secrets" in API group "" in the namespace "shop"`, 'secrets')],
      ['DELETE', '/api/v1/namespaces/shop/pods/x', forbidden(`pods "x" is forbidden: ${user} cannot delete resource "pods" in API group "" in the namespace "shop"`, 'pods', { name: 'x' })],
      ['GET', '/apis/apps/v1/namespaces/shop/deployments/cart/scale', forbidden(`deployments.apps "cart" is forbidden: ${user} cannot get resource "deployments/scale" in API group "apps" in the namespace "shop"`, 'deployments', { name: 'cart', group: 'apps' })],
      ['POST', '/api/v1/namespaces/shop/pods/x/exec', forbidden(`pods "x" is forbidden: ${user} cannot create resource "pods/exec" in API group "" in the namespace "shop"`, 'pods', { name: 'x' })],
      ['GET', '/api/v1/nodes', forbidden(`nodes is forbidden: ${user} cannot list resource "nodes" in API group "" at the cluster scope`, 'nodes')],
    ];
    for (const [method, path, body] of cases) {
      const res = await call(method, path, VIEWER);
      assert.equal(res.status, 403, `${method} ${path}`);
      // Exact text: details keys in the recorded order (name, group, kind).
      assert.equal(res.text, body);
    }
  });
});

describe('anonymous and unknown tokens', () => {
  test('anonymous gets only the public info (version, health); discovery is refused by path', async () => {
    assert.equal((await call('GET', '/version', undefined)).status, 200);
    assert.equal((await call('GET', '/healthz', undefined)).status, 200);
    const api = await call('GET', '/api', undefined);
    assert.equal(api.status, 403);
    assert.equal(api.text, JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'forbidden: User "system:anonymous" cannot get path "/api"', reason: 'Forbidden', details: {}, code: 403 }));
  });

  test('a ServiceAccount token is good only while its ServiceAccount exists', async () => {
    assert.equal((await call('GET', '/api/v1/namespaces/shop/pods', 'sa:shop:nobody')).status, 401);
    assert.equal((await call('GET', '/apis', 'sa:shop:viewer')).status, 200);
  });
});
