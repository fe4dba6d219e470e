import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../src/model/types.js';
import {
  podHealth,
  podReady,
  podRestarts,
  podRestartsText,
  podStatus,
  podSummary,
} from '../../src/model/pod-status.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');

const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'shop',
  uid: '3f0c8a8e-6f0e-4a39-9f7e-0c6a2b1d9e11',
  creationTimestamp: '2024-05-01T10:00:00Z',
  ...extra,
});

const conditions = (initialized: boolean, ready: boolean) => [
  { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: '2024-05-01T10:00:05Z' },
  { type: 'Initialized', status: initialized ? 'True' : 'False', lastTransitionTime: '2024-05-01T10:00:04Z' },
  { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2024-05-01T10:00:09Z' },
  { type: 'ContainersReady', status: ready ? 'True' : 'False', lastTransitionTime: '2024-05-01T10:00:09Z' },
  { type: 'PodScheduled', status: 'True', lastTransitionTime: '2024-05-01T10:00:00Z' },
];

const running = { running: { startedAt: '2024-05-01T10:00:08Z' } };

const crashLooping: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: meta('api-7d9f8b6c5-x2kqp', { labels: { app: 'api', 'pod-template-hash': '7d9f8b6c5' } }),
  spec: { containers: [{ name: 'api', image: 'ghcr.io/acme/api:1.4.2' }], nodeName: 'node-a', restartPolicy: 'Always' },
  status: {
    phase: 'Running',
    conditions: conditions(true, false),
    hostIP: '172.18.0.3',
    podIP: '10.244.1.17',
    podIPs: [{ ip: '10.244.1.17' }],
    startTime: '2024-05-01T10:00:00Z',
    containerStatuses: [
      {
        name: 'api',
        ready: false,
        started: false,
        restartCount: 7,
        image: 'ghcr.io/acme/api:1.4.2',
        imageID: 'ghcr.io/acme/api@sha256:4c1e',
        containerID: 'containerd://9b2f',
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: 'back-off 5m0s restarting failed container=api pod=api-7d9f8b6c5-x2kqp_shop(3f0c8a8e)',
          },
        },
        lastState: {
          terminated: {
            exitCode: 1,
            reason: 'Error',
            startedAt: '2024-05-01T11:58:50Z',
            finishedAt: '2024-05-01T11:59:15Z',
            containerID: 'containerd://9b2f',
          },
        },
      },
    ],
  },
};

const imagePullBackOff: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: meta('web-5c6d7f8b9-abcde'),
  spec: { containers: [{ name: 'web', image: 'registry.example.com/web:does-not-exist' }], nodeName: 'node-b' },
  status: {
    phase: 'Pending',
    conditions: conditions(true, false),
    podIP: '10.244.2.9',
    containerStatuses: [
      {
        name: 'web',
        ready: false,
        started: false,
        restartCount: 0,
        image: 'registry.example.com/web:does-not-exist',
        imageID: '',
        state: {
          waiting: {
            reason: 'ImagePullBackOff',
            message: 'Back-off pulling image "registry.example.com/web:does-not-exist"',
          },
        },
        lastState: {},
      },
    ],
  },
};

function initPod(initStatuses: unknown[], initialized = false): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('db-0'),
    spec: {
      initContainers: [
        { name: 'init-perms', image: 'busybox:1.36' },
        { name: 'migrate', image: 'ghcr.io/acme/migrate:2.0' },
      ],
      containers: [{ name: 'db', image: 'postgres:16' }],
    },
    status: {
      phase: 'Pending',
      conditions: conditions(initialized, false),
      initContainerStatuses: initStatuses,
      containerStatuses: [
        { name: 'db', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
      ],
    },
  };
}

const initDone = {
  name: 'init-perms',
  ready: true,
  restartCount: 0,
  state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: '2024-05-01T10:00:03Z' } },
};

