// The simulated scheduler and kubelet against a real node: scheduling, start-up, readiness
// probes, crash loops with back-off, image pull failures, graceful deletion and event aggregation.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/model/types.js';
import type { SimCluster } from '../../../src/sim/cluster.js';
import { timestamp } from '../../../src/sim/store.js';
import { advanceFor, advanceUntil, cond, container, create, eventsAbout, get, now, res, startSim } from './helpers.js';

/** A bare Pod with one container. */
function pod(name: string, image: string, containerExtra: Record<string, unknown> = {}, cname = 'app'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { run: name } },
    spec: { containers: [{ name: cname, image, ...containerExtra }] },
  };
}

function current(sim: SimCluster, name: string): KubeObject {
  const p = get(sim, 'pods', 'default', name);
  assert.ok(p, `pod ${name} exists`);
  return p;
}

async function cluster(t: { after: (fn: () => Promise<void>) => void }): Promise<SimCluster> {
  const sim = await startSim();
  t.after(() => sim.stop());
  return sim;
}

const KUBELET_FIELD = (c: string) => `spec.containers{${c}}`;

describe('pod lifecycle (scheduler and kubelet)', () => {
  test('a Pod is bound by default-scheduler, is Pending/ContainerCreating, then Running and Ready', async (t) => {
    const sim = await cluster(t);
    create(sim, 'pods', 'default', pod('web', 'nginx:1.25', { ports: [{ containerPort: 80 }] }, 'nginx'));
    let p = current(sim, 'web');
    const node = p.spec.nodeName;
    assert.match(node ?? '', /^sim-node-[123]$/, 'spec.nodeName is set by the scheduler');
    const scheduled = eventsAbout(sim, p, 'Scheduled');
    assert.equal(scheduled.length, 1);
    assert.equal(scheduled[0].type, 'Normal');
    assert.equal(scheduled[0].source?.component, 'default-scheduler');
    assert.equal(scheduled[0].message, `Successfully assigned default/web to ${node}`);
    assert.equal(cond(p, 'PodScheduled')?.status, 'True');

    assert.equal(p.status.phase, 'Pending');
    assert.equal(container(p)?.state?.waiting?.reason, 'ContainerCreating');
    assert.equal(container(p)?.ready, false);
    assert.equal(cond(p, 'Ready')?.status, 'False');
    assert.equal(cond(p, 'Ready')?.reason, 'ContainersNotReady');

    advanceUntil(sim, 'web Running and Ready', () => cond(current(sim, 'web'), 'Ready')?.status === 'True', { limitMs: 10_000 });
    p = current(sim, 'web');
    assert.equal(p.status.phase, 'Running');
    assert.equal(cond(p, 'ContainersReady')?.status, 'True');
    assert.equal(cond(p, 'Initialized')?.status, 'True');
    const cs = container(p);
    assert.equal(cs.name, 'nginx');
    assert.equal(cs.ready, true);
    assert.equal(cs.started, true);
    assert.equal(cs.restartCount, 0);
    assert.ok(cs.state?.running?.startedAt, 'state.running.startedAt');
    assert.match(cs.containerID ?? '', /^containerd:\/\//);
    const nodeObj = get(sim, 'nodes', undefined, node)!;
    const internal = nodeObj.status.addresses.find((a: any) => a.type === 'InternalIP').address;
    assert.equal(p.status.hostIP, internal);
    assert.match(p.status.podIP ?? '', /^\d+\.\d+\.\d+\.\d+$/);
    // (kubelets from 1.32 on write "Created container: nginx"; earlier ones "Created container nginx")
    for (const [reason, message] of [
      ['Pulling', /^Pulling image "nginx:1\.25"$/],
      ['Created', /^Created container:? nginx$/],
      ['Started', /^Started container nginx$/],
    ] as const) {
      const evs = eventsAbout(sim, p, reason);
      assert.equal(evs.length, 1, `one ${reason} event`);
      assert.match(evs[0].message, message);
      assert.equal(evs[0].source?.component, 'kubelet');
      assert.equal(evs[0].source?.host, node);
      assert.equal(evs[0].involvedObject?.fieldPath, KUBELET_FIELD('nginx'));
    }
  });

  test('a readiness probe with initialDelaySeconds 5 keeps the pod not ready until the delay has passed', async (t) => {
    const sim = await cluster(t);
    const probe = { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 };
    create(sim, 'pods', 'default', pod('probed', 'nginx:1.25', { readinessProbe: probe }, 'nginx'));
    let runningAt: number | undefined;
    let readyAt: number | undefined;
    const early: string[] = [];
    advanceUntil(sim, 'probed Ready', () => readyAt !== undefined, {
      limitMs: 30_000,
      each: () => {
        const p = current(sim, 'probed');
        if (runningAt === undefined && container(p)?.state?.running) runningAt = now(sim);
        const ready = cond(p, 'Ready')?.status === 'True';
        if (ready && readyAt === undefined) readyAt = now(sim);
        if (runningAt !== undefined && !ready) {
          assert.equal(p.status.phase, 'Running');
          assert.equal(container(p).ready, false);
          assert.equal(container(p).started, true);
          assert.equal(cond(p, 'Ready')?.reason, 'ContainersNotReady');
          assert.equal(cond(p, 'Ready')?.message, 'containers with unready status: [nginx]');
        }
        // Observed start is at most one 100 ms step after the real start.
        if (ready && (runningAt === undefined || now(sim) < runningAt + 4_900)) early.push(new Date(now(sim)).toISOString());
      },
    });
    assert.deepEqual(early, [], 'Ready before initialDelaySeconds passed');
    assert.ok(runningAt !== undefined && readyAt !== undefined);
    // The first probe runs at the first period tick after the initial delay.
    assert.ok(readyAt - runningAt <= 5_000 + 10_000 + 1_000, `ready ${readyAt - runningAt} ms after start`);
  });

  test('a crashing container: CrashLoopBackOff with lastState.terminated, growing restartCount and BackOff events', async (t) => {
    const sim = await cluster(t);
    sim.images.set('crasher:1.0', { crash: { afterSeconds: 2, exitCode: 3 } });
    create(sim, 'pods', 'default', pod('crash', 'crasher:1.0'));
    const uid = current(sim, 'crash').metadata!.uid!;
    let lastCount = 0;
    let sawBackOff = false;
    advanceFor(sim, 120_000, () => {
      const cs = container(current(sim, 'crash'));
      if (!cs) return;
      assert.ok(cs.restartCount >= lastCount, 'restartCount never decreases');
      lastCount = cs.restartCount;
      const waiting = cs.state?.waiting;
      if (waiting?.reason === 'CrashLoopBackOff') {
        sawBackOff = true;
        assert.ok(cs.restartCount >= 1);
        const expected = Math.min(300, 10 * 2 ** (cs.restartCount - 1));
        assert.equal(waiting.message, `back-off ${expected}s restarting failed container=app pod=crash_default(${uid})`);
        assert.equal(cs.lastState?.terminated?.exitCode, 3);
        assert.equal(cs.lastState?.terminated?.reason, 'Error');
        assert.ok(cs.lastState.terminated.startedAt && cs.lastState.terminated.finishedAt);
        assert.equal(cs.ready, false);
        assert.equal(current(sim, 'crash').status.phase, 'Running', 'a crash-looping pod stays in phase Running');
      }
    });
    assert.ok(sawBackOff, 'saw waiting reason CrashLoopBackOff');
    assert.ok(lastCount >= 3, `restartCount grew to ${lastCount} in 120 s`);
    const p = current(sim, 'crash');
    const backoff = eventsAbout(sim, p, 'BackOff');
    assert.equal(backoff.length, 1, 'BackOff events are aggregated into one Event');
    assert.equal(backoff[0].type, 'Warning');
    assert.equal(backoff[0].message, `Back-off restarting failed container app in pod crash_default(${uid})`);
    assert.equal(backoff[0].involvedObject?.fieldPath, KUBELET_FIELD('app'));
    assert.ok(backoff[0].count >= 2);
  });

  test('crash restarts: the first restart is immediate, then back-off 10 s, 20 s, 40 s; restartCount counts restarts done', async (t) => {
    const sim = await cluster(t);
    sim.images.set('crasher:1.0', { crash: { afterSeconds: 2, exitCode: 1 } });
    const starts: number[] = [];
    const crashes: number[] = [];
    const countMismatches: string[] = [];
    let runningId: string | undefined;
    const unsubscribe = sim.store.subscribe('pods', (ev) => {
      if (ev.type === 'DELETED' || ev.object.metadata?.name !== 'crash') return;
      const cs = container(ev.object);
      if (!cs) return;
      const at = sim.clock.now();
      if (cs.state?.running) {
        if (cs.containerID !== runningId) {
          runningId = cs.containerID;
          starts.push(at);
        }
      } else if (runningId !== undefined) {
        runningId = undefined;
        crashes.push(at);
      }
      // restartCount is how many times the container has been restarted so far.
      const done = Math.max(0, starts.length - 1);
      if (cs.restartCount !== done) {
        countMismatches.push(`+${at - (starts[0] ?? at)}ms restartCount ${cs.restartCount} after ${done} restarts (${Object.keys(cs.state ?? {})[0]} ${cs.state?.waiting?.reason ?? ''})`);
      }
    });
    try {
      create(sim, 'pods', 'default', pod('crash', 'crasher:1.0'));
      sim.advance(170_000);
    } finally {
      unsubscribe();
    }
    const gaps = crashes.slice(0, starts.length - 1).map((c, i) => starts[i + 1] - c);
    const shown = `restart delays after each crash (ms): ${gaps.join(', ')}`;
    assert.ok(gaps.length >= 4, shown);
    // kubelet: no back-off entry exists at the first exit, so the container restarts at once;
    // from then on the back-off starts at 10 s and doubles.
    assert.ok(gaps[0] <= 3_000, `first restart should be immediate; ${shown}`);
    for (const [i, want] of [[1, 10_000], [2, 20_000], [3, 40_000]] as const) {
      assert.ok(gaps[i] >= want && gaps[i] <= want + 1_500, `restart ${i + 1} should wait ${want / 1000} s; ${shown}`);
    }
    assert.deepEqual(countMismatches.slice(0, 3), [], 'restartCount runs ahead of the restarts');
  });

  test('a missing image: ErrImagePull, then ImagePullBackOff, with Failed and BackOff events', async (t) => {
    const sim = await cluster(t);
    const image = 'registry.example.com/team/app:missing';
    sim.images.set(image, { pull: 'missing' });
    const reasons: string[] = [];
    const unsubscribe = sim.store.subscribe('pods', (ev) => {
      if (ev.type === 'DELETED' || ev.object.metadata?.name !== 'pull') return;
      const r = container(ev.object)?.state?.waiting?.reason;
      if (r && reasons[reasons.length - 1] !== r) reasons.push(r);
    });
    try {
      create(sim, 'pods', 'default', pod('pull', image));
      advanceFor(sim, 60_000, () => {
        const p = current(sim, 'pull');
        assert.equal(p.status.phase, 'Pending');
        assert.notEqual(cond(p, 'Ready')?.status, 'True');
      });
    } finally {
      unsubscribe();
    }
    assert.deepEqual(reasons.slice(0, 3), ['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
    assert.ok(reasons.length >= 5, `pulls are retried: ${reasons.join(' → ')}`);
    for (let i = 1; i < reasons.length; i++) assert.equal(reasons[i], i % 2 ? 'ErrImagePull' : 'ImagePullBackOff', reasons.join(' → '));

    const p = current(sim, 'pull');
    const cs = container(p);
    assert.match(cs.state.waiting.message, new RegExp(`^(Back-off pulling image "${image.replace(/[.]/g, '\\.')}"|Failed to pull image)`));
    assert.equal(cs.ready, false);
    assert.equal(cs.restartCount, 0);
    const events = eventsAbout(sim, p);
    const find = (type: string, reason: string, message: RegExp) =>
      events.filter((e) => e.type === type && e.reason === reason && message.test(e.message) && e.source?.component === 'kubelet' && e.involvedObject?.fieldPath === KUBELET_FIELD('app'));
    const img = image.replace(/[./]/g, (c) => `\\${c}`);
    assert.equal(find('Normal', 'Pulling', new RegExp(`^Pulling image "${img}"$`)).length, 1);
    assert.equal(find('Warning', 'Failed', new RegExp(`^Failed to pull image "${img}": `)).length, 1);
    assert.equal(find('Warning', 'Failed', /^Error: ErrImagePull$/).length, 1);
    assert.equal(find('Normal', 'BackOff', new RegExp(`^Back-off pulling image "${img}"`)).length, 1);
    assert.equal(find('Warning', 'Failed', /^Error: ImagePullBackOff$/).length, 1);
  });

  test('identical events aggregate into one Event whose count grows', async (t) => {
    const sim = await cluster(t);
    sim.images.set('ghcr.io/acme/nope:1', { pull: 'missing' });
    create(sim, 'pods', 'default', pod('agg', 'ghcr.io/acme/nope:1'));
    const p = current(sim, 'agg');
    const pulling = eventsAbout(sim, p, 'Pulling');
    assert.equal(pulling.length, 1);
    const name = pulling[0].metadata?.name;
    assert.equal(pulling[0].count, 1);
    const first = pulling[0].firstTimestamp;
    sim.advance(90_000);
    const later = eventsAbout(sim, p, 'Pulling');
    assert.equal(later.length, 1, 'still one Pulling event');
    assert.equal(later[0].metadata?.name, name, 'the same Event object');
    assert.ok(later[0].count >= 3, `count ${later[0].count} after 90 s of pull retries`);
    assert.equal(later[0].firstTimestamp, first);
    assert.ok(Date.parse(later[0].lastTimestamp) > Date.parse(first), 'lastTimestamp moves on');
    const errs = eventsAbout(sim, p, 'Failed').filter((e) => e.message === 'Error: ErrImagePull');
    assert.equal(errs.length, 1);
    assert.equal(errs[0].count, later[0].count, 'one ErrImagePull per pull attempt');
  });

  test('readiness that never passes keeps Ready False with aggregated Unhealthy events', async (t) => {
    const sim = await cluster(t);
    sim.images.set('app:unready', { ready: false });
    const probe = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 };
    create(sim, 'pods', 'default', pod('unready', 'app:unready', { readinessProbe: probe }));
    sim.advance(30_000);
    let p = current(sim, 'unready');
    const first = eventsAbout(sim, p, 'Unhealthy');
    assert.equal(first.length, 1);
    const countAt30 = first[0].count;
    sim.advance(30_000);
    p = current(sim, 'unready');
    assert.equal(p.status.phase, 'Running');
    assert.equal(cond(p, 'Ready')?.status, 'False');
    assert.equal(cond(p, 'ContainersReady')?.status, 'False');
    assert.equal(container(p).ready, false);
    assert.equal(container(p).started, true);
    assert.equal(container(p).restartCount, 0, 'readiness failures do not restart the container');
    const evs = eventsAbout(sim, p, 'Unhealthy');
    assert.equal(evs.length, 1);
    assert.equal(evs[0].metadata?.name, first[0].metadata?.name);
    assert.equal(evs[0].type, 'Warning');
    assert.match(evs[0].message, /^Readiness probe failed: /);
    assert.equal(evs[0].involvedObject?.fieldPath, KUBELET_FIELD('app'));
    assert.ok(evs[0].count >= 5, `one failure per 10 s period: count ${evs[0].count} after 60 s`);
    assert.ok(evs[0].count >= countAt30 + 2, 'count keeps growing');
  });

  test('deleting a running pod marks it Terminating (deletionTimestamp) and it disappears after its containers stop', async (t) => {
    const sim = await cluster(t);
    create(sim, 'pods', 'default', pod('web', 'nginx:1.25', {}, 'nginx'));
    advanceUntil(sim, 'web Ready', () => cond(current(sim, 'web'), 'Ready')?.status === 'True', { limitMs: 10_000 });
    const uid = current(sim, 'web').metadata?.uid;
    const at = now(sim);
    const returned = sim.api.delete(res(sim, 'pods'), 'default', 'web');
    assert.equal(returned.metadata?.deletionTimestamp, timestamp(at + 30_000), 'deletionTimestamp = now + grace period');
    assert.equal(returned.metadata?.deletionGracePeriodSeconds, 30);
    sim.settle();
    const p = current(sim, 'web');
    assert.equal(p.metadata?.uid, uid);
    assert.ok(p.metadata?.deletionTimestamp, 'still there, Terminating');
    const killing = eventsAbout(sim, p, 'Killing');
    assert.equal(killing.length, 1);
    assert.equal(killing[0].type, 'Normal');
    assert.equal(killing[0].message, 'Stopping container nginx');
    assert.equal(killing[0].involvedObject?.fieldPath, KUBELET_FIELD('nginx'));
    const took = advanceUntil(sim, 'pod removed', () => !get(sim, 'pods', 'default', 'web'), { limitMs: 30_000 });
    assert.ok(took > 0 && took < 30_000, `nginx stops well within its 30 s grace period (${took} ms)`);
  });
});
