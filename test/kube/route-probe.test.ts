import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { ApiError } from '../../src/kube/api-error.js';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { isLoopback, runProbes } from '../../src/kube/route-probe.js';
import { openCommandTarget } from '../../src/cli/cluster-target.js';
import { probeNetwork, probeTrace, standInEdges } from '../../src/cli/probe-route.js';
import { readEdgeConfig } from '../../src/net/edge-files.js';
import type { TraceQuery } from '../../src/model/route/route-hop.js';
import { DEFAULT_PROBE, planProbes } from '../../src/model/probe/probe-plan.js';
import { OUTSIDE_RESOURCES, ROUTE_ENTRY_RESOURCES, ROUTE_RESOURCES, routeNamespaces, traceRoute } from '../../src/model/route/trace-route.js';
import { controllerNamespaces } from '../../src/model/route/entry-points.js';
import type { RouteNode } from '../../src/model/route/route-types.js';
import { startCluster } from '../helpers/sim.js';
import { VIEWER } from '../../src/sim/cluster.js';

/** Records every TCP connection this process opens; refuses (without connecting) any that is not to loopback. */
function recordConnections(): { targets: string[]; restore: () => void } {
  const targets: string[] = [];
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: any[]) {
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    const opts = typeof first === 'object' ? first : { port: first, host: args[1] };
    const host = String(opts.host ?? 'localhost');
    targets.push(`${host}:${opts.port}`);
    if (!isLoopback(host) && host !== 'localhost') {
      process.nextTick(() => this.destroy(new Error(`test: connection to ${host} refused`)));
      return this;
    }
    return original.apply(this, args as any);
  } as typeof original;
  return { targets, restore: () => (net.Socket.prototype.connect = original) };
}

async function tracedSession(session: ClusterSession, host: string, path?: string, namespace?: string, outside: Partial<TraceQuery> = {}) {
  const query: TraceQuery = { host, path, namespace, ...outside };
  session.addRelations(ROUTE_ENTRY_RESOURCES, [namespace]);
  await session.relationsReady();
  session.addRelations(ROUTE_RESOURCES, routeNamespaces(session.indexes, query));
  if (outside.edges) session.addRelations(OUTSIDE_RESOURCES, controllerNamespaces(session.indexes));
  await session.relationsReady();
  return traceRoute(session.indexes, query, Date.now());
}

const all = (n: RouteNode): RouteNode[] => [n, ...n.children.flatMap(all)];

