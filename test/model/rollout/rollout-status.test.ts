import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';
import { ClusterIndexes } from '../../../src/model/indexes/cluster-indexes.js';
import { rolloutModel } from '../../../src/model/rollout/rollout-model.js';
import { rolloutStatus } from '../../../src/model/rollout/rollout-status.js';
import { rolloutStrategy, scaledValue } from '../../../src/model/rollout/rollout-strategy.js';
import type { KubeObject } from '../../../src/model/types.js';
import type { SimCluster } from '../../../src/sim/cluster.js';
import { startCluster } from '../../helpers/sim.js';
import { kubectlFlags } from '../../helpers/kubectl.js';

const run = promisify(execFile);
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const NS = 'deploy-test';

/** Relation indexes with what the simulated cluster's store holds now (as the caches would). */
function indexesOf(sim: SimCluster): ClusterIndexes {
  const idx = new ClusterIndexes();
  const kinds: [string, string, string][] = [['pods', 'Pod', 'v1'], ['replicasets.apps', 'ReplicaSet', 'apps/v1'], ['deployments.apps', 'Deployment', 'apps/v1'], ['events', 'Event', 'v1']];
  for (const [id, kind, apiVersion] of kinds) for (const o of sim.store.list(id)) idx.apply(id, { type: 'add', object: { kind, apiVersion, ...o } });
  return idx;
}
const deployment = (sim: SimCluster, name = 'nginx-deploy'): KubeObject => ({ kind: 'Deployment', apiVersion: 'apps/v1', ...sim.store.get('deployments.apps', NS, name)! });

test('strategy: percentages resolve as the controllers round them, and never to zero and zero', () => {
  assert.equal(scaledValue('25%', 3, true, '25%'), 1);
  assert.equal(scaledValue('25%', 3, false, '25%'), 0);
  assert.equal(scaledValue(undefined, 10, true, '25%'), 3);
  assert.deepEqual(rolloutStrategy({ kind: 'Deployment', spec: { replicas: 3 } }).text, 'RollingUpdate (max surge 1, max unavailable 0)');
  assert.deepEqual(rolloutStrategy({ kind: 'Deployment', spec: { replicas: 1, strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: '10%' } } } }).maxUnavailable, 1);
  assert.equal(rolloutStrategy({ kind: 'Deployment', spec: { strategy: { type: 'Recreate' } } }).text, 'Recreate');
  assert.equal(rolloutStrategy({ kind: 'StatefulSet', spec: { replicas: 3, updateStrategy: { rollingUpdate: { partition: 2 } } } }).text, 'RollingUpdate (partition 2, max unavailable 1)');
});

test('StatefulSet and DaemonSet status lines, as kubectl words them', () => {
  const sts = (status: Record<string, unknown>, spec: Record<string, unknown> = {}) => rolloutStatus({ kind: 'StatefulSet', metadata: { name: 'db', generation: 2 }, spec: { replicas: 3, ...spec }, status: { observedGeneration: 2, ...status } });
  assert.equal(sts({ observedGeneration: 1 }).message, 'Waiting for statefulset spec update to be observed...');
  assert.equal(sts({ readyReplicas: 1 }).message, 'Waiting for 2 pods to be ready...');
  assert.equal(sts({ readyReplicas: 3, updatedReplicas: 1, updateRevision: 'db-2', currentRevision: 'db-1' }).message, 'waiting for statefulset rolling update to complete 1 pods at revision db-2...');
  assert.deepEqual(sts({ readyReplicas: 3, currentReplicas: 3, updateRevision: 'db-2', currentRevision: 'db-2' }), { message: 'statefulset rolling update complete 3 pods at revision db-2...', done: true });
  assert.equal(sts({ readyReplicas: 3, updatedReplicas: 0 }, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }).message, 'Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...');
  assert.match(sts({}, { updateStrategy: { type: 'OnDelete' } }).error!, /only available for RollingUpdate/);
  const ds = (status: Record<string, unknown>) => rolloutStatus({ kind: 'DaemonSet', metadata: { name: 'agent', generation: 1 }, spec: {}, status: { observedGeneration: 1, desiredNumberScheduled: 4, ...status } });
  assert.equal(ds({ updatedNumberScheduled: 2 }).message, 'Waiting for daemon set "agent" rollout to finish: 2 out of 4 new pods have been updated...');
  assert.equal(ds({ updatedNumberScheduled: 4, numberAvailable: 3 }).message, 'Waiting for daemon set "agent" rollout to finish: 3 of 4 updated pods are available...');
  assert.equal(ds({ updatedNumberScheduled: 4, numberAvailable: 4 }).message, 'daemon set "agent" successfully rolled out');
});

