import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KubeTransport } from '../../../src/kube/transport.js';
import { startCluster } from '../../helpers/sim.js';

test('a foreground delete keeps the deployment, marked, until its replica sets and their pods are gone; background and orphan as before', async () => {
  const c = await startCluster({ scenario: 'deploy-test', clock: 'manual' });
  const transport = new KubeTransport(c.kc);
  try {
    c.sim.advance(60_000);
    const path = '/apis/apps/v1/namespaces/deploy-test/deployments/nginx-deploy';
    const uid = c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy')!.metadata!.uid;
    const sets = () => c.sim.store.list('replicasets.apps', 'deploy-test').filter((rs) => rs.metadata!.ownerReferences?.some((o) => o.uid === uid));
    const pods = () => c.sim.store.list('pods', 'deploy-test');
    assert.equal(sets().length, 1);
    assert.equal(pods().length, 3);
    const answer = await transport.json({ method: 'DELETE', path, body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' } });
    assert.deepEqual(answer.metadata.finalizers, ['foregroundDeletion']);
    assert.ok(answer.metadata.deletionTimestamp);
    c.sim.advance(1_000);
    // The pods are going (their grace period), so the replica set and the deployment wait.
    assert.ok(pods().every((p) => p.metadata!.deletionTimestamp));
    assert.ok(c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy'), 'the deployment waits for what it owns');
    assert.deepEqual(sets()[0].metadata!.finalizers, ['foregroundDeletion']);
    c.sim.advance(60_000);
    assert.deepEqual([pods().length, sets().length], [0, 0]);
    assert.equal(c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy'), undefined);
  } finally {
    transport.destroy();
    await c.stop();
  }
});
