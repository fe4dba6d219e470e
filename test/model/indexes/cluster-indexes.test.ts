import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClusterIndexes } from '../../../src/model/indexes/cluster-indexes.js';
import { fromLabelSelector, fromMap } from '../../../src/model/label-selector.js';
import { ownerChain } from '../../../src/model/owner-chain.js';
import { SimCluster } from '../../../src/sim/cluster.js';

test('on the demo cluster: selectors, owner chains, slices and events agree with the cluster', async () => {
  const sim = await SimCluster.start({ scenario: 'demo', clock: 'manual', start: Date.parse('2026-01-01T00:00:00Z'), churn: false });
  try {
    sim.advance(60_000);
    const idx = new ClusterIndexes();
    for (const r of sim.registry.all()) {
      const id = r.group ? `${r.resource}.${r.group}` : r.resource;
      for (const o of sim.store.list(id)) idx.apply(id, { type: 'add', object: o });
    }
    // A Service's selector picks exactly the pods in its Endpoints.
    const svc = sim.store.get('services', 'credit-risk-admin-test-id', 'risk-admin')!;
    const pods = idx.podsFor('credit-risk-admin-test-id', fromMap(svc.spec.selector));
    const ep = sim.store.get('endpoints', 'credit-risk-admin-test-id', 'risk-admin')!;
    assert.deepEqual(pods.map((p) => p.status.podIP).sort(), ep.subsets[0].addresses.map((a: any) => a.ip).sort());
    assert.equal(idx.slicesByService.get('credit-risk-admin-test-id/risk-admin').length, 1);
    assert.equal(idx.endpointsByService.get('credit-risk-admin-test-id/risk-admin').length, 1);
    assert.deepEqual(idx.podsFor('shop', fromMap(sim.store.get('services', 'shop', 'catalog')!.spec.selector)), [], 'catalog selects nothing');
    // Deployment selector through matchLabels.
    const d = sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy')!;
    assert.equal(idx.podsFor('deploy-test', fromLabelSelector(d.spec.selector)).length, 3);
    // Owner chain: pod → ReplicaSet → Deployment.
    const lookup = (kind: string, ns: string | undefined, name: string) => {
      const r = sim.registry.all().find((x) => x.kind === kind);
      return r ? sim.store.get(r.group ? `${r.resource}.${r.group}` : r.resource, ns, name) : undefined;
    };
    const chain = ownerChain(pods[0], lookup);
    assert.deepEqual(chain.map((l) => l.ref.kind), ['ReplicaSet', 'Deployment']);
    assert.equal(chain[1].object?.metadata?.name, 'risk-admin');
    const rs = chain[0].object!;
    assert.deepEqual(idx.ownedBy(rs.metadata!.uid).map((p) => p.metadata!.name), pods.map((p) => p.metadata!.name));
    // Pods by node, events by object.
    assert.ok(idx.podsByNode.get(pods[0].spec.nodeName).some((p) => p.metadata!.name === pods[0].metadata!.name));
    assert.deepEqual(idx.eventsFor(pods[0]).map((e) => e.reason).slice(0, 2), ['Scheduled', 'Pulling']);
    const dEvents = idx.eventsFor(d);
    assert.ok(dEvents.length > 0 && dEvents.every((e) => e.involvedObject.uid === d.metadata!.uid));
  } finally {
    await sim.stop();
  }
});
