import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../src/kube/api-error.js';
import { readonlyRefusal } from '../../src/kube/readonly-guard.js';
import { KubeTransport } from '../../src/kube/transport.js';
import { startCluster } from '../helpers/sim.js';

const POD = '/api/v1/namespaces/deploy-test/pods/nginx';
/** GETs that reach into a workload (a stream into a container, or a request it acts on), spelled every way a path can be. */
const REACHING_IN = [
  `${POD}/exec?command=sh&stdin=true&tty=true`,
  `${POD}/attach?stdin=true`,
  `${POD}/portforward?ports=80`,
  `${POD}/proxy`,
  `${POD}:8080/proxy/admin/reset`,
  '/api/v1/namespaces/deploy-test/services/nginx/proxy/',
  '/api/v1/namespaces/deploy-test/services/http:nginx:80/proxy/delete-everything',
  '/api/v1/nodes/node-1/proxy/metrics',
  '/api/v1/proxy/namespaces/deploy-test/pods/nginx/',
  '/apis/subresources.kubevirt.io/v1/namespaces/deploy-test/virtualmachineinstances/vm/console',
  `${POD}/%65xec?command=sh`,
  '/api/v1/namespaces/deploy-test/pods/nginx%2Fexec?command=sh',
  `${POD}/log/../exec?command=sh`,
  `${POD}/log/%2e%2e/attach`,
  `${POD}/EXEC?command=sh`,
];

test('a read-only transport refuses exec, attach, port-forward and proxy even on GET, before sending; a writable one sends them', async () => {
  const c = await startCluster({ scenario: 'deploy-test', clock: 'manual' });
  const readonly = new KubeTransport(c.kc);
  readonly.readonly = true;
  const writable = new KubeTransport(c.kc);
  const sent: string[] = [];
  readonly.onRequest.add((method, path) => sent.push(`${method} ${path}`));
  try {
    for (const path of REACHING_IN) {
      const before = c.sim.http.requests.length;
      await assert.rejects(readonly.json({ path }), (e) => e instanceof ApiError && e.kind === 'readonly', path);
      assert.equal(c.sim.http.requests.length, before, `${path}: nothing reached the server`);
      // The same request from a session that may write does reach the server: the refusal is the read-only switch.
      await writable.json({ path }).catch(() => undefined);
      assert.equal(c.sim.http.requests.length, before + 1, `${path}: a writable transport sends it`);
    }
    assert.deepEqual(sent, []);
    const pods = await readonly.json({ path: '/api/v1/namespaces/deploy-test/pods' });
    assert.ok(pods.items.length > 0);
    const scale = await readonly.json({ path: '/apis/apps/v1/namespaces/deploy-test/deployments/nginx-deploy/scale' });
    assert.equal(scale.kind, 'Scale');
    assert.deepEqual(c.sim.http.requests.slice(-2).map((q) => `${q.method} ${q.verb} ${q.path}`), [
      'GET list /api/v1/namespaces/deploy-test/pods',
      'GET get /apis/apps/v1/namespaces/deploy-test/deployments/nginx-deploy/scale',
    ]);
  } finally {
    readonly.destroy();
    writable.destroy();
    await c.stop();
  }
});

test('the read-only rule reads paths as the API server routes them', () => {
  const refused = (path: string, base?: string) => readonlyRefusal('GET', path, base) !== undefined;
  // Names that happen to be the words: a pod "exec" in namespace "proxy" is read like any other.
  assert.equal(refused('/api/v1/namespaces/proxy/pods/exec/log'), false);
  assert.equal(refused('/api/v1/namespaces/exec/pods'), false);
  assert.equal(refused('/api/v1/namespaces/attach'), false);
  assert.equal(refused('/api/v1/namespaces/attach/status'), false);
  assert.equal(refused('/api/v1/pods'), false);
  assert.equal(refused('/version'), false);
  assert.equal(refused('/apis/apps/v1/namespaces/a/deployments/proxy/status'), false);
  assert.equal(refused('/api/v1/namespaces/a/pods/b/exec'), true);
  assert.equal(refused('/api/v1/namespaces/a/pods/b/ephemeralcontainers'), true, 'not one of the subresources kdrill reads');
  assert.equal(refused('/api/v1/namespaces/a/pods/b/%zz'), true, 'a path the server cannot decode');
  // Behind a proxy that serves the cluster under a path (Rancher): the rule applies after it, and the path may not leave it.
  assert.equal(refused('/k8s/clusters/c1/api/v1/namespaces/a/pods/b/log', '/k8s/clusters/c1/'), false);
  assert.equal(refused('/k8s/clusters/c1/api/v1/namespaces/a/pods/b/exec', '/k8s/clusters/c1/'), true);
  assert.equal(refused('/k8s/clusters/c2/api/v1/namespaces/a/pods/b/log', '/k8s/clusters/c1'), true);
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'CONNECT']) assert.equal(readonlyRefusal(method, '/api/v1/pods'), 'kdrill runs read-only (--readonly): it sends only get, list and watch requests');
  assert.equal(readonlyRefusal('get', '/api/v1/pods'), undefined, 'Node sends it as GET');
});
