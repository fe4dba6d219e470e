// StatefulSet, DaemonSet, Job, CronJob, Endpoints/EndpointSlices, garbage collection and
// namespace deletion against the behaviour of a real cluster.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/model/types.js';
import type { SimCluster } from '../../../src/sim/cluster.js';
import { resourceKey } from '../../../src/sim/resources.js';
import {
  MERGE,
  advanceFor,
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
  res,
  START,
  startSim,
} from './helpers.js';

async function cluster(t: { after: (fn: () => Promise<void>) => void }): Promise<SimCluster> {
  const sim = await startSim();
  t.after(() => sim.stop());
  return sim;
}

const ownedBy = (o: KubeObject, owner: KubeObject): boolean =>
  !!o.metadata?.ownerReferences?.some((r) => r.uid === owner.metadata?.uid && r.controller);

function messages(evs: KubeObject[]): string[] {
  return evs.map((e) => e.message as string);
}

describe('StatefulSet controller', () => {
  function web(): KubeObject {
    return {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 3,
        serviceName: 'web',
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'nginx',
                image: 'nginx:1.25',
                readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 },
                volumeMounts: [{ name: 'data', mountPath: '/usr/share/nginx/html' }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
        ],
      },
    };
  }

  test('OrderedReady: web-0, then web-1 once web-0 is Ready, then web-2; one PVC per pod from volumeClaimTemplates', async (t) => {
    const sim = await cluster(t);
    const created: { name: string; at: number; predecessorReady: boolean | undefined; claimExists: boolean }[] = [];
    const unsubscribe = sim.store.subscribe('pods', (ev) => {
      if (ev.type !== 'ADDED') return;
      const name = ev.object.metadata!.name!;
      const ordinal = Number(name.slice('web-'.length));
      const prev = ordinal > 0 ? sim.store.get('pods', 'default', `web-${ordinal - 1}`) : undefined;
      created.push({
        name,
        at: sim.clock.now(),
        predecessorReady: ordinal > 0 ? !!prev && podReady(prev) : undefined,
        claimExists: !!sim.store.get('persistentvolumeclaims', 'default', `data-${name}`),
      });
    });
    try {
      create(sim, 'statefulsets.apps', 'default', web());
      assert.deepEqual(sim.store.list('pods', 'default').map((p) => p.metadata?.name), ['web-0'], 'only web-0 at first');
      advanceUntil(sim, '3 ready replicas', () => get(sim, 'statefulsets.apps', 'default', 'web')?.status?.readyReplicas === 3, { limitMs: 120_000 });
    } finally {
      unsubscribe();
    }
    assert.deepEqual(
      created.map((c) => [c.name, c.predecessorReady, c.claimExists]),
      [
        ['web-0', undefined, true],
        ['web-1', true, true],
        ['web-2', true, true],
      ],
    );
    // web-0 cannot be ready before its 5 s initial delay, so web-1 comes at least 5 s later.
    assert.ok(created[1].at - created[0].at >= 5_000, `web-1 created ${created[1].at - created[0].at} ms after web-0`);
    assert.ok(created[2].at - created[1].at >= 5_000, `web-2 created ${created[2].at - created[1].at} ms after web-1`);

    const sts = get(sim, 'statefulsets.apps', 'default', 'web')!;
    assert.equal(sts.status.replicas, 3);
    assert.equal(sts.status.readyReplicas, 3);
    for (let i = 0; i < 3; i++) {
      const name = `web-${i}`;
      const p = get(sim, 'pods', 'default', name)!;
      assert.ok(ownedBy(p, sts));
      assert.equal(p.metadata?.labels?.['statefulset.kubernetes.io/pod-name'], name);
      assert.equal(p.spec.hostname, name);
      assert.equal(p.spec.subdomain, 'web');
      const vol = p.spec.volumes.find((v: any) => v.name === 'data');
      assert.deepEqual(vol?.persistentVolumeClaim, { claimName: `data-${name}` });
      const pvc = get(sim, 'persistentvolumeclaims', 'default', `data-${name}`);
      assert.ok(pvc, `PVC data-${name}`);
      assert.deepEqual(pvc.spec.accessModes, ['ReadWriteOnce']);
      assert.equal(pvc.spec.resources.requests.storage, '1Gi');
    }
    assert.equal(sim.store.list('persistentvolumeclaims', 'default').length, 3);
    const msgs = messages(eventsAbout(sim, sts, 'SuccessfulCreate'));
    for (let i = 0; i < 3; i++) {
      assert.ok(msgs.includes(`create Claim data-web-${i} Pod web-${i} in StatefulSet web success`), msgs.join('\n'));
      assert.ok(msgs.includes(`create Pod web-${i} in StatefulSet web successful`), msgs.join('\n'));
    }
  });
});

