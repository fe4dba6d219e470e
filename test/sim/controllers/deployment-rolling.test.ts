// The Deployment controller against the behaviour of a real cluster: rolling updates within
// maxSurge/maxUnavailable, Recreate, rollback, scaling, pause/resume and the progress deadline.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/model/types.js';
import type { SimCluster } from '../../../src/sim/cluster.js';
import {
  MERGE,
  SMP,
  advanceUntil,
  cond,
  container,
  create,
  eventsAbout,
  get,
  now,
  notTerminating,
  patch,
  podReady,
  podsWith,
  replicaSetsOf,
  startSim,
} from './helpers.js';

const DEPLOY = 'deployments.apps';
const REVISION = 'deployment.kubernetes.io/revision';

interface WebOptions {
  replicas?: number;
  image?: string;
  strategy?: Record<string, unknown>;
  progressDeadlineSeconds?: number;
}

/** The `web` Deployment (app=web, one nginx container). */
function web(opts: WebOptions = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: opts.replicas ?? 3,
      selector: { matchLabels: { app: 'web' } },
      strategy: opts.strategy ?? { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
      ...(opts.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: opts.progressDeadlineSeconds } : {}),
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: opts.image ?? 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

/** The strategic merge patch `kubectl set image deployment/web nginx=IMAGE` sends. */
function setImage(sim: SimCluster, image: string): void {
  patch(sim, DEPLOY, 'default', 'web', SMP, { spec: { template: { spec: { containers: [{ image, name: 'nginx' }] } } } });
}

function deploy(sim: SimCluster): KubeObject {
  const d = get(sim, DEPLOY, 'default', 'web');
  assert.ok(d, 'deployment web exists');
  return d;
}

/** `kubectl rollout status` says "successfully rolled out". */
function rolledOut(sim: SimCluster): boolean {
  const d = deploy(sim);
  const s = d.status ?? {};
  return (
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) &&
    (s.updatedReplicas ?? 0) === d.spec.replicas &&
    (s.replicas ?? 0) === (s.updatedReplicas ?? 0) &&
    (s.availableReplicas ?? 0) === (s.updatedReplicas ?? 0)
  );
}

const imageOf = (o: KubeObject): string | undefined => (o.spec?.template?.spec ?? o.spec)?.containers?.[0]?.image;

function rsWithImage(sim: SimCluster, image: string): KubeObject {
  const found = replicaSetsOf(sim, deploy(sim)).filter((rs) => imageOf(rs) === image);
  assert.equal(found.length, 1, `exactly one ReplicaSet runs ${image}`);
  return found[0];
}

function scalingMessages(sim: SimCluster): string[] {
  const evs = eventsAbout(sim, deploy(sim), 'ScalingReplicaSet');
  for (const e of evs) {
    assert.equal(e.type, 'Normal');
    assert.equal(e.source?.component, 'deployment-controller');
    assert.equal(e.involvedObject?.kind, 'Deployment');
  }
  return evs.map((e) => e.message as string);
}

/** Starts a cluster, creates `web` and waits until it is fully rolled out. */
async function withWeb(t: { after: (fn: () => Promise<void>) => void }, opts: WebOptions = {}): Promise<SimCluster> {
  const sim = await startSim();
  t.after(() => sim.stop());
  create(sim, DEPLOY, 'default', web(opts));
  advanceUntil(sim, 'initial rollout', () => rolledOut(sim), { limitMs: 60_000 });
  return sim;
}

