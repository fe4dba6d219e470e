import assert from 'node:assert/strict';
import { test } from 'node:test';
import { discover } from '../../src/kube/discover.js';
import { pollMetrics, servesMetrics } from '../../src/kube/metrics-poller.js';
import { KubeTransport } from '../../src/kube/transport.js';
import type { MetricsData } from '../../src/model/metrics/usage-data.js';
import { startCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

const NS = 'deploy-test';

test('metrics are polled in pages (limit/continue) at the interval the answers\' window gives, as plain data, until stopped (the terminal test asserts that it stops)', async () => {
  const c = await startCluster({ scenario: 'deploy-test', clock: 'manual', metricsResolutionMs: 2000, metrics: true });
  const transport = new KubeTransport(c.kc);
  try {
    c.sim.advance(120_000);
    const discovery = await discover(transport);
    assert.equal(servesMetrics(discovery, 'pods'), true);
    const got: { at: number; data: MetricsData | undefined }[] = [];
    const stop = pollMetrics(transport, discovery, { kind: 'pods', namespace: NS }, (data) => got.push({ at: Date.now(), data }), 2);
    await waitFor('two polls', () => got.length >= 2);
    stop();
    const [first, second] = got;
    assert.equal(first.data!.windowMs, 2000);
    assert.deepEqual([...first.data!.pods.keys()].map((k) => k.split('/')[0]), [NS, NS, NS]);
    const usage = [...first.data!.pods.values()][0];
    assert.deepEqual(Object.keys(usage), ['cpuMilli', 'memBytes', 'containers', 'stamp']);
    assert.ok(usage.cpuMilli > 0 && usage.memBytes > 0);
    assert.ok(second.at - first.at >= 1900, `polled again after ${second.at - first.at} ms, not after the 2 s window`);
    const lists = c.sim.http.requests.filter((r) => r.path === `/apis/metrics.k8s.io/v1beta1/namespaces/${NS}/pods`);
    // Three pods, two a page: each poll is two requests, the second continuing the first.
    assert.deepEqual(lists.slice(0, 2).map((r) => r.query.replace(/continue=[^&]+/, 'continue=TOKEN')), ['?limit=2', '?limit=2&continue=TOKEN']);
  } finally {
    transport.destroy();
    await c.stop();
  }
});

test('a poll of a table\'s pods keeps their sums alone; a poll of one pod (the containers view) keeps each container\'s figures', async () => {
  const c = await startCluster({ scenario: 'deploy-test', clock: 'manual', metricsResolutionMs: 2000, metrics: true });
  const transport = new KubeTransport(c.kc);
  try {
    c.sim.advance(120_000);
    const discovery = await discover(transport);
    const poll = (name?: string) =>
      new Promise<MetricsData>((resolve, reject) => {
        const stop = pollMetrics(transport, discovery, { kind: 'pods', namespace: NS, name }, (data) => (stop(), data ? resolve(data) : reject(new Error('no metrics'))));
      });
    const all = await poll();
    assert.equal(all.pods.size, 3);
    assert.deepEqual([...all.pods.values()].map((u) => u.containers.size), [0, 0, 0]);
    const [key, sum] = [...all.pods][0];
    const one = await poll(key.split('/')[1]);
    const usage = one.pods.get(key)!;
    assert.deepEqual([...usage.containers.keys()], c.sim.store.get('pods', NS, key.split('/')[1])!.spec.containers.map((x: { name: string }) => x.name));
    // The same scrape: the one pod's sum is the table's.
    assert.deepEqual([usage.cpuMilli, usage.memBytes], [sum.cpuMilli, sum.memBytes]);
  } finally {
    transport.destroy();
    await c.stop();
  }
});

test('forbidden or down: the listener hears undefined (the columns go), and a cluster without the group is never asked', async () => {
  const c = await startCluster({ scenario: 'deploy-test', clock: 'manual', metrics: true });
  const transport = new KubeTransport(c.kc);
  try {
    c.sim.advance(60_000);
    c.sim.faults.forbid('nodes.metrics.k8s.io');
    const discovery = await discover(transport);
    const got: (MetricsData | undefined)[] = [];
    const stop = pollMetrics(transport, discovery, { kind: 'nodes' }, (d) => got.push(d));
    await waitFor('an answer', () => got.length >= 1);
    stop();
    assert.deepEqual(got, [undefined]);
  } finally {
    transport.destroy();
    await c.stop();
  }
  const none = await startCluster({ scenario: 'deploy-test', clock: 'manual', metrics: false });
  const t2 = new KubeTransport(none.kc);
  try {
    const discovery = await discover(t2);
    assert.equal(servesMetrics(discovery, 'nodes'), false);
    const got: (MetricsData | undefined)[] = [];
    pollMetrics(t2, discovery, { kind: 'nodes' }, (d) => got.push(d))();
    assert.deepEqual(got, [undefined]);
    assert.equal(none.sim.http.requests.filter((r) => r.path.startsWith('/apis/metrics.k8s.io')).length, 0);
  } finally {
    t2.destroy();
    await none.stop();
  }
});