test('crash-looping pod: CrashLoopBackOff, 0/1, restarts with last restart age', () => {
  assert.equal(podStatus(crashLooping), 'CrashLoopBackOff');
  assert.deepEqual(podReady(crashLooping), { ready: 0, total: 1 });
  assert.equal(podRestartsText(crashLooping, NOW), '7 (45s ago)');
  assert.deepEqual(podRestarts(crashLooping, NOW), {
    count: 7,
    lastRestartAt: Date.parse('2024-05-01T11:59:15Z'),
    lastRestartAgo: '45s',
  });
  assert.equal(podHealth(crashLooping), 'error');
});

test('image pull back-off', () => {
  assert.equal(podStatus(imagePullBackOff), 'ImagePullBackOff');
  assert.equal(podRestartsText(imagePullBackOff, NOW), '0');
  assert.equal(podHealth(imagePullBackOff), 'error');
});

test('second init container running: Init:1/2', () => {
  const pod = initPod([initDone, { name: 'migrate', ready: false, restartCount: 0, state: running }]);
  assert.equal(podStatus(pod), 'Init:1/2');
  assert.deepEqual(podReady(pod), { ready: 0, total: 1 });
  assert.equal(podHealth(pod), 'warn');
});

test('first init container waiting to start: Init:0/2', () => {
  const pod = initPod([
    { name: 'init-perms', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
    { name: 'migrate', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
  ]);
  assert.equal(podStatus(pod), 'Init:0/2');
});

test('crash-looping init container: Init:CrashLoopBackOff with init restarts', () => {
  const pod = initPod([
    initDone,
    {
      name: 'migrate',
      ready: false,
      restartCount: 3,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2024-05-01T11:58:00Z' } },
    },
  ]);
  assert.equal(podStatus(pod), 'Init:CrashLoopBackOff');
  assert.equal(podRestartsText(pod, NOW), '3 (2m ago)');
  assert.equal(podHealth(pod), 'error');
});

test('failed init containers without a reason: Init:ExitCode:N / Init:Signal:N', () => {
  const failed = (terminated: Record<string, unknown>) =>
    initPod([initDone, { name: 'migrate', ready: false, restartCount: 0, state: { terminated } }]);
  assert.equal(podStatus(failed({ exitCode: 2 })), 'Init:ExitCode:2');
  assert.equal(podStatus(failed({ exitCode: 137, signal: 9 })), 'Init:Signal:9');
  assert.equal(podStatus(failed({ exitCode: 1, reason: 'Error' })), 'Init:Error');
  assert.equal(podHealth(failed({ exitCode: 2 })), 'error');
});

test('terminating pod', () => {
  const pod = structuredClone(crashLooping);
  pod.metadata!.deletionTimestamp = '2024-05-01T11:59:30Z';
  pod.metadata!.deletionGracePeriodSeconds = 30;
  pod.status.containerStatuses[0].state = running;
  pod.status.containerStatuses[0].ready = true;
  assert.equal(podStatus(pod), 'Terminating');
  assert.deepEqual(podReady(pod), { ready: 1, total: 1 });
  assert.equal(podHealth(pod), 'warn');
});

test('pod on a lost node being deleted is Unknown', () => {
  const pod = structuredClone(crashLooping);
  pod.metadata!.deletionTimestamp = '2024-05-01T11:00:00Z';
  pod.status.reason = 'NodeLost';
  pod.status.message = 'Node node-a which was running pod api-7d9f8b6c5-x2kqp is unresponsive';
  pod.status.containerStatuses = [];
  assert.equal(podStatus(pod), 'Unknown');
  assert.equal(podHealth(pod), 'error');
});

const completedJobPod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: meta('backup-28571520-9xq2z', {
    labels: { 'batch.kubernetes.io/job-name': 'backup-28571520' },
    ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'backup-28571520', uid: 'u1', controller: true }],
  }),
  spec: { containers: [{ name: 'backup', image: 'ghcr.io/acme/backup:3' }], restartPolicy: 'OnFailure' },
  status: {
    phase: 'Succeeded',
    conditions: [
      { type: 'Initialized', status: 'True', reason: 'PodCompleted' },
      { type: 'Ready', status: 'False', reason: 'PodCompleted' },
      { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' },
      { type: 'PodScheduled', status: 'True' },
    ],
    containerStatuses: [
      {
        name: 'backup',
        ready: false,
        started: false,
        restartCount: 0,
        state: {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            startedAt: '2024-05-01T10:00:04Z',
            finishedAt: '2024-05-01T10:02:11Z',
          },
        },
      },
    ],
  },
};