describe('Deployment controller', () => {
  test('a new Deployment gets one ReplicaSet (revision 1) and becomes 3/3 available', async (t) => {
    const sim = await startSim();
    t.after(() => sim.stop());
    create(sim, DEPLOY, 'default', web());
    const d0 = deploy(sim);
    const rss = replicaSetsOf(sim, d0);
    assert.equal(rss.length, 1);
    const rs = rss[0];
    const hash = rs.metadata?.labels?.['pod-template-hash'];
    assert.ok(hash, 'ReplicaSet carries pod-template-hash');
    assert.equal(rs.metadata?.name, `web-${hash}`);
    assert.equal(rs.spec.replicas, 3);
    assert.equal(rs.spec.selector.matchLabels['pod-template-hash'], hash);
    assert.equal(rs.spec.template.metadata.labels['pod-template-hash'], hash);
    assert.equal(rs.metadata?.annotations?.[REVISION], '1');
    assert.equal(rs.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas'], '3');
    assert.equal(rs.metadata?.annotations?.['deployment.kubernetes.io/max-replicas'], '4');
    const ref = rs.metadata?.ownerReferences?.[0];
    assert.deepEqual(
      { kind: ref?.kind, name: ref?.name, uid: ref?.uid, controller: ref?.controller, blockOwnerDeletion: ref?.blockOwnerDeletion },
      { kind: 'Deployment', name: 'web', uid: d0.metadata?.uid, controller: true, blockOwnerDeletion: true },
    );
    assert.equal(d0.metadata?.annotations?.[REVISION], '1');
    assert.ok(scalingMessages(sim).includes(`Scaled up replica set web-${hash} from 0 to 3`), scalingMessages(sim).join('\n'));

    advanceUntil(sim, 'rollout', () => rolledOut(sim), { limitMs: 60_000 });
    const d = deploy(sim);
    assert.equal(d.status.observedGeneration, d.metadata?.generation);
    assert.equal(d.status.replicas, 3);
    assert.equal(d.status.updatedReplicas, 3);
    assert.equal(d.status.readyReplicas, 3);
    assert.equal(d.status.availableReplicas, 3);
    assert.equal(d.status.unavailableReplicas, undefined);
    const pods = podsWith(sim, 'default', { app: 'web' });
    assert.equal(pods.length, 3);
    for (const p of pods) {
      assert.match(p.metadata!.name!, new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      assert.equal(p.metadata?.labels?.['pod-template-hash'], hash);
      assert.equal(p.metadata?.ownerReferences?.[0]?.uid, rs.metadata?.uid);
    }
    const avail = cond(d, 'Available');
    assert.equal(avail?.status, 'True');
    assert.equal(avail?.reason, 'MinimumReplicasAvailable');
    assert.equal(avail?.message, 'Deployment has minimum availability.');
    const prog = cond(d, 'Progressing');
    assert.equal(prog?.status, 'True');
    assert.equal(prog?.reason, 'NewReplicaSetAvailable');
    assert.equal(prog?.message, `ReplicaSet "web-${hash}" has successfully progressed.`);
  });

  test('set image rolls out with at most 4 pods and at least 2 available at every step (maxSurge 1, maxUnavailable 1)', async (t) => {
    const sim = await withWeb(t);
    const oldRS = rsWithImage(sim, 'nginx:1.25');
    const oldName = oldRS.metadata!.name!;

    setImage(sim, 'nginx:1.26');
    let maxLive = 0;
    let minAvailable = Infinity;
    const elapsed = advanceUntil(sim, 'rollout to nginx:1.26', () => rolledOut(sim), {
      stepMs: 100,
      limitMs: 120_000,
      each: () => {
        const pods = podsWith(sim, 'default', { app: 'web' });
        const live = pods.filter(notTerminating).length;
        const available = pods.filter(podReady).length;
        const at = `${new Date(now(sim)).toISOString()}: ${live} pods, ${available} available`;
        assert.ok(live <= 4, `more than replicas + maxSurge (4) pods at ${at}`);
        assert.ok(available >= 2, `fewer than replicas - maxUnavailable (2) available at ${at}`);
        maxLive = Math.max(maxLive, live);
        minAvailable = Math.min(minAvailable, available);
      },
    });
    assert.ok(elapsed > 0);
    // The controller uses the whole budget: it surges to 4 pods and dips to 2 available.
    assert.equal(maxLive, 4, 'surges to replicas + maxSurge');
    assert.equal(minAvailable, 2, 'dips to replicas - maxUnavailable');

    const rss = replicaSetsOf(sim, deploy(sim));
    assert.equal(rss.length, 2, 'one old and one new ReplicaSet');
    const newRS = rsWithImage(sim, 'nginx:1.26');
    const old = rsWithImage(sim, 'nginx:1.25');
    assert.equal(old.metadata?.name, oldName);
    assert.equal(newRS.metadata?.annotations?.[REVISION], '2');
    assert.equal(old.metadata?.annotations?.[REVISION], '1');
    assert.equal(newRS.spec.replicas, 3);
    assert.equal(old.spec.replicas, 0);
    assert.notEqual(newRS.metadata?.labels?.['pod-template-hash'], old.metadata?.labels?.['pod-template-hash']);

    const d = deploy(sim);
    assert.equal(d.metadata?.annotations?.[REVISION], '2');
    assert.equal(d.status.updatedReplicas, 3);
    assert.equal(d.status.availableReplicas, 3);
    assert.equal(d.status.replicas, 3);
    assert.equal(cond(d, 'Available')?.status, 'True');
    assert.equal(cond(d, 'Available')?.reason, 'MinimumReplicasAvailable');
    assert.equal(cond(d, 'Progressing')?.status, 'True');
    assert.equal(cond(d, 'Progressing')?.reason, 'NewReplicaSetAvailable');
    assert.equal(cond(d, 'Progressing')?.message, `ReplicaSet "${newRS.metadata?.name}" has successfully progressed.`);

    const msgs = scalingMessages(sim);
    const newName = newRS.metadata!.name!;
    for (const m of [`Scaled up replica set ${newName} from 0 to 1`, `Scaled down replica set ${oldName} from 3 to 2`]) {
      assert.ok(msgs.includes(m), `missing event "${m}" in:\n${msgs.join('\n')}`);
    }
    assert.ok(msgs.some((m) => new RegExp(`^Scaled up replica set ${newName} from [12] to 3$`).test(m)), msgs.join('\n'));
    assert.ok(msgs.some((m) => new RegExp(`^Scaled down replica set ${oldName} from [12] to 0$`).test(m)), msgs.join('\n'));

    // Once the old pods have stopped, only new-template pods remain.
    sim.advance(35_000);
    const pods = podsWith(sim, 'default', { app: 'web' });
    assert.equal(pods.length, 3);
    for (const p of pods) {
      assert.equal(container(p)?.image, 'nginx:1.26');
      assert.equal(p.metadata?.labels?.['pod-template-hash'], newRS.metadata?.labels?.['pod-template-hash']);
    }
  });

  test('25% maxSurge/maxUnavailable of 10 replicas: at most 13 pods and at least 8 available at every step', async (t) => {
    const sim = await withWeb(t, { replicas: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
    setImage(sim, 'nginx:1.26');
    let maxLive = 0;
    let minAvailable = Infinity;
    advanceUntil(sim, 'rollout of 10 replicas', () => rolledOut(sim), {
      stepMs: 100,
      limitMs: 180_000,
      each: () => {
        const pods = podsWith(sim, 'default', { app: 'web' });
        const live = pods.filter(notTerminating).length;
        const available = pods.filter(podReady).length;
        const at = `${new Date(now(sim)).toISOString()}: ${live} pods, ${available} available`;
        assert.ok(live <= 13, `more than 10 + 25% surge (rounded up: 3) pods at ${at}`);
        assert.ok(available >= 8, `fewer than 10 - 25% unavailable (rounded down: 2) available at ${at}`);
        maxLive = Math.max(maxLive, live);
        minAvailable = Math.min(minAvailable, available);
      },
    });
    assert.equal(maxLive, 13, '25% of 10 surge rounds up to 3');
    assert.equal(minAvailable, 8, '25% of 10 unavailable rounds down to 2');
    const newRS = rsWithImage(sim, 'nginx:1.26');
    assert.equal(newRS.spec.replicas, 10);
    assert.equal(newRS.metadata?.annotations?.['deployment.kubernetes.io/max-replicas'], '13');
    assert.equal(rsWithImage(sim, 'nginx:1.25').spec.replicas, 0);
  });

  test('Recreate: every old pod is gone before the first new pod is created', async (t) => {
    const sim = await withWeb(t, { strategy: { type: 'Recreate' } });
    const oldName = rsWithImage(sim, 'nginx:1.25').metadata!.name!;
    const violations: string[] = [];
    let created = 0;
    const unsubscribe = sim.store.subscribe('pods', (ev) => {
      if (ev.type !== 'ADDED' || ev.object.spec?.containers?.[0]?.image !== 'nginx:1.26') return;
      created++;
      const olds = sim.store.list('pods', 'default').filter((p) => p.spec?.containers?.[0]?.image === 'nginx:1.25');
      if (olds.length) {
        violations.push(`${ev.object.metadata?.name} created while old pods exist: ${olds.map((p) => `${p.metadata?.name}${p.metadata?.deletionTimestamp ? ' (terminating)' : ''}`).join(', ')}`);
      }
    });
    try {
      setImage(sim, 'nginx:1.26');
      advanceUntil(sim, 'recreate rollout', () => rolledOut(sim), { limitMs: 120_000 });
    } finally {
      unsubscribe();
    }
    assert.deepEqual(violations, []);
    assert.equal(created, 3);
    const newName = rsWithImage(sim, 'nginx:1.26').metadata!.name!;
    const msgs = scalingMessages(sim);
    assert.ok(msgs.includes(`Scaled down replica set ${oldName} from 3 to 0`), msgs.join('\n'));
    assert.ok(msgs.includes(`Scaled up replica set ${newName} from 0 to 3`), msgs.join('\n'));
  });

  test('Recreate: the new ReplicaSet is only created, with all replicas, once the old pods are gone', async (t) => {
    const sim = await withWeb(t, { strategy: { type: 'Recreate' } });
    const seen: { oldPods: number; replicas: number }[] = [];
    const unsubscribe = sim.store.subscribe('replicasets.apps', (ev) => {
      if (ev.type !== 'ADDED') return;
      const oldPods = sim.store.list('pods', 'default').filter((p) => p.spec?.containers?.[0]?.image === 'nginx:1.25').length;
      seen.push({ oldPods, replicas: ev.object.spec?.replicas });
    });
    try {
      setImage(sim, 'nginx:1.26');
      advanceUntil(sim, 'recreate rollout', () => rolledOut(sim), { limitMs: 120_000 });
    } finally {
      unsubscribe();
    }
    // rolloutRecreate looks the new ReplicaSet up without creating it until no old pod runs,
    // then creates it with spec.replicas.
    assert.deepEqual(seen, [{ oldPods: 0, replicas: 3 }]);
  });

  test('rollback to the first template reuses the original ReplicaSet with revision 3', async (t) => {
    const sim = await withWeb(t);
    const first = rsWithImage(sim, 'nginx:1.25');
    setImage(sim, 'nginx:1.26');
    advanceUntil(sim, 'rollout to 1.26', () => rolledOut(sim));
    const second = rsWithImage(sim, 'nginx:1.26');

    setImage(sim, 'nginx:1.25');
    const rss = replicaSetsOf(sim, deploy(sim));
    assert.equal(rss.length, 2, 'no third ReplicaSet');
    const reused = get(sim, 'replicasets.apps', 'default', first.metadata!.name!)!;
    assert.equal(reused.metadata?.uid, first.metadata?.uid);
    assert.equal(reused.metadata?.annotations?.[REVISION], '3');
    assert.equal(reused.metadata?.annotations?.['deployment.kubernetes.io/revision-history'], '1');
    assert.equal(deploy(sim).metadata?.annotations?.[REVISION], '3');

    advanceUntil(sim, 'rollback', () => rolledOut(sim));
    assert.equal(replicaSetsOf(sim, deploy(sim)).length, 2);
    assert.equal(get(sim, 'replicasets.apps', 'default', first.metadata!.name!)?.spec.replicas, 3);
    assert.equal(get(sim, 'replicasets.apps', 'default', second.metadata!.name!)?.spec.replicas, 0);
    assert.equal(get(sim, 'replicasets.apps', 'default', second.metadata!.name!)?.metadata?.annotations?.[REVISION], '2');
    for (const p of podsWith(sim, 'default', { app: 'web' }).filter(notTerminating)) {
      assert.equal(p.metadata?.labels?.['pod-template-hash'], first.metadata?.labels?.['pod-template-hash']);
    }
  });

  test('patching spec.replicas scales the ReplicaSet up to 5 and down to 2', async (t) => {
    const sim = await withWeb(t);
    const rs = rsWithImage(sim, 'nginx:1.25');
    const name = rs.metadata!.name!;

    patch(sim, DEPLOY, 'default', 'web', MERGE, { spec: { replicas: 5 } });
    advanceUntil(sim, '5 available pods', () => rolledOut(sim) && podsWith(sim, 'default', { app: 'web' }).filter(podReady).length === 5);
    assert.equal(replicaSetsOf(sim, deploy(sim)).length, 1, 'scaling makes no new ReplicaSet');
    const scaled = get(sim, 'replicasets.apps', 'default', name)!;
    assert.equal(scaled.spec.replicas, 5);
    assert.equal(scaled.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas'], '5');
    assert.equal(scaled.metadata?.annotations?.['deployment.kubernetes.io/max-replicas'], '6');
    assert.equal(podsWith(sim, 'default', { app: 'web' }).filter(notTerminating).length, 5);
    assert.equal(deploy(sim).status.availableReplicas, 5);
    assert.ok(scalingMessages(sim).includes(`Scaled up replica set ${name} from 3 to 5`), scalingMessages(sim).join('\n'));

    patch(sim, DEPLOY, 'default', 'web', MERGE, { spec: { replicas: 2 } });
    assert.equal(get(sim, 'replicasets.apps', 'default', name)?.spec.replicas, 2);
    assert.equal(podsWith(sim, 'default', { app: 'web' }).filter(notTerminating).length, 2);
    assert.ok(scalingMessages(sim).includes(`Scaled down replica set ${name} from 5 to 2`), scalingMessages(sim).join('\n'));
    sim.advance(35_000);
    assert.equal(podsWith(sim, 'default', { app: 'web' }).length, 2, 'the 3 removed pods are gone after their grace period');
    assert.equal(deploy(sim).status.replicas, 2);
  });

  test('a paused Deployment makes no new ReplicaSet for a template change (Progressing Unknown/DeploymentPaused) until resumed', async (t) => {
    const sim = await withWeb(t);
    patch(sim, DEPLOY, 'default', 'web', MERGE, { spec: { paused: true } });
    let prog = cond(deploy(sim), 'Progressing');
    assert.equal(prog?.status, 'Unknown');
    assert.equal(prog?.reason, 'DeploymentPaused');
    assert.equal(prog?.message, 'Deployment is paused');

    setImage(sim, 'nginx:1.26');
    sim.advance(30_000);
    const d = deploy(sim);
    assert.equal(replicaSetsOf(sim, d).length, 1, 'no new ReplicaSet while paused');
    assert.equal(d.status.observedGeneration, d.metadata?.generation, 'the controller still observes the paused spec');
    assert.equal(d.metadata?.annotations?.[REVISION], '1');
    const pods = podsWith(sim, 'default', { app: 'web' });
    assert.equal(pods.length, 3);
    for (const p of pods) assert.equal(p.spec.containers[0].image, 'nginx:1.25');
    prog = cond(d, 'Progressing');
    assert.equal(prog?.status, 'Unknown');
    assert.equal(prog?.reason, 'DeploymentPaused');

    patch(sim, DEPLOY, 'default', 'web', MERGE, { spec: { paused: false } });
    assert.equal(replicaSetsOf(sim, deploy(sim)).length, 2, 'resume starts the rollout');
    advanceUntil(sim, 'rollout after resume', () => rolledOut(sim));
    const newRS = rsWithImage(sim, 'nginx:1.26');
    assert.equal(newRS.metadata?.annotations?.[REVISION], '2');
    assert.equal(newRS.spec.replicas, 3);
    prog = cond(deploy(sim), 'Progressing');
    assert.equal(prog?.status, 'True');
    assert.equal(prog?.reason, 'NewReplicaSetAvailable');
  });

  test('an image that cannot be pulled exceeds progressDeadlineSeconds 60: Progressing False/ProgressDeadlineExceeded', async (t) => {
    const sim = await withWeb(t, { progressDeadlineSeconds: 60 });
    sim.images.set('nginx:0.0-missing', { pull: 'missing' });
    sim.advance(1000 - (now(sim) % 1000)); // status times have second resolution: start on a whole second
    const t0 = now(sim);
    setImage(sim, 'nginx:0.0-missing');
    const newName = rsWithImage(sim, 'nginx:0.0-missing').metadata!.name!;

    sim.advance(30_000);
    let prog = cond(deploy(sim), 'Progressing');
    assert.equal(prog?.status, 'True', 'still progressing after 30 s');
    assert.notEqual(prog?.reason, 'ProgressDeadlineExceeded');
    const waiting = podsWith(sim, 'default', { app: 'web' })
      .filter((p) => p.spec.containers[0].image === 'nginx:0.0-missing')
      .map((p) => container(p)?.state?.waiting?.reason);
    assert.ok(waiting.length > 0 && waiting.every((r) => r === 'ErrImagePull' || r === 'ImagePullBackOff'), String(waiting));

    sim.advance(t0 + 58_000 - now(sim));
    prog = cond(deploy(sim), 'Progressing');
    assert.equal(prog?.status, 'True', 'not timed out before 60 s');

    sim.advance(t0 + 62_000 - now(sim));
    const d = deploy(sim);
    prog = cond(d, 'Progressing');
    assert.equal(prog?.status, 'False');
    assert.equal(prog?.reason, 'ProgressDeadlineExceeded');
    assert.equal(prog?.message, `ReplicaSet "${newName}" has timed out progressing.`);
    // Two old pods still serve: maxUnavailable 1 of 3 keeps the Deployment available.
    assert.equal(cond(d, 'Available')?.status, 'True');
    assert.equal(d.status.availableReplicas, 2);
  });
});
