import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/model/types.js';
import type { ColumnSet } from '../../../src/model/columns/column.js';
import { podColumns } from '../../../src/model/columns/pod-columns.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');

const headers = (set: ColumnSet, wide = false) => set.filter((c) => wide || c.priority === 0).map((c) => c.name);
const row = (set: ColumnSet, o: KubeObject, wide = false) =>
  set.filter((c) => wide || c.priority === 0).map((c) => c.text(o, NOW));

const crashLooping: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'api-7d9f8b6c5-x2kqp', namespace: 'shop', creationTimestamp: '2024-05-01T09:40:00Z' },
  spec: {
    nodeName: 'node-a',
    containers: [{ name: 'api', image: 'ghcr.io/acme/api:1.4.2' }],
    readinessGates: [{ conditionType: 'target-health.elbv2.k8s.aws/api-tg' }],
  },
  status: {
    phase: 'Running',
    podIP: '10.244.1.17',
    podIPs: [{ ip: '10.244.1.17' }, { ip: 'fd00:10:244:1::11' }],
    conditions: [
      { type: 'target-health.elbv2.k8s.aws/api-tg', status: 'True' },
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'False' },
    ],
    containerStatuses: [
      {
        name: 'api',
        ready: false,
        restartCount: 12,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } },
        lastState: { terminated: { exitCode: 2, reason: 'Error', finishedAt: '2024-05-01T11:56:30Z' } },
      },
    ],
  },
};

const pending: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'big-batch-0', namespace: 'shop', creationTimestamp: '2024-05-01T11:58:00Z' },
  spec: { containers: [{ name: 'main', image: 'busybox' }, { name: 'log', image: 'busybox' }] },
  status: {
    phase: 'Pending',
    nominatedNodeName: 'node-c',
    conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
  },
};

test('pod headers are kubectl get pods headers', () => {
  assert.deepEqual(headers(podColumns), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
  assert.deepEqual(headers(podColumns, true), [
    'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES',
  ]);
});

test('crash-looping pod row', () => {
  assert.deepEqual(row(podColumns, crashLooping, true), [
    'api-7d9f8b6c5-x2kqp', '0/1', 'CrashLoopBackOff', '12 (3m30s ago)', '140m', '10.244.1.17', 'node-a', '<none>', '1/1',
  ]);
});

test('unscheduled pod row shows <none> placeholders and the nominated node', () => {
  assert.deepEqual(row(podColumns, pending, true), [
    'big-batch-0', '0/2', 'Pending', '0', '2m', '<none>', '<none>', 'node-c', '<none>',
  ]);
});

test('legacy podIP is used when podIPs is absent', () => {
  const pod = structuredClone(pending);
  pod.status.podIP = '10.244.3.3';
  const ip = podColumns.find((c) => c.name === 'IP')!;
  assert.equal(ip.text(pod, NOW), '10.244.3.3');
});

test('pod columns sort numerically and by creation time', () => {
  const by = (name: string) => podColumns.find((c) => c.name === name)!;
  assert.equal(by('RESTARTS').sort!(crashLooping, NOW), 12);
  assert.equal(by('RESTARTS').type, 'integer');
  assert.equal(by('READY').type, 'ready');
  assert.ok((by('READY').sort!(pending, NOW) as number) > (by('READY').sort!(crashLooping, NOW) as number));
  assert.equal(by('AGE').sort!(crashLooping, NOW), Date.parse('2024-05-01T09:40:00Z'));
  assert.equal(by('AGE').type, 'date');
});