describe('DaemonSet controller', () => {
  function agent(nodeSelector?: Record<string, string>): KubeObject {
    return {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'kube-system' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { ...(nodeSelector ? { nodeSelector } : {}), containers: [{ name: 'agent', image: 'fluent/fluent-bit:3.0' }] },
        },
      },
    };
  }
  const nodesOf = (sim: SimCluster) => podsWith(sim, 'kube-system', { app: 'agent' }).filter(notTerminating).map((p) => p.spec.nodeName).sort();

  test('runs exactly one pod on each of the 3 nodes', async (t) => {
    const sim = await cluster(t);
    create(sim, 'daemonsets.apps', 'kube-system', agent());
    advanceUntil(sim, 'all agents ready', () => get(sim, 'daemonsets.apps', 'kube-system', 'agent')?.status?.numberReady === 3, { limitMs: 30_000 });
    assert.deepEqual(nodesOf(sim), ['sim-node-1', 'sim-node-2', 'sim-node-3']);
    const ds = get(sim, 'daemonsets.apps', 'kube-system', 'agent')!;
    for (const p of podsWith(sim, 'kube-system', { app: 'agent' })) assert.ok(ownedBy(p, ds));
    assert.equal(ds.status.desiredNumberScheduled, 3);
    assert.equal(ds.status.currentNumberScheduled, 3);
    assert.equal(ds.status.numberAvailable, 3);
    assert.equal(ds.status.numberMisscheduled, 0);
    // It stays one per node.
    sim.advance(60_000);
    assert.equal(podsWith(sim, 'kube-system', { app: 'agent' }).length, 3);
  });

  test('honours a nodeSelector, following node label changes', async (t) => {
    const sim = await cluster(t);
    for (const n of ['sim-node-1', 'sim-node-3']) patch(sim, 'nodes', undefined, n, MERGE, { metadata: { labels: { disk: 'ssd' } } });
    create(sim, 'daemonsets.apps', 'kube-system', agent({ disk: 'ssd' }));
    advanceUntil(sim, 'agents ready', () => get(sim, 'daemonsets.apps', 'kube-system', 'agent')?.status?.numberReady === 2, { limitMs: 30_000 });
    assert.deepEqual(nodesOf(sim), ['sim-node-1', 'sim-node-3']);
    assert.equal(get(sim, 'daemonsets.apps', 'kube-system', 'agent')?.status?.desiredNumberScheduled, 2);

    patch(sim, 'nodes', undefined, 'sim-node-2', MERGE, { metadata: { labels: { disk: 'ssd' } } });
    assert.deepEqual(nodesOf(sim), ['sim-node-1', 'sim-node-2', 'sim-node-3'], 'a newly matching node gets a pod');
    patch(sim, 'nodes', undefined, 'sim-node-1', MERGE, { metadata: { labels: { disk: null } } });
    assert.deepEqual(nodesOf(sim), ['sim-node-2', 'sim-node-3'], 'a node that no longer matches loses its pod');
    sim.advance(35_000);
    assert.equal(get(sim, 'daemonsets.apps', 'kube-system', 'agent')?.status?.desiredNumberScheduled, 2);
  });

  test('daemon pods are pinned to their node by node affinity and bound by default-scheduler', async (t) => {
    const sim = await cluster(t);
    create(sim, 'daemonsets.apps', 'kube-system', agent());
    advanceUntil(sim, 'agents running', () => podsWith(sim, 'kube-system', { app: 'agent' }).filter(podReady).length === 3, { limitMs: 30_000 });
    for (const p of podsWith(sim, 'kube-system', { app: 'agent' })) {
      const terms = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
      assert.deepEqual(terms, [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] }] }], `node affinity of ${p.metadata?.name}`);
      const scheduled = eventsAbout(sim, p, 'Scheduled');
      assert.equal(scheduled.length, 1, `Scheduled event of ${p.metadata?.name}`);
      assert.equal(scheduled[0].source?.component, 'default-scheduler');
      assert.equal(scheduled[0].message, `Successfully assigned kube-system/${p.metadata?.name} to ${p.spec.nodeName}`);
    }
  });
});

