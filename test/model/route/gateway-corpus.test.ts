import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClusterSession } from '../../../src/kube/cluster-session.js';
import { loadKubeConfig } from '../../../src/kube/kubeconfig.js';
import type { RouteNode } from '../../../src/model/route/route-types.js';
import { traceRoute } from '../../../src/model/route/trace-route.js';
import { loadCorpus } from '../../helpers/corpus-sim.js';
import { hasCorpus, recordedObjects } from '../../helpers/recorded-corpus.js';
import { startCluster } from '../../helpers/sim.js';

const nodes = (n: RouteNode): RouteNode[] => [n, ...n.children.flatMap(nodes)];
// The Gateway side of a trace (the corpus's Ingress web also serves *.corpus.example.org).
const codes = (root: RouteNode) => [root, ...root.children.filter((c) => c.type !== 'ingress').flatMap(nodes)].flatMap((x) => x.diagnostics.filter((d) => !d.code.startsWith('host.shadowed') && !d.code.startsWith('path.')).map((d) => `${x.type}:${d.code}`));

test('the recorded Gateway API objects, served by the simulator with the status their controller wrote, traced with the expected findings', { skip: hasCorpus ? false : 'corpus not present' }, async () => {
  const c = await startCluster({ scenario: 'none' });
  try {
    const objects = recordedObjects();
    loadCorpus(c.sim, objects);
    // A create does not carry status (it is a subresource): write what the recorded controller wrote, as it would.
    for (const o of objects.values()) {
      if (!String(o.apiVersion).startsWith('gateway.networking.k8s.io/') || !o.status) continue;
      const r = c.sim.registry.forKind(String(o.apiVersion), String(o.kind))!;
      const now = c.sim.api.get(r, o.metadata?.namespace, String(o.metadata?.name));
      c.sim.api.update(r, o.metadata?.namespace, String(o.metadata?.name), { ...now, status: o.status }, 'status');
    }
    const session = await ClusterSession.open(loadKubeConfig({ kubeconfig: c.kubeconfigPath }), { flushMs: 10 });
    try {
      session.watchRelations();
      await session.relationsReady();
      const trace = (host: string, path?: string) => traceRoute(session.indexes, { host, path, summary: true }, Date.now());

      const granted = trace('api.corpus.example.org', '/v1/items');
      const backend = nodes(granted.root).find((n) => n.type === 'backend')!;
      assert.deepEqual([backend.facts.namespace, backend.facts.crossNamespace, backend.facts.permitted], ['corpus-web', true, true]);
      assert.ok(codes(granted.root).includes('rule:rule.conditional'), 'the header match is named');
      assert.ok(!codes(granted.root).some((x) => x.includes('not-permitted')));

      const denied = trace('reports.corpus.example.org');
      assert.equal(denied.verdict, 'broken');
      assert.deepEqual(codes(denied.root).filter((x) => !x.startsWith('listener:listener.no-route')), ['route:route.refs-unresolved', 'rule:rule.all-backends-failing', 'backend:backend.ref-not-permitted']);
      assert.match(nodes(denied.root).find((n) => n.type === 'route')!.diagnostics[0].message, /RefNotPermitted/);

      const missing = trace('shop.corpus.example.org', '/cart');
      assert.equal(missing.verdict, 'broken');
      assert.deepEqual(codes(missing.root).filter((x) => !x.startsWith('listener:')), ['route:route.refs-unresolved', 'rule:rule.conditional', 'rule:rule.all-backends-failing', 'service:service.missing', 'rule:rule.redirect']);
      assert.match(nodes(missing.root).find((n) => n.type === 'route')!.diagnostics[0].message, /BackendNotFound/);

      const orphan = trace('orphan.corpus.example.org');
      // The corpus's Ingress web (*.corpus.example.org) claims the host too, so it is broken rather than unrouted.
      assert.equal(orphan.verdict, 'broken');
      assert.deepEqual(codes(orphan.root).filter((x) => !x.startsWith('listener:')), ['host:host.no-attached-route', 'route:route.parent-missing']);

      const grpc = trace('grpc.corpus.example.org');
      // The Ingress web and the Gateway edge-gw both take it.
      const route = nodes(grpc.root).find((n) => n.type === 'route')!;
      assert.deepEqual([route.facts.kind, route.facts.attached, grpc.root.children.map((n) => n.type)], ['GRPCRoute', true, ['ingress', 'gateway']]);
      assert.deepEqual(codes(grpc.root).filter((x) => !x.startsWith('service:') && !x.startsWith('listener:listener.no-route')), []);
      assert.deepEqual(grpc.unavailable, {});
    } finally {
      await session.stop();
    }
  } finally {
    await c.stop();
  }
});
