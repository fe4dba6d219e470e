import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterSession } from '../../../src/kube/cluster-session.js';
import { traceJson } from '../../../src/model/route/route-json.js';
import { ROUTE_ENTRY_RESOURCES, ROUTE_RESOURCES, routeNamespaces, traceRoute } from '../../../src/model/route/trace-route.js';
import type { SnapshotManifest } from '../../../src/model/snapshot/snapshot-manifest.js';
import { SimCluster } from '../../../src/sim/cluster.js';
import { readSnapshot } from '../../../src/sim/snapshot/read-snapshot.js';
import { captureSim, kubeconfigOf } from '../../helpers/snapshot.js';

/** A read-only session with the route relations loaded as `kdrill trace` loads them for `host`. */
async function traceSession(kc: KubeConfig, host: string): Promise<ClusterSession> {
  const s = await ClusterSession.open(kc, {}, true);
  await s.reviewed;
  s.addRelations(ROUTE_ENTRY_RESOURCES, [undefined]);
  await s.relationsReady();
  s.addRelations(ROUTE_RESOURCES, routeNamespaces(s.indexes, { host }));
  await s.relationsReady();
  return s;
}

describe('a snapshot by a user who may read only namespace shop', () => {
  let live: SimCluster;
  let snap: SimCluster;
  let manifest: SnapshotManifest;
  let dir: string;
  before(async () => {
    live = await SimCluster.start({ scenario: 'demo', clock: 'manual', start: Math.floor(Date.now() / 1000) * 1000 - 120_000, churn: false });
    live.advance(120_000);
    dir = mkdtempSync(join(tmpdir(), 'kdrill-viewer-snap-'));
    manifest = await captureSim(live, join(dir, 'snap'), {}, 'kdrill-viewer');
    snap = await SimCluster.start({ snapshot: readSnapshot(join(dir, 'snap')) });
  });
  after(async () => {
    await snap?.stop();
    await live?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('it says what it read, where, and what it could not read and why', () => {
    assert.equal(manifest.context, 'kdrill-viewer');
    assert.equal(manifest.namespace, 'shop');
    assert.equal(manifest.access, 'access: namespace shop only  secrets: not readable');
    assert.ok(manifest.included.every((i) => i.scope === 'namespace shop'), JSON.stringify(manifest.included));
    assert.deepEqual(manifest.unreadable.find((u) => u.resource === 'nodes'), { resource: 'nodes', scope: 'cluster', why: 'nodes is forbidden: User "system:serviceaccount:shop:viewer" cannot list resource "nodes" in API group "" at the cluster scope', apiVersion: 'v1', kind: 'Node' });
  });

  test('explored again, it reads as that user read the cluster: the same traces, the same refusals and header note', async () => {
    const snapKc = new KubeConfig();
    snapKc.loadFromString(JSON.stringify(snap.kubeconfig(manifest.context)));
    const now = Date.parse(manifest.capturedAt);
    for (const host of ['shop.example.com', 'api.shop.example.com', 'pay.example.com', 'web.gw.example.com']) {
      const [a, b] = [await traceSession(kubeconfigOf(live, 'kdrill-viewer'), host), await traceSession(snapKc, host)];
      try {
        assert.deepEqual(traceJson(traceRoute(b.indexes, { host }, now)), traceJson(traceRoute(a.indexes, { host }, now)), host);
        assert.equal(b.refusedClusterWide('ingresses.networking.k8s.io'), a.refusedClusterWide('ingresses.networking.k8s.io'));
        assert.deepEqual(b.homeNamespaces, ['shop']);
        assert.equal(b.accessNote(), a.accessNote());
        assert.deepEqual(new Map([...b.indexes.unavailable].sort()), new Map([...a.indexes.unavailable].sort()));
      } finally {
        await a.stop();
        await b.stop();
      }
    }
  });
});
