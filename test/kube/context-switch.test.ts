import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { startCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

const handles = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;

test('switching context while lists are in flight leaves no watch, socket, timer or listener of the old one', async () => {
  const a = await startCluster({ scenario: 'demo', clock: 'manual' });
  const b = await startCluster({ scenario: 'holmes', clock: 'manual' });
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  process.on('warning', onWarning);
  try {
    const baseline = handles();
    for (let round = 0; round < 5; round++) {
      // The old context is slow: its lists are still on their way when the switch happens.
      a.sim.faults.slow(500);
      const old = await ClusterSession.open(a.kc);
      old.watchRelations();
      await waitFor('requests in flight on the old context', () => a.sim.http.connectionCount() > 0, 5_000);
      await old.stop();
      const fresh = await ClusterSession.open(b.kc);
      fresh.watchRelations();
      await fresh.relationsReady();
      assert.ok(fresh.indexes.ingresses.forHost('holmes.test.shopeekredit.co.id').length === 2);
      await fresh.stop();
      a.sim.faults.slow(0);
    }
    await waitFor('the old server to see no watch and no connection', () => a.sim.watches.open.size === 0 && a.sim.http.connectionCount() === 0, 10_000);
    await waitFor('the new server too, once it is left', () => b.sim.watches.open.size === 0 && b.sim.http.connectionCount() === 0, 10_000);
    await waitFor('open handles back to where they were', () => handles() <= baseline + 2, 10_000);
    assert.deepEqual(warnings.map((w) => w.name), [], 'no MaxListenersExceededWarning or other warning');
  } finally {
    process.off('warning', onWarning);
    await a.stop();
    await b.stop();
  }
});