describe('Job controller', () => {
  test('completions 2, parallelism 1: one pod at a time, then Complete with succeeded 2', async (t) => {
    const sim = await cluster(t);
    sim.images.set('busybox:1.36', { runSeconds: 3 });
    create(sim, 'jobs.batch', 'default', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'batch', namespace: 'default' },
      spec: {
        completions: 2,
        parallelism: 1,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3'] }] } },
      },
    });
    const jobDone = () => cond(get(sim, 'jobs.batch', 'default', 'batch'), 'Complete')?.status === 'True';
    let maxActive = 0;
    advanceUntil(sim, 'job complete', jobDone, {
      limitMs: 60_000,
      each: () => {
        const active = podsWith(sim, 'default', { 'job-name': 'batch' }).filter(
          (p) => notTerminating(p) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
        ).length;
        assert.ok(active <= 1, `${active} pods run at once with parallelism 1`);
        maxActive = Math.max(maxActive, active);
      },
    });
    assert.equal(maxActive, 1);
    const job = get(sim, 'jobs.batch', 'default', 'batch')!;
    assert.equal(job.status.succeeded, 2);
    assert.equal(job.status.failed, undefined);
    assert.equal(job.status.active, undefined);
    assert.ok(job.status.startTime);
    assert.ok(job.status.completionTime);
    assert.ok(Date.parse(job.status.completionTime) >= Date.parse(job.status.startTime) + 6_000 - 1_000, 'two 3 s runs one after the other');
    const pods = podsWith(sim, 'default', { 'job-name': 'batch' });
    assert.equal(pods.length, 2);
    for (const p of pods) {
      assert.equal(p.status.phase, 'Succeeded');
      assert.equal(container(p)?.state?.terminated?.exitCode, 0);
      assert.equal(container(p)?.state?.terminated?.reason, 'Completed');
      assert.ok(ownedBy(p, job));
    }
    const created = eventsAbout(sim, job, 'SuccessfulCreate');
    assert.deepEqual(messages(created).sort(), pods.map((p) => `Created pod: ${p.metadata?.name}`).sort());
    assert.deepEqual(messages(eventsAbout(sim, job, 'Completed')), ['Job completed']);
  });
});