test('completed job pod', () => {
  assert.equal(podStatus(completedJobPod), 'Completed');
  assert.deepEqual(podReady(completedJobPod), { ready: 0, total: 1 });
  assert.equal(podHealth(completedJobPod), 'done');
});

test('a deleted pod that already succeeded is not Terminating', () => {
  const pod = structuredClone(completedJobPod);
  pod.metadata!.deletionTimestamp = '2024-05-01T11:00:00Z';
  assert.equal(podStatus(pod), 'Completed');
});

test('evicted pods', () => {
  const evicted: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('worker-6b8c9d7f5-q7w8e'),
    spec: { containers: [{ name: 'worker', image: 'ghcr.io/acme/worker:9' }], nodeName: 'node-c' },
    status: {
      phase: 'Failed',
      reason: 'Evicted',
      message: 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 91Mi. ',
      startTime: '2024-05-01T10:00:00Z',
    },
  };
  assert.equal(podStatus(evicted), 'Evicted');
  assert.deepEqual(podReady(evicted), { ready: 0, total: 1 });
  assert.equal(podHealth(evicted), 'error');

  // Newer kubelets record the killed container as terminated with ContainerStatusUnknown.
  const modern = structuredClone(evicted);
  modern.status.containerStatuses = [
    {
      name: 'worker',
      ready: false,
      restartCount: 0,
      state: {
        terminated: {
          exitCode: 137,
          reason: 'ContainerStatusUnknown',
          message: 'The container could not be located when the pod was terminated',
        },
      },
    },
  ];
  assert.equal(podStatus(modern), 'ContainerStatusUnknown');
  assert.equal(podHealth(modern), 'error');
});

test('OOMKilled, Signal:N and ExitCode:N from main containers', () => {
  const withTerminated = (terminated: Record<string, unknown>): KubeObject => ({
    ...completedJobPod,
    status: {
      ...completedJobPod.status,
      phase: 'Failed',
      containerStatuses: [{ name: 'backup', ready: false, restartCount: 0, state: { terminated } }],
    },
  });
  assert.equal(podStatus(withTerminated({ exitCode: 137, reason: 'OOMKilled' })), 'OOMKilled');
  assert.equal(podStatus(withTerminated({ exitCode: 137, signal: 9 })), 'Signal:9');
  assert.equal(podStatus(withTerminated({ exitCode: 143 })), 'ExitCode:143');
  assert.equal(podHealth(withTerminated({ exitCode: 137, reason: 'OOMKilled' })), 'error');
});

test('first container reason wins when several report one', () => {
  const pod = structuredClone(crashLooping);
  pod.spec.containers.push({ name: 'sidecar', image: 'envoy:1.30' });
  pod.status.containerStatuses.push({
    name: 'sidecar',
    ready: false,
    restartCount: 0,
    state: { waiting: { reason: 'ErrImagePull' } },
  });
  assert.equal(podStatus(pod), 'CrashLoopBackOff');
  assert.deepEqual(podReady(pod), { ready: 0, total: 2 });
});

function sidecarPod(ready: boolean): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('checkout-5f6g7h8j9-k1l2m'),
    spec: {
      initContainers: [
        { name: 'istio-proxy', image: 'istio/proxyv2:1.22.0', restartPolicy: 'Always' },
      ],
      containers: [{ name: 'checkout', image: 'ghcr.io/acme/checkout:5' }],
    },
    status: {
      phase: 'Running',
      conditions: conditions(true, ready),
      initContainerStatuses: [
        {
          name: 'istio-proxy',
          ready: true,
          started: true,
          restartCount: 1,
          state: running,
          lastState: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: '2024-05-01T11:50:00Z' } },
        },
      ],
      containerStatuses: [{ name: 'checkout', ready, started: true, restartCount: 0, state: running }],
    },
  };
}

