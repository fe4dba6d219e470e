// Which watches kdrill holds open on the API server for the pods view, by resource and namespace:
// a bounded set, one per kind it reads and none per namespace or object (the simulator's cost
// counter names them). The demo serves the Gateway API; a cluster without it has six fewer.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait.js';

const cwd = process.cwd();
// What the explorer watches beside its view: the relation caches (describe's related objects,
// the indexes, the route trace, quotas and limits), the namespaces and the CRDs. Not events: they
// are read where a pane shows them (tens of thousands on a large cluster, in no table but their own).
const CLUSTER_WIDE = ['customresourcedefinitions', 'gatewayclasses', 'ingressclasses', 'namespaces'];
const RELATIONS = ['daemonsets', 'deployments', 'endpoints', 'endpointslices', 'gateways', 'grpcroutes', 'httproutes', 'ingresses', 'jobs', 'limitranges', 'pods', 'referencegrants', 'replicasets', 'resourcequotas', 'secrets', 'services', 'statefulsets', 'tlsroutes'];

/** The open watches once kdrill is in sync and they have held still for a second. */
async function settledWatches(c: TestCluster, args: string): Promise<string[]> {
  const t = new TmuxSession(`cd ${cwd} && node bin/kdrill.js --kubeconfig ${c.kubeconfigPath} ${args}; sleep 60`, 100, 30);
  try {
    await t.waitFor(/watching \d+ kinds, in sync/);
    await waitFor('the relation caches to open', () => c.sim.http.cost.snapshot().openWatches.length >= RELATIONS.length, 20_000);
    let last = '';
    let same = 0;
    await waitFor('the watches to hold still for a second', () => {
      const now = c.sim.http.cost.snapshot().openWatches.join(' ');
      same = now === last ? same + 1 : 0;
      last = now;
      return same >= 50;
    }, 15_000);
    return c.sim.http.cost.snapshot().openWatches;
  } finally {
    t.kill();
    await waitFor('its watches closed', () => c.sim.http.cost.snapshot().openWatches.length === 0, 10_000);
  }
}

/** `kdrill -A` on the demo, in sync with its relation caches open, the cursor on a running frontend pod (in shop). */
async function onAFrontendPod(height: number): Promise<{ c: TestCluster; t: TmuxSession }> {
  const c = await startCluster({ scenario: 'demo' });
  after(() => c.stop());
  const t = new TmuxSession(`cd ${cwd} && node bin/kdrill.js --kubeconfig ${c.kubeconfigPath} -A; sleep 60`, 120, height);
  try {
    await t.waitFor(/watching \d+ kinds, in sync/);
    await waitFor('the relation caches to open', () => c.sim.http.cost.snapshot().openWatches.length >= RELATIONS.length, 20_000);
    t.burst('/frontend-\r');
    await t.waitFor(/^> shop +frontend-\w+-\w+ +1\/1 +Running /m);
    return { c, t };
  } catch (e) {
    t.kill();
    throw e;
  }
}

describe('the watches kdrill holds for the pods view', { skip: hasTmux ? false : 'tmux is not installed on this machine' }, () => {
  test('-A: one cluster-wide watch per kind it reads, nothing per namespace or per object', async () => {
    const c = await startCluster({ scenario: 'demo' });
    after(() => c.stop());
    const watches = await settledWatches(c, '-A');
    assert.deepEqual(watches, [...CLUSTER_WIDE, ...RELATIONS].sort().map((r) => `${r}@all`));
  });

  test('-n shop: the namespaced kinds watched in shop, the cluster-scoped ones cluster-wide', async () => {
    const c = await startCluster({ scenario: 'demo' });
    after(() => c.stop());
    const watches = await settledWatches(c, '-n shop');
    assert.deepEqual(watches, [...CLUSTER_WIDE.map((r) => `${r}@all`), ...RELATIONS.map((r) => `${r}@shop`)].sort());
  });

  test('-A: describe of a pod reads the events of its namespace only, says they are loading, and shows them once they are in', async () => {
    // Tall enough for the whole describe text: nothing to scroll while it grows.
    const { c, t } = await onAFrontendPod(100);
    try {
      assert.deepEqual(c.sim.http.cost.snapshot().openWatches.filter((w) => w.startsWith('events')), []);
      // Held back by the server, the events are loading: not "<none>", which would be a claim.
      c.sim.faults.stallWatches(true);
      t.keys('d', 'Tab', 'f');
      await t.waitFor(/^Events: +loading…$/m);
      c.sim.faults.stallWatches(false);
      // The pod's own events, in kubectl's layout (the scheduler's, the kubelet's).
      await t.waitFor(/^Events:\n +Type +Reason +Age +From +Message\n +---- +------ +---- +---- +-------\n(.*\n)* +Normal +Scheduled +\S+ +default-scheduler +Successfully assigned shop\/frontend-/m);
      assert.deepEqual(c.sim.http.cost.snapshot().openWatches.filter((w) => w.startsWith('events')), ['events@shop']);
    } finally {
      t.kill();
    }
  });

  test('G on describe while its events load stays at the end when they come (the pane was still growing)', async () => {
    const { c, t } = await onAFrontendPod(40);
    try {
      c.sim.faults.stallWatches(true);
      t.keys('d', 'Tab');
      await t.waitFor(/\[describe\] .* 1-\d+\/\d+$/m);
      t.keys('G');
      await t.waitFor(/^Events: +loading…\n/m);
      c.sim.faults.stallWatches(false);
      // The events arrive below what G showed: the pane keeps to its end, its last event on its last line.
      const screen = await t.waitFor(/^ +Normal +Started +\S+ +kubelet +Started container nginx\n/m);
      const [, from, to, of] = /\[describe\] .* (\d+)-(\d+)\/(\d+)$/m.exec(screen)!;
      assert.equal(to, of, `the pane shows lines ${from}-${to} of ${of}`);
    } finally {
      t.kill();
    }
  });
});