describe('a rolling update of nginx-deploy on the simulated cluster', () => {
  test('step by step, the status line is what `kubectl rollout status --watch=false` says at the same moment', { skip: hasKubectl ? false : 'kubectl is not installed on this machine' }, async () => {
    const c = await startCluster({ scenario: 'deploy-test', clock: 'manual', start: Date.parse('2026-11-22T10:00:00Z') });
    try {
      c.sim.advance(60_000);
      c.sim.api.patch(c.sim.registry.get('deployments.apps')!, NS, 'nginx-deploy', 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } } });
      const seen: string[] = [];
      for (let step = 0; step < 40 && !seen.some((s) => /successfully rolled out/.test(s)); step++) {
        // Controllers act on the write at once; both readers must see the same moment.
        c.sim.settle();
        const ours = rolloutStatus(deployment(c.sim)).message;
        const { stdout } = await run('kubectl', [...kubectlFlags(c.kubeconfigPath), 'rollout', 'status', '-n', NS, 'deployment/nginx-deploy', '--watch=false'], { encoding: 'utf8' });
        assert.equal(stdout.trim(), ours, `at step ${step}`);
        if (seen[seen.length - 1] !== ours) seen.push(ours);
        c.sim.advance(1_000);
      }
      // The rollout went through kubectl's stages (3 replicas, surge 1, unavailable 1).
      assert.match(seen.join('\n'), /out of 3 new replicas have been updated[\s\S]*successfully rolled out/);
      assert.ok(seen.length >= 3, seen.join('\n'));
      const m = rolloutModel(indexesOf(c.sim), deployment(c.sim), c.sim.clock.now());
      assert.deepEqual(m.revisions.map((r) => [r.revision, r.isNew, r.desired]), [['1', false, 0], ['2', true, 3]]);
      assert.deepEqual(m.imageChanges, ['nginx: nginx:1.14.1 → nginx:1.16.1']);
      assert.ok(m.finishedAt! >= m.startedAt!);
    } finally {
      await c.stop();
    }
  });

  test('an image that cannot be pulled is called stuck at the pods\' pull back-off (not their first ErrImagePull), long before the deadline', async () => {
    const c = await startCluster({ scenario: 'deploy-test', clock: 'manual', start: Date.parse('2026-11-22T10:00:00Z') });
    try {
      c.sim.advance(60_000);
      c.sim.images.set('nginx:1.99', { pull: 'missing' });
      c.sim.api.patch(c.sim.registry.get('deployments.apps')!, NS, 'nginx-deploy', 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.99' }] } } } });
      const waiting = () => c.sim.store.list('pods').flatMap((p) => p.status?.containerStatuses ?? []).map((s: any) => s.state?.waiting?.reason);
      let at = 0;
      let sawErrImagePull = false;
      let m = rolloutModel(indexesOf(c.sim), deployment(c.sim), c.sim.clock.now());
      for (; at < 60 && !m.stuck; at++) {
        c.sim.advance(1_000);
        m = rolloutModel(indexesOf(c.sim), deployment(c.sim), c.sim.clock.now());
        if (!m.stuck && waiting().includes('ErrImagePull')) sawErrImagePull = true;
      }
      assert.ok(sawErrImagePull, 'the first ErrImagePull was not called stuck');
      assert.ok(waiting().includes('ImagePullBackOff'));
      assert.match(m.stuck!, /^rollout stuck: [12] of 2 new pods in ImagePullBackOff: Back-off pulling image "nginx:1\.99": ErrImagePull: rpc error: code = NotFound/);
      assert.ok(at <= 15, `stuck said after ${at}s`);
      assert.equal(m.status.error, undefined, 'kubectl would still be waiting');
      assert.match(m.status.message, /Waiting for deployment "nginx-deploy" rollout to finish/);
    } finally {
      await c.stop();
    }
  });

  test('a slow starter within its probes\' budget and the margin is never called stuck; one that never gets ready is, once past them', async () => {
    const c = await startCluster({ scenario: 'deploy-test', clock: 'manual', start: Date.parse('2026-11-22T10:00:00Z') });
    try {
      c.sim.advance(60_000);
      // Ready after 45 s: past the probe's own 30 s (0 + 10 s x 3), within the 30 s margin.
      c.sim.images.set('nginx:slow', { readyAfterSeconds: 45 });
      c.sim.images.set('nginx:never', { ready: false });
      const roll = (image: string) =>
        c.sim.api.patch(c.sim.registry.get('deployments.apps')!, NS, 'nginx-deploy', 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'nginx', image, readinessProbe: { httpGet: { path: '/', port: 80 } } }] } } } });
      roll('nginx:slow');
      const slowFrom = c.sim.clock.now();
      let m = rolloutModel(indexesOf(c.sim), deployment(c.sim), c.sim.clock.now());
      for (let i = 0; i < 300 && !m.status.done; i++) {
        c.sim.advance(1_000);
        m = rolloutModel(indexesOf(c.sim), deployment(c.sim), c.sim.clock.now());
        assert.equal(m.stuck, undefined, `at ${i + 1}s`);
      }
      assert.ok(m.status.done, m.status.message);
      assert.ok(c.sim.clock.now() - slowFrom > 45_000, 'the new pods were unready past their probe\'s 30 s');
      roll('nginx:never');
      const rolled = c.sim.clock.now();
      for (let i = 0; i < 120 && !m.stuck; i++) {
        c.sim.advance(1_000);
        m = rolloutModel(indexesOf(c.sim), deployment(c.sim), c.sim.clock.now());
      }
      assert.match(m.stuck!, /^rollout stuck: [12] of 2 new pods failing readiness: container nginx has been running 6\ds without becoming ready \(its probes allow 30s\)$/);
      assert.ok(c.sim.clock.now() - rolled > 60_000);
    } finally {
      await c.stop();
    }
  });

  test('a crash-looping new revision is called stuck with its exit code and message', async () => {
    const c = await startCluster({ scenario: 'deploy-test', clock: 'manual', start: Date.parse('2026-11-22T10:00:00Z') });
    try {
      c.sim.advance(60_000);
      c.sim.images.set('nginx:1.98', { crash: { afterSeconds: 2, exitCode: 3, message: 'nginx: [emerg] unknown directive "servr"' } });
      c.sim.api.patch(c.sim.registry.get('deployments.apps')!, NS, 'nginx-deploy', 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.98' }] } } } });
      let m = rolloutModel(indexesOf(c.sim), deployment(c.sim), c.sim.clock.now());
      for (let i = 0; i < 60 && !m.stuck; i++) {
        c.sim.advance(1_000);
        m = rolloutModel(indexesOf(c.sim), deployment(c.sim), c.sim.clock.now());
      }
      assert.match(m.stuck!, /^rollout stuck: \d of \d new pods in CrashLoopBackOff: container nginx restarted \d+ times, exit code 3: nginx: \[emerg\] unknown directive "servr"/);
    } finally {
      await c.stop();
    }
  });
});
