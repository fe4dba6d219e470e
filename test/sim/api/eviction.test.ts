import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../../src/kube/api-error.js';
import { KubeTransport } from '../../../src/kube/transport.js';
import { startCluster } from '../../helpers/sim.js';

const PDBS = 'poddisruptionbudgets.policy';
// The API server's words (pkg/registry/core/pod/storage/eviction.go, checkAndDecrement).
const VIOLATES = "Cannot evict pod as it would violate the pod's disruption budget.";

test('pods/eviction honours PodDisruptionBudgets: the budget\'s status computed, 429 with the server\'s message when it allows nothing', async () => {
  const c = await startCluster({ scenario: 'deploy-test', clock: 'manual' });
  const transport = new KubeTransport(c.kc);
  try {
    c.sim.advance(60_000);
    const pdbs = c.sim.registry.get(PDBS)!;
    c.sim.api.create(pdbs, 'deploy-test', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'nginx' }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'nginx' } } } });
    c.sim.advance(1_000);
    const status = () => c.sim.store.get(PDBS, 'deploy-test', 'nginx')!.status;
    assert.deepEqual({ ...status(), conditions: undefined }, { observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, conditions: undefined });
    assert.equal(status().conditions[0].reason, 'SufficientPods');

    const pods = c.sim.store.list('pods', 'deploy-test').map((p) => p.metadata!.name!).sort();
    const evict = (name: string) =>
      transport.json({ method: 'POST', path: `/api/v1/namespaces/deploy-test/pods/${name}/eviction`, body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'deploy-test' } } });
    assert.deepEqual(await evict(pods[0]), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    assert.ok(c.sim.store.get('pods', 'deploy-test', pods[0])?.metadata?.deletionTimestamp ?? true, 'the pod is going');
    assert.equal(status().disruptionsAllowed, 0);
    // The second, before the replacement is ready: refused, with the budget named and counted.
    const refused = await evict(pods[1]).then(() => undefined, (e) => e);
    assert.ok(refused instanceof ApiError);
    assert.equal(refused.status, 429);
    assert.equal(refused.message, VIOLATES);
    assert.deepEqual(refused.causes, [{ reason: 'DisruptionBudget', message: 'The disruption budget nginx needs 2 healthy pods and has 2 currently' }]);
    assert.ok(c.sim.store.get('pods', 'deploy-test', pods[1]) && !c.sim.store.get('pods', 'deploy-test', pods[1])!.metadata!.deletionTimestamp, 'the refused pod stays');
    // Once the replacement runs, the budget allows one again.
    c.sim.advance(120_000);
    assert.equal(status().currentHealthy, 3);
    assert.equal(status().disruptionsAllowed, 1);
    await evict(pods[1]);

    // Two budgets over one pod: the server refuses, as the real one does.
    c.sim.advance(120_000);
    c.sim.api.create(pdbs, 'deploy-test', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'second' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'nginx' } } } });
    c.sim.advance(1_000);
    const one = c.sim.store.list('pods', 'deploy-test').find((p) => !p.metadata!.deletionTimestamp)!.metadata!.name!;
    await assert.rejects(evict(one), (e) => e instanceof ApiError && e.status === 500 && e.message === 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    assert.equal((await transport.json({ path: '/api/v1' })).resources.find((r: { name: string }) => r.name === 'pods/eviction').kind, 'Eviction');
  } finally {
    transport.destroy();
    await c.stop();
  }
});