test('restartable init containers (sidecars) count towards READY and RESTARTS', () => {
  const pod = sidecarPod(true);
  assert.equal(podStatus(pod), 'Running');
  assert.deepEqual(podReady(pod), { ready: 2, total: 2 });
  assert.equal(podRestartsText(pod, NOW), '1 (10m ago)');
  assert.equal(podHealth(pod), 'ok');

  const notReady = sidecarPod(false);
  assert.deepEqual(podReady(notReady), { ready: 1, total: 2 });
  assert.equal(podStatus(notReady), 'Running');
  assert.equal(podHealth(notReady), 'warn');
});

test('sidecar started while a regular init container still runs', () => {
  const pod = sidecarPod(false);
  pod.spec.initContainers.push({ name: 'wait-for-db', image: 'busybox:1.36' });
  pod.status.phase = 'Pending';
  pod.status.conditions = conditions(false, false);
  pod.status.initContainerStatuses.push({ name: 'wait-for-db', ready: false, restartCount: 0, state: running });
  pod.status.containerStatuses[0].state = { waiting: { reason: 'PodInitializing' } };
  assert.equal(podStatus(pod), 'Init:1/2');
  assert.deepEqual(podReady(pod), { ready: 1, total: 2 });
});

test('Completed container next to a running one: Running if the pod is Ready, else NotReady', () => {
  const pod = (ready: boolean): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('etl-0'),
    spec: { containers: [{ name: 'fetch' }, { name: 'serve' }] },
    status: {
      phase: 'Running',
      conditions: conditions(true, ready),
      containerStatuses: [
        { name: 'fetch', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        { name: 'serve', ready: true, restartCount: 0, state: running },
      ],
    },
  });
  assert.equal(podStatus(pod(true)), 'Running');
  assert.equal(podStatus(pod(false)), 'NotReady');
  assert.equal(podHealth(pod(false)), 'warn');
  assert.deepEqual(podReady(pod(true)), { ready: 1, total: 2 });
});

test('pending and scheduling-gated pods', () => {
  const pending: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('big-0'),
    spec: { containers: [{ name: 'big', image: 'big:1' }] },
    status: {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available' }],
    },
  };
  assert.equal(podStatus(pending), 'Pending');
  assert.equal(podHealth(pending), 'warn');
  const gated = structuredClone(pending);
  gated.status.conditions = [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }];
  assert.equal(podStatus(gated), 'SchedulingGated');
});

test('restarts without a recorded termination time show the bare count', () => {
  const pod = structuredClone(crashLooping);
  delete pod.status.containerStatuses[0].lastState;
  assert.equal(podRestartsText(pod, NOW), '7');
  assert.deepEqual(podRestarts(pod, NOW), { count: 7, lastRestartAt: undefined });
});

test('malformed pods never throw', () => {
  const junk: unknown[] = [
    {},
    { spec: 'x', status: [] },
    { status: { containerStatuses: [null, 3, { state: 'waiting' }], initContainerStatuses: {} } },
    { status: { phase: 7, conditions: 'Ready' }, metadata: { deletionTimestamp: 5 } },
    { spec: { containers: {}, initContainers: [null, { restartPolicy: 'Always' }] } },
  ];
  for (const pod of junk) {
    const summary = podSummary(pod as KubeObject);
    assert.equal(typeof summary.status, 'string');
    assert.equal(typeof podRestartsText(pod as KubeObject, NOW), 'string');
    assert.ok(['ok', 'warn', 'error', 'done'].includes(podHealth(pod as KubeObject)));
  }
  assert.deepEqual(podSummary({}), { status: '', ready: 0, total: 0, restarts: 0, lastRestartAt: undefined });
});

test('summaries are shared per resourceVersion and recomputed when it changes', () => {
  const pod = structuredClone(crashLooping);
  pod.metadata!.resourceVersion = '1001';
  const first = podSummary(pod);
  assert.equal(podSummary(pod), first);
  assert.ok(Object.isFrozen(first));
  pod.status.containerStatuses[0].state = running;
  pod.status.containerStatuses[0].ready = true;
  pod.metadata!.resourceVersion = '1002';
  assert.equal(podStatus(pod), 'Running');
  assert.deepEqual(podReady(pod), { ready: 1, total: 1 });
});