test('a demo probe opens connections only to loopback: the API server and the stand-ins of the fake addresses', async () => {
  const rec = recordConnections();
  const target = await openCommandTarget({ demo: true }, 120_000, false);
  try {
    const trace = await tracedSession(target.session, 'pay.example.com', '/api');
    const probed = await probeTrace(trace, target.session, await probeNetwork(target), DEFAULT_PROBE);
    assert.equal(probed.verdict, 'broken');
    const entry = all(probed.root).find((n) => n.type === 'ingress')!;
    assert.deepEqual([entry.probe?.outcome, entry.probe?.status], ['answered', 500], 'the entry was probed through its stand-in');
    // Without a stand-in the fake address is not dialled at all.
    const bare = await probeTrace(trace, target.session, { ...(await probeNetwork(target)), standIns: new Map() }, DEFAULT_PROBE);
    const skipped = all(bare.root).find((n) => n.type === 'ingress')!.probe!;
    assert.deepEqual([skipped.outcome, skipped.message], ['not-sent', "172.18.255.200:80 is not routable from here (the demo's addresses are not real; only loopback is used)"]);
    // The seed's walk: the edge (143.92.64.63, from DNS) and the node's host port (10.128.87.215:80) are played on loopback too.
    const edges = [readEdgeConfig('fixtures/edge/holmes')];
    const dns = { host: 'holmes.test.shopeekredit.co.id', server: 'demo', records: [{ name: 'holmes.test.shopeekredit.co.id', type: 'A' as const, value: '143.92.64.63' }], addresses: ['143.92.64.63'] };
    const holmes = await tracedSession(target.session, 'holmes.test.shopeekredit.co.id', undefined, undefined, { dns, edges });
    await standInEdges(target, dns.addresses, edges);
    const walked = await probeTrace(holmes, target.session, await probeNetwork(target), DEFAULT_PROBE);
    const edge = all(walked.root).find((n) => n.type === 'edge-server')!.probe!;
    assert.deepEqual([edge.target, edge.outcome, edge.status, edge.body], ['https://143.92.64.63:443', 'answered', 200, 'credit-risk-admin-id-test v1.0.51.t09: ok\n']);
    // A pod met twice (under the Gateway's two listeners) gets one request.
    const store = await tracedSession(target.session, 'store.gw.example.com', '/cart');
    const planned = planProbes(store).filter((t) => t.via === 'api-proxy');
    const distinct = new Set(planned.map((t) => `${t.resource}/${t.name}:${t.port}`));
    assert.ok(planned.length > distinct.size, 'the route meets some pods twice');
    const before = target.sim!.http.requests.length;
    await probeTrace(store, target.session, await probeNetwork(target), DEFAULT_PROBE);
    assert.equal(target.sim!.http.requests.slice(before).filter((q) => q.path.includes('/proxy/')).length, distinct.size);
    assert.ok(rec.targets.length > 0);
    assert.deepEqual(rec.targets.filter((t) => !t.startsWith('127.')), []);
  } finally {
    rec.restore();
    await target.close();
  }
});

test('a read-only session refuses a proxy GET before sending it, and its probes are not sent', async () => {
  const c = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 60_000 });
  c.sim.advance(60_000);
  const session = await ClusterSession.open(c.kc, { flushMs: 5 }, true);
  try {
    const pod = c.sim.store.list('pods', 'payments').find((p) => p.metadata?.labels?.app === 'payments-api')!;
    const path = `/api/v1/namespaces/payments/pods/${pod.metadata!.name}:8080/proxy/api`;
    await assert.rejects(session.transport.sample({ path }, 512, 3_000), (e) => e instanceof ApiError && e.kind === 'readonly');
    const trace = await tracedSession(session, 'pay.example.com', '/api');
    const runs = await runProbes(planProbes(trace), session.transport, { loopbackOnly: true, standIns: new Map() }, DEFAULT_PROBE);
    const viaApi = runs.filter((r) => r.target.via === 'api-proxy');
    assert.equal(viaApi.length, 3);
    for (const r of viaApi) assert.deepEqual([r.result.outcome, r.result.message], ['not-sent', 'kdrill runs read-only (--readonly): it does not open pods/proxy (exec, attach, port-forward and proxy reach into workloads)'.replace('pods/proxy', `${r.target.resource}/proxy`)]);
    assert.deepEqual(c.sim.http.requests.filter((q) => q.path.includes('/proxy')), [], 'no proxy request reached the simulator');
  } finally {
    await session.stop();
    await c.stop();
  }
});

test('a user without pods/proxy gets "not sent" from the access review, and no proxy request is made', async () => {
  const c = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 60_000 });
  c.sim.advance(60_000);
  const session = await ClusterSession.open(c.kc, { flushMs: 5 }, false, VIEWER.context);
  try {
    const trace = await tracedSession(session, 'shop.example.com', undefined, VIEWER.namespace);
    const runs = await runProbes(planProbes(trace).filter((t) => t.via === 'api-proxy'), session.transport, { loopbackOnly: true }, DEFAULT_PROBE);
    assert.ok(runs.length > 0);
    for (const r of runs) assert.deepEqual([r.result.outcome, r.result.message], ['not-sent', `you may not get ${r.target.resource}/proxy in namespace shop`]);
    assert.deepEqual(c.sim.http.requests.filter((q) => q.path.includes('/proxy')), []);
  } finally {
    await session.stop();
    await c.stop();
  }
});
