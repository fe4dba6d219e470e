import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SnapshotManifest } from '../../../src/model/snapshot/snapshot-manifest.js';
import { ADMIN_TOKEN } from '../../../src/sim/auth/authenticate.js';
import { SimCluster } from '../../../src/sim/cluster.js';
import { storeKey } from '../../../src/sim/resources.js';
import { readSnapshot } from '../../../src/sim/snapshot/read-snapshot.js';
import { captureSim } from '../../helpers/snapshot.js';

describe('the simulator serving a snapshot', () => {
  let live: SimCluster;
  let snap: SimCluster;
  let dir: string;
  let manifest: SnapshotManifest;
  const api = (path: string, init: RequestInit = {}) => fetch(`${snap.url}${path}`, { ...init, headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/merge-patch+json', ...init.headers } });
  before(async () => {
    live = await SimCluster.start({ scenario: 'demo', clock: 'manual', start: Math.floor(Date.now() / 1000) * 1000 - 120_000, churn: false });
    live.advance(120_000);
    dir = mkdtempSync(join(tmpdir(), 'kdrill-serve-'));
    manifest = await captureSim(live, join(dir, 'snap.tar.gz'), { logLines: 30 });
    snap = await SimCluster.start({ snapshot: readSnapshot(join(dir, 'snap.tar.gz')) });
  });
  after(async () => {
    await snap?.stop();
    await live?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every stored object as the snapshot holds it (Secrets aside: their values are placeholders). */
  const stored = () =>
    readSnapshot(join(dir, 'snap.tar.gz'))
      .manifests.filter((m) => m.object.kind !== 'Secret')
      .map((m) => snap.store.get(storeKey(snap.registry.forKind(String(m.object.apiVersion), String(m.object.kind))!), m.object.metadata?.namespace, m.object.metadata!.name!));

  test('objects are served as captured: uids, timestamps, generations, statuses and resourceVersions', () => {
    const snapshot = readSnapshot(join(dir, 'snap.tar.gz'));
    assert.deepEqual(stored(), snapshot.manifests.filter((m) => m.object.kind !== 'Secret').map((m) => m.object));
  });

  test('its clock is frozen at the capture time and nothing runs: no timer, no controller, even when asked to settle', async () => {
    assert.equal(snap.clock.now(), Date.parse(manifest.capturedAt));
    assert.equal(snap.clock.pending(), 0);
    const before = stored();
    const rv = snap.store.resourceVersion;
    // Real time passes (requests answered), and the controllers' queue is drained.
    for (let i = 0; i < 5; i++) assert.equal((await api('/api/v1/pods')).status, 200);
    snap.settle();
    assert.equal(snap.clock.now(), Date.parse(manifest.capturedAt));
    assert.equal(snap.store.resourceVersion, rv);
    assert.deepEqual(stored(), before);
  });

  test('writes and connections into workloads are refused (405), saying it is a read-only snapshot of which context, taken when', async () => {
    const why = `this cluster is a kdrill snapshot of kdrill-demo taken at ${manifest.capturedAt}: it is read-only (nothing runs in it and nothing can be changed)`;
    const refused = [
      await api('/apis/apps/v1/namespaces/shop/deployments/frontend', { method: 'PATCH', body: JSON.stringify({ spec: { replicas: 5 } }) }),
      await api('/api/v1/namespaces/shop/pods/x', { method: 'DELETE' }),
      await api('/api/v1/namespaces/shop/configmaps', { method: 'POST', body: JSON.stringify({ metadata: { name: 'x' } }) }),
    ];
    for (const r of refused) {
      assert.equal(r.status, 405);
      const body = await r.json();
      assert.deepEqual([body.kind, body.reason, body.message], ['Status', 'MethodNotAllowed', why]);
    }
    const pod = snap.store.list('pods', 'shop')[0].metadata!.name;
    const exec = await api(`/api/v1/namespaces/shop/pods/${pod}/exec?command=sh`);
    assert.equal(exec.status, 405);
    assert.equal((await exec.json()).message, `${why}; pods/exec would reach into a workload, and a snapshot has none running`);
  });

  test('what the snapshot does not hold is refused (403), never served as empty', async () => {
    const roles = await api('/apis/rbac.authorization.k8s.io/v1/namespaces/shop/roles');
    assert.equal(roles.status, 403);
    assert.equal((await roles.json()).message, 'roles.rbac.authorization.k8s.io in namespace shop were not captured in this snapshot');
    const clusterRoles = await api('/apis/rbac.authorization.k8s.io/v1/clusterroles');
    assert.equal((await clusterRoles.json()).message, 'clusterroles.rbac.authorization.k8s.io were not captured in this snapshot');
    assert.equal((await api('/apis/coordination.k8s.io/v1/namespaces/kube-system/leases')).status, 404);
    assert.equal((await api('/api/v1/namespaces/shop/pods')).status, 200);
    assert.equal((await api('/api/v1/nodes')).status, 200);
  });

  test('logs come from the captured lines: tail, timestamps, previous instance; follow ends at once; none captured is said', async () => {
    const pod = snap.store.list('pods', 'monitoring').find((p) => p.metadata?.name?.startsWith('prometheus'))!.metadata!.name!;
    const archive = readSnapshot(join(dir, 'snap.tar.gz'));
    const lines = archive.logs.get(`monitoring/${pod}/prometheus`)!;
    assert.equal(lines.length, 30);
    const liveLog = await (await fetch(`${live.url}/api/v1/namespaces/monitoring/pods/${pod}/log?tailLines=30`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
    assert.equal(await (await api(`/api/v1/namespaces/monitoring/pods/${pod}/log`)).text(), liveLog);
    const liveTail = await (await fetch(`${live.url}/api/v1/namespaces/monitoring/pods/${pod}/log?tailLines=5&timestamps=true`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
    assert.equal(await (await api(`/api/v1/namespaces/monitoring/pods/${pod}/log?tailLines=5&timestamps=true`)).text(), liveTail);
    assert.equal(await (await api(`/api/v1/namespaces/monitoring/pods/${pod}/log?follow=true&tailLines=2`)).text(), liveLog.split('\n').slice(-3).join('\n'));
    const crashing = snap.store.list('pods', 'payments').find((p) => p.metadata?.name?.startsWith('ledger-worker'))!.metadata!.name!;
    assert.match(await (await api(`/api/v1/namespaces/payments/pods/${crashing}/log?container=worker&previous=true`)).text(), /panic: runtime error/);
    const cart = snap.store.list('pods', 'shop').find((p) => p.metadata?.name?.startsWith('cart-'))!.metadata!.name!;
    const waiting = await api(`/api/v1/namespaces/shop/pods/${cart}/log`);
    assert.equal(waiting.status, 400);
    assert.equal((await waiting.json()).message, `container "cart" in pod "${cart}" is waiting to start: trying and failing to pull image`);
    const catalog = snap.store.list('pods', 'shop').find((p) => p.metadata?.name?.startsWith('catalog-'))!.metadata!.name!;
    const other = await api(`/api/v1/namespaces/shop/pods/${catalog}/log?previous=true`);
    assert.equal(other.status, 400);
  });

  test('Secrets are served with as many zero bytes as their values had (keys and sizes as in the cluster)', async () => {
    const liveSecret = live.store.get('secrets', 'shop', 'shop-example-com-tls')!;
    const served = await (await api('/api/v1/namespaces/shop/secrets/shop-example-com-tls')).json();
    assert.deepEqual(Object.keys(served.data), Object.keys(liveSecret.data));
    for (const k of Object.keys(liveSecret.data)) {
      const bytes = Buffer.from(served.data[k], 'base64');
      assert.equal(bytes.length, Buffer.from(liveSecret.data[k], 'base64').length);
      assert.ok(bytes.every((b) => b === 0));
    }
  });

  test('the kubeconfig of a snapshot has only the admin context (no RBAC policy was captured for the viewer)', () => {
    assert.deepEqual((snap.kubeconfig('kdrill-demo').contexts as { name: string }[]).map((c) => c.name), ['kdrill-demo']);
  });
});