describe('CronJob controller', () => {
  test('"*/5 * * * *" creates a Job at the next 5-minute boundary with a SuccessfulCreate event', async (t) => {
    const sim = await cluster(t);
    sim.advance(90_000); // 00:01:30
    create(sim, 'cronjobs.batch', 'default', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report', namespace: 'default' },
      spec: {
        schedule: '*/5 * * * *',
        jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'report', image: 'busybox:1.36' }] } } } },
      },
    });
    const at5 = START + 5 * 60_000;
    sim.advance(at5 - 1_000 - now(sim)); // 00:04:59
    assert.equal(sim.store.list('jobs.batch', 'default').length, 0, 'no Job before the schedule fires');

    sim.advance(at5 + 1_000 - now(sim)); // 00:05:01
    const jobs = sim.store.list('jobs.batch', 'default');
    assert.equal(jobs.length, 1);
    const job = jobs[0];
    const name = `report-${Math.floor(at5 / 60_000)}`;
    assert.equal(job.metadata?.name, name, 'named after the scheduled time in minutes');
    const cj = get(sim, 'cronjobs.batch', 'default', 'report')!;
    assert.ok(ownedBy(job, cj));
    assert.equal(job.metadata?.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2026-01-01T00:05:00Z');
    assert.equal(cj.status.lastScheduleTime, '2026-01-01T00:05:00Z');
    assert.deepEqual(cj.status.active?.map((r: any) => r.name), [name]);
    const evs = eventsAbout(sim, cj, 'SuccessfulCreate');
    assert.equal(evs.length, 1);
    assert.equal(evs[0].type, 'Normal');
    assert.equal(evs[0].message, `Created job ${name}`);
    assert.equal(evs[0].source?.component, 'cronjob-controller');

    sim.advance(START + 10 * 60_000 + 1_000 - now(sim)); // 00:10:01
    assert.deepEqual(
      sim.store.list('jobs.batch', 'default').map((j) => j.metadata?.name).sort(),
      [name, `report-${Math.floor((START + 10 * 60_000) / 60_000)}`].sort(),
    );
  });
});

describe('Endpoints and EndpointSlice controllers', () => {
  test('ready pod IPs go to addresses, not-ready ones to notReadyAddresses, with the named targetPort resolved', async (t) => {
    const sim = await cluster(t);
    sim.images.set('shop/api:unready', { ready: false });
    const ports = [{ name: 'http', containerPort: 8080 }];
    const probe = { tcpSocket: { port: 'http' }, periodSeconds: 5 };
    create(sim, 'services', 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'api', namespace: 'default' },
      spec: { selector: { app: 'api' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] },
    });
    const mk = (name: string, image: string, labels: Record<string, string>) =>
      create(sim, 'pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'api', image, ports, readinessProbe: probe }] } });
    mk('api-ready', 'shop/api:1.0', { app: 'api' });
    mk('api-unready', 'shop/api:unready', { app: 'api' });
    mk('other', 'shop/api:1.0', { app: 'other' });
    advanceUntil(sim, 'pods running', () => ['api-ready', 'api-unready', 'other'].every((n) => get(sim, 'pods', 'default', n)?.status?.phase === 'Running') && podReady(get(sim, 'pods', 'default', 'api-ready')!), { limitMs: 30_000 });
    sim.advance(20_000);
    const ready = get(sim, 'pods', 'default', 'api-ready')!;
    const unready = get(sim, 'pods', 'default', 'api-unready')!;
    assert.equal(cond(unready, 'Ready')?.status, 'False');

    const ep = get(sim, 'endpoints', 'default', 'api');
    assert.ok(ep, 'Endpoints api');
    assert.equal(ep.subsets?.length, 1);
    const subset = ep.subsets[0];
    assert.deepEqual(subset.addresses?.map((a: any) => a.ip), [ready.status.podIP]);
    assert.deepEqual(subset.notReadyAddresses?.map((a: any) => a.ip), [unready.status.podIP]);
    assert.deepEqual(subset.addresses[0].targetRef, { kind: 'Pod', namespace: 'default', name: 'api-ready', uid: ready.metadata?.uid });
    assert.equal(subset.addresses[0].nodeName, ready.spec.nodeName);
    assert.deepEqual(subset.ports, [{ name: 'web', port: 8080, protocol: 'TCP' }]);

    const slices = sim.store.list('endpointslices.discovery.k8s.io', 'default').filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === 'api');
    assert.equal(slices.length, 1);
    const slice = slices[0];
    assert.equal(slice.addressType, 'IPv4');
    assert.equal(slice.metadata?.labels?.['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
    assert.ok(ownedBy(slice, get(sim, 'services', 'default', 'api')!));
    assert.deepEqual(slice.ports, [{ name: 'web', port: 8080, protocol: 'TCP' }]);
    const byName = new Map((slice.endpoints ?? []).map((e: any) => [e.targetRef?.name, e]));
    assert.deepEqual([...byName.keys()].sort(), ['api-ready', 'api-unready']);
    assert.deepEqual((byName.get('api-ready') as any).addresses, [ready.status.podIP]);
    assert.deepEqual((byName.get('api-ready') as any).conditions, { ready: true, serving: true, terminating: false });
    assert.deepEqual((byName.get('api-unready') as any).addresses, [unready.status.podIP]);
    assert.deepEqual((byName.get('api-unready') as any).conditions, { ready: false, serving: false, terminating: false });
  });
});

