// kubectl as a namespace-scoped user against the simulator: the demo's kdrill-viewer context, and
// ServiceAccount corpus-web/corpus-limited, whose kubectl output was recorded from a real cluster
// (errors/kubectl-403-as-serviceaccount.txt). kubectl sends bearer tokens only over TLS.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN } from '../../src/sim/auth/authenticate.js';
import { CORPUS, hasCorpus } from '../helpers/recorded-corpus.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const run = promisify(execFile);

describe('kubectl as a namespace-scoped user', { skip: hasKubectl ? false : 'kubectl is not installed on this machine' }, () => {
  let c: TestCluster;
  let dir: string;
  let kubeconfig: string;

  /** kubectl's stdout, stderr and exit code (the in-process simulator keeps answering while it runs). */
  const kubectl = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args], { timeout: 60_000 });
      return { stdout, stderr, code: 0 };
    } catch (e: any) {
      return { stdout: String(e.stdout), stderr: String(e.stderr), code: Number(e.code) };
    }
  };
  const api = (method: string, path: string, body: unknown) =>
    fetch(`${c.sim.url}${path}`, { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  before(async () => {
    c = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 60_000 });
    c.sim.advance(60_000);
    dir = mkdtempSync(join(tmpdir(), 'kdrill-rbac-'));
    // The recorded ServiceAccount and Role, and a context for it next to the simulator's own.
    await api('POST', '/api/v1/namespaces', { metadata: { name: 'corpus-web' } });
    await api('POST', '/api/v1/namespaces/corpus-web/serviceaccounts', { metadata: { name: 'corpus-limited' } });
    await api('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/corpus-web/roles', { metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] }] });
    await api('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/corpus-web/rolebindings', { metadata: { name: 'pod-reader' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'ServiceAccount', name: 'corpus-limited', namespace: 'corpus-web' }] });
    const config = c.sim.kubeconfig() as any;
    config.users.push({ name: 'sa', user: { token: 'sa:corpus-web:corpus-limited' } });
    config.contexts.push({ name: 'corpus-limited', context: { cluster: config.clusters[0].name, user: 'sa', namespace: 'corpus-web' } });
    kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, JSON.stringify(config), { mode: 0o600 });
  });
  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the kubeconfig has a kdrill-viewer context in namespace shop; the current one stays the admin', async () => {
    assert.equal((await kubectl('config', 'current-context')).stdout, 'kdrill-sim\n');
    assert.equal((await kubectl('config', 'view', '-o', 'jsonpath={.contexts[?(@.name=="kdrill-viewer")].context.namespace}')).stdout, 'shop');
    assert.equal((await kubectl('auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}')).stdout, 'kdrill-sim-user');
  });

  test('the viewer lists pods in shop; all namespaces and Secrets are refused in the recorded words', async () => {
    const pods = await kubectl('--context', 'kdrill-viewer', 'get', 'pods', '-n', 'shop');
    assert.equal(pods.code, 0, pods.stderr);
    assert.match(pods.stdout, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    assert.match(pods.stdout, /^cart-\w+-\w{5}\s/m);
    const user = 'User "system:serviceaccount:shop:viewer"';
    const all = await kubectl('--context', 'kdrill-viewer', 'get', 'pods', '-A');
    assert.equal(all.code, 1);
    assert.equal(all.stderr, `Error from server (Forbidden): pods is forbidden: ${user} cannot list resource "pods" in API group "" at the cluster scope\n`);
    const secrets = await kubectl('--context', 'kdrill-viewer', 'get', 'secrets', '-n', 'shop');
    assert.equal(secrets.stderr, `Error from server (Forbidden): secrets is forbidden: ${user} cannot list resource "secrets" in API group "" in the namespace "shop"\n`);
    assert.equal((await kubectl('--context', 'kdrill-viewer', 'auth', 'can-i', 'list', 'pods', '-n', 'shop')).stdout, 'yes\n');
    const secretsCanI = await kubectl('--context', 'kdrill-viewer', 'auth', 'can-i', 'get', 'secrets', '-n', 'shop');
    assert.deepEqual([secretsCanI.stdout, secretsCanI.code], ['no\n', 1]);
    assert.equal((await kubectl('--context', 'kdrill-viewer', 'auth', 'can-i', 'list', 'deployments.apps', '-n', 'payments')).stdout, 'no\n');
  });

  test('corpus-limited: kubectl prints what it printed against the real server', { skip: hasCorpus ? false : 'the recorded corpus is not on this machine' }, async () => {
    const recorded = readFileSync(join(CORPUS, 'errors/kubectl-403-as-serviceaccount.txt'), 'utf8');
    const section = (cmd: string) => recorded.split(`$ ${cmd}\n`)[1].split(/^\$ /m)[0];
    const as = (...args: string[]) => kubectl('--context', 'corpus-limited', ...args);
    assert.equal((await as('get', 'pods', '-A')).stderr, section('kubectl get pods -A'));
    assert.equal((await as('get', 'secrets', '-n', 'corpus-web')).stderr, section('kubectl get secrets -n corpus-web'));
    // The recording's server was OpenShift's fork, whose bootstrap policy adds two /.well-known rows
    // that upstream Kubernetes does not have (see the corpus README): those two rows are left out.
    const upstream = section('kubectl auth can-i --list -n corpus-web').split('\n').filter((l) => !/\[\/\.well-known(\/\*)?\]/.test(l)).join('\n');
    assert.equal((await as('auth', 'can-i', '--list', '-n', 'corpus-web')).stdout, upstream);
    const whoami = JSON.parse((await as('auth', 'whoami', '-o', 'json')).stdout);
    const want = JSON.parse(section('kubectl auth whoami -o json'));
    // A bound token's credential id (extra) has no counterpart in the simulator's fixed tokens.
    assert.deepEqual(whoami.status.userInfo.groups, want.status.userInfo.groups);
    assert.equal(whoami.status.userInfo.username, want.status.userInfo.username);
    assert.deepEqual(Object.keys(whoami), Object.keys(want));
  });
});
