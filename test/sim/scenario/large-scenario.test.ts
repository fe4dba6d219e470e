import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, test } from 'node:test';
import { ClusterSession } from '../../../src/kube/cluster-session.js';
import { loadKubeConfig } from '../../../src/kube/kubeconfig.js';
import { traceRoute } from '../../../src/model/route/trace-route.js';
import { ObjectStore } from '../../../src/sim/store.js';
import { generateLarge, LARGE, scaledLarge } from '../../../src/sim/scenario/large-scenario.js';
import { startCluster } from '../../helpers/sim.js';

test('the large scenario at full size has the counts issue #9 asks for, deterministically', () => {
  const counts = (s: ObjectStore) => Object.fromEntries(['pods', 'namespaces', 'nodes', 'deployments.apps', 'replicasets.apps', 'services', 'endpointslices.discovery.k8s.io', 'ingresses.networking.k8s.io', 'events'].map((k) => [k, s.count(k)]));
  const a = new ObjectStore(() => 0, 10);
  const summary = generateLarge(a, Date.parse('2026-01-01T00:00:00Z'), LARGE);
  assert.deepEqual(counts(a), { pods: 30_000, namespaces: 300, nodes: 200, 'deployments.apps': 3000, 'replicasets.apps': 3000, services: 3000, 'endpointslices.discovery.k8s.io': 3000, 'ingresses.networking.k8s.io': 2000, events: 50_000 });
  assert.equal(summary.hosts.length, 5000);
  assert.equal(new Set(summary.hosts).size, 5000);
  // The same input gives the same cluster: names, uids and all.
  const b = new ObjectStore(() => 0, 10);
  generateLarge(b, Date.parse('2026-01-01T00:00:00Z'), LARGE);
  const sample = (s: ObjectStore) => {
    const lists = ['pods', 'events', 'ingresses.networking.k8s.io', 'endpointslices.discovery.k8s.io'].map((k) => s.list(k).map((o) => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } })));
    return createHash('sha256').update(JSON.stringify(lists)).digest('hex');
  };
  assert.equal(sample(a), sample(b));
});

test('a scaled-down large cluster is consistent: kubectl-style routes are healthy where meant, broken where meant', async () => {
  const c = await startCluster({ scenario: 'large', scale: 0.02 });
  after(() => c.stop());
  const large = c.sim.large!;
  assert.equal(large.pods, 600);
  const session = await ClusterSession.open(loadKubeConfig({ kubeconfig: c.kubeconfigPath }), { flushMs: 10 });
  after(() => session.stop());
  session.watchRelations();
  await session.relationsReady();
  // The large scenario serves no Gateway API (no CRDs): those kinds are unavailable, as on such a cluster.
  assert.deepEqual([...session.indexes.unavailable.keys()].filter((k) => !k.endsWith('.gateway.networking.k8s.io') && !k.includes('statefulsets') && !k.includes('daemonsets') && !k.includes('jobs') && !k.includes('controllerrevisions') && !k.includes('endpoints') && !k.includes('events.events')), []);
  const healthy = traceRoute(session.indexes, { host: large.healthyHost }, Date.now());
  assert.deepEqual(healthy.unavailable, {}, 'a cluster without the Gateway API is not "not checked"');
  assert.equal(healthy.verdict, 'healthy', JSON.stringify(healthy.root.children[0]?.diagnostics));
  const broken = traceRoute(session.indexes, { host: large.brokenHost }, Date.now());
  assert.equal(broken.verdict, 'broken');
  const codes = JSON.stringify(broken.root);
  assert.match(codes, /service\.missing/);
  // Every Service that selects something has exactly its Deployment's pods behind it.
  for (const svc of c.sim.store.list('services').filter((s) => s.metadata?.namespace !== 'default')) {
    const slice = c.sim.store.list('endpointslices.discovery.k8s.io', svc.metadata!.namespace).find((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === svc.metadata!.name)!;
    const selected = c.sim.store.list('pods', svc.metadata!.namespace).filter((p) => p.metadata?.labels?.app === svc.spec.selector.app);
    assert.deepEqual((slice.endpoints ?? []).map((e: { targetRef: { name: string } }) => e.targetRef.name).sort(), selected.map((p) => p.metadata!.name).sort());
  }
});
