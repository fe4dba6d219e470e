import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClusterSession } from '../../../src/kube/cluster-session.js';
import { loadKubeConfig } from '../../../src/kube/kubeconfig.js';
import { ClusterIndexes } from '../../../src/model/indexes/cluster-indexes.js';
import { traceJson } from '../../../src/model/route/route-json.js';
import { routeLines } from '../../../src/model/route/route-lines.js';
import { traceRoute } from '../../../src/model/route/trace-route.js';
import { readScenario } from '../../../src/sim/scenario/scenario-file.js';
import { startCluster } from '../../helpers/sim.js';

const HOST = 'holmes.test.shopeekredit.co.id';
const NS = 'credit-risk-admin-test-id';

// The tree the seed document walks by hand: two paths, each to its Service and its one pod.
const EXPECTED = [
  'holmes.test.shopeekredit.co.id',
  '├─ ingress credit-risk-admin-test-id/risk-admin',
  '│  └─ path /',
  '│     └─ service risk-admin:http (80 → 80)',
  '│        └─ pod risk-admin-*',
  '│           └─ container risk-admin',
  '└─ ingress credit-risk-admin-test-id/risk-admin-node',
  '   └─ path /admin/',
  '      └─ service risk-admin-node:http (3001 → 3001)',
  '         └─ pod risk-admin-node-*',
  '            └─ container risk-admin-node',
];

test('holmes over real HTTP: exactly the seed walk, healthy, from the legacy Ingresses as the server serves them', async () => {
  const c = await startCluster({ scenario: 'holmes', clock: 'manual', start: Date.parse('2026-11-22T10:00:00Z') });
  try {
    c.sim.advance(60_000);
    const session = await ClusterSession.open(loadKubeConfig({ kubeconfig: c.kubeconfigPath }), { flushMs: 10 });
    try {
      session.watchRelations();
      await session.relationsReady();
      const now = c.sim.clock.now();
      const t = traceRoute(session.indexes, { host: HOST }, now);
      const shape = routeLines(t.root).map((l) => `${l.prefix}${l.node.label}`.replace(/(pod risk-admin(-node)?)-[a-z0-9]+-[a-z0-9]+$/, '$1-*'));
      assert.deepEqual(shape.filter((_, i) => !routeLines(t.root)[i].diagnostic), EXPECTED);
      assert.equal(t.verdict, 'healthy');
      assert.deepEqual(t.unavailable, {});
      const containers = routeLines(t.root).filter((l) => l.node.type === 'container' && !l.diagnostic).map((l) => [l.node.facts.image, l.node.facts.routePort]);
      assert.deepEqual(containers, [
        ['harbor.shopeemobile.com/airpay/credit-risk-admin-id-test:v1.0.51.t09', 80],
        ['harbor.shopeemobile.com/airpay/credit-risk-admin-node-id-test:v1.0.51.t04', 3001],
      ]);

      // The same cluster with the Ingresses in the extensions/v1beta1 shape the seed shows gives the same tree.
      const legacy = readScenario('holmes').manifests.map((m) => m.object).filter((o) => o.kind === 'Ingress');
      assert.ok(legacy.every((o) => o.apiVersion === 'extensions/v1beta1'));
      const mirrored = new ClusterIndexes();
      for (const id of mirrored.resources) {
        const cache = session.caches.caches().find((x) => x.id === `${id}@*`);
        if (!cache) continue;
        for (const o of cache.list()) {
          if (o.kind !== 'Ingress') mirrored.apply(id, { type: 'add', object: o });
        }
      }
      for (const ing of legacy) {
        const served = session.indexes.ingresses.forHost(HOST).find((i) => i.metadata?.name === ing.metadata?.name)!;
        // What the server adds on create, to a legacy Ingress as to any: metadata, status, and the default
        // class its DefaultIngressClass admission names for an Ingress that names none.
        mirrored.apply('ingresses.extensions', { type: 'add', object: { ...ing, spec: { ...ing.spec, ingressClassName: served.spec?.ingressClassName }, metadata: served.metadata, status: served.status } });
      }
      const fromLegacy = traceRoute(mirrored, { host: HOST }, now);
      assert.deepEqual(traceJson(fromLegacy), traceJson(t));

      // A path picks one route: /admin/users goes to the node back-end, the front-end path is shadowed.
      const admin = traceRoute(session.indexes, { host: HOST, path: '/admin/users' }, now);
      const paths = routeLines(admin.root).filter((l) => l.node.type === 'path' && !l.diagnostic);
      assert.deepEqual(paths.map((l) => [l.node.label, l.node.facts.serves]), [['path /', false], ['path /admin/', true]]);
      assert.equal(session.indexes.podsFor(NS, null).length, 0);
    } finally {
      await session.stop();
    }
  } finally {
    await c.stop();
  }
});