describe('garbage collector and namespace controller', () => {
  function deployment(ns: string): KubeObject {
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: ns },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
      },
    };
  }

  test('deleting a Deployment removes its ReplicaSets and their pods', async (t) => {
    const sim = await cluster(t);
    create(sim, 'deployments.apps', 'default', deployment('default'));
    advanceUntil(sim, '2 ready pods', () => podsWith(sim, 'default', { app: 'web' }).filter(podReady).length === 2, { limitMs: 30_000 });
    assert.equal(sim.store.list('replicasets.apps', 'default').length, 1);
    sim.api.delete(res(sim, 'deployments.apps'), 'default', 'web');
    assert.equal(get(sim, 'deployments.apps', 'default', 'web'), undefined, 'the Deployment goes at once (background propagation)');
    advanceUntil(sim, 'dependents collected', () => sim.store.list('replicasets.apps', 'default').length === 0 && podsWith(sim, 'default', { app: 'web' }).length === 0, {
      limitMs: 40_000,
    });
    sim.advance(30_000);
    assert.equal(sim.store.list('replicasets.apps', 'default').length, 0, 'nothing recreates them');
    assert.equal(podsWith(sim, 'default', { app: 'web' }).length, 0);
  });

  test('deleting a namespace marks it Terminating, removes everything in it, then the namespace', async (t) => {
    const sim = await cluster(t);
    create(sim, 'namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    create(sim, 'deployments.apps', 'shop', deployment('shop'));
    create(sim, 'configmaps', 'shop', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: '1' } });
    create(sim, 'services', 'shop', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    advanceUntil(sim, '2 ready pods', () => podsWith(sim, 'shop', { app: 'web' }).filter(podReady).length === 2, { limitMs: 30_000 });
    const contents = () =>
      sim.registry
        .all()
        .filter((r) => r.namespaced)
        .flatMap((r) => sim.store.list(resourceKey(r), 'shop').map((o) => `${resourceKey(r)}/${o.metadata?.name}`));
    assert.ok(contents().length > 5);

    const deleted = sim.api.delete(res(sim, 'namespaces'), undefined, 'shop');
    assert.ok(deleted.metadata?.deletionTimestamp, 'deletionTimestamp set');
    assert.equal(deleted.status?.phase, 'Terminating');
    const observed: string[] = [];
    advanceFor(sim, 60_000, () => {
      const ns = get(sim, 'namespaces', undefined, 'shop');
      const left = contents();
      if (ns && observed[observed.length - 1] !== 'Terminating') observed.push('Terminating');
      if (!ns && observed[observed.length - 1] !== 'gone') {
        observed.push('gone');
        assert.deepEqual(left, [], 'the namespace goes only after its contents');
      }
      if (ns) assert.equal(ns.status?.phase, 'Terminating');
    });
    assert.deepEqual(observed, ['Terminating', 'gone']);
    assert.deepEqual(contents(), [], 'nothing is left in (or recreated in) the deleted namespace');
  });
});
