import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../src/kube/api-error.js';
import { discover } from '../../src/kube/discover.js';
import { KubeTransport } from '../../src/kube/transport.js';
import { ActionRefused, WorkloadActions } from '../../src/kube/workload-actions.js';
import { startCluster } from '../helpers/sim.js';

test('workload actions send what kubectl sends; a read-only transport refuses them before sending', async () => {
  const c = await startCluster({ scenario: 'deploy-test', clock: 'manual' });
  const transport = new KubeTransport(c.kc);
  try {
    c.sim.advance(60_000);
    const discovery = await discover(transport);
    const deploy = discovery.get('deployments.apps')!;
    const actions = new WorkloadActions(transport);
    const now = Date.parse('2026-11-22T12:00:00Z');
    await actions.restart(deploy, 'deploy-test', 'nginx-deploy', now);
    c.sim.advance(60_000);
    // The cause of revision 2, as `kubectl annotate` records it (the controller copies it to revision 2's ReplicaSet).
    c.sim.api.patch(c.sim.registry.get('deployments.apps')!, 'deploy-test', 'nginx-deploy', 'application/merge-patch+json', { metadata: { annotations: { 'kubernetes.io/change-cause': 'restart for the new config' } } });
    c.sim.advance(1_000);
    let d = c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy')!;
    assert.equal(d.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'], '2026-11-22T12:00:00.000Z');
    assert.equal(d.metadata!.annotations!['deployment.kubernetes.io/revision'], '2');
    await actions.scale(deploy, 'deploy-test', 'nginx-deploy', 2);
    await actions.setPaused(deploy, 'deploy-test', 'nginx-deploy', true);
    d = c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy')!;
    assert.deepEqual([d.spec.replicas, d.spec.paused], [2, true]);
    await assert.rejects(actions.restart(deploy, 'deploy-test', 'nginx-deploy', now, { kind: 'Deployment', ...d }), (e) => e instanceof ActionRefused && /paused/.test(e.message));
    const first = c.sim.store.list('replicasets.apps').find((rs) => rs.metadata!.annotations!['deployment.kubernetes.io/revision'] === '1')!;
    await assert.rejects(actions.undo(deploy, { kind: 'Deployment', ...d }, first), (e) => e instanceof ActionRefused && /paused/.test(e.message));
    await actions.setPaused(deploy, 'deploy-test', 'nginx-deploy', false);
    d = c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy')!;
    await actions.undo(deploy, { kind: 'Deployment', ...d }, first);
    c.sim.advance(60_000);
    d = c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy')!;
    assert.equal(d.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'], undefined);
    assert.equal(d.metadata!.annotations!['deployment.kubernetes.io/revision'], '3');
    // As kubectl: the annotations come back with the revision, so revision 2's cause does not stay.
    assert.equal(d.metadata!.annotations!['kubernetes.io/change-cause'], undefined);
    await assert.rejects(actions.undo(deploy, { kind: 'Deployment', ...d }, first), (e) => e instanceof ActionRefused && /already matches revision/.test(e.message));

    transport.readonly = true;
    const before = c.sim.http.requests.length;
    await assert.rejects(actions.restart(deploy, 'deploy-test', 'nginx-deploy', now), (e) => e instanceof ApiError && e.kind === 'readonly');
    await assert.rejects(actions.delete(discovery.get('pods')!, 'deploy-test', 'x'), (e) => e instanceof ApiError && e.kind === 'readonly');
    assert.equal(c.sim.http.requests.length, before, 'nothing reached the server');
  } finally {
    transport.destroy();
    await c.stop();
  }
});
