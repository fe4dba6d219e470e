import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/model/types.js';
import type { ColumnSet } from '../../../src/model/columns/column.js';
import {
  cronJobColumns, daemonSetColumns, deploymentColumns, jobColumns, podDisruptionBudgetColumns,
  replicaSetColumns, replicationControllerColumns, statefulSetColumns,
} from '../../../src/model/columns/workload-columns.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');

const headers = (set: ColumnSet, wide = false) => set.filter((c) => wide || c.priority === 0).map((c) => c.name);
const row = (set: ColumnSet, o: KubeObject, wide = false) =>
  set.filter((c) => wide || c.priority === 0).map((c) => c.text(o, NOW));
const cell = (set: ColumnSet, name: string, o: KubeObject) => set.find((c) => c.name === name)!.text(o, NOW);

const template = {
  metadata: { labels: { app: 'api' } },
  spec: {
    containers: [
      { name: 'api', image: 'ghcr.io/acme/api:1.4.2', ports: [{ containerPort: 8080 }] },
      { name: 'envoy', image: 'envoyproxy/envoy:v1.30.1' },
    ],
  },
};

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'shop', generation: 3, creationTimestamp: '2024-04-28T09:00:00Z' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'api' } },
    template,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
  },
  status: {
    observedGeneration: 3,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 2,
    availableReplicas: 2,
    unavailableReplicas: 1,
    conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }],
  },
};

test('deployment headers and row', () => {
  assert.deepEqual(headers(deploymentColumns), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
  assert.deepEqual(headers(deploymentColumns, true), [
    'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR',
  ]);
  assert.deepEqual(row(deploymentColumns, deployment, true), [
    'api', '2/3', '3', '2', '3d3h', 'api,envoy', 'ghcr.io/acme/api:1.4.2,envoyproxy/envoy:v1.30.1', 'app=api',
  ]);
});

test('a freshly created deployment without status prints zeros', () => {
  const fresh = { ...deployment, status: {} };
  assert.deepEqual(row(deploymentColumns, fresh), ['api', '0/3', '0', '0', '3d3h']);
});

test('selectors are formatted like labels.Selector.String()', () => {
  const selector = {
    matchLabels: { tier: 'backend', app: 'api' },
    matchExpressions: [
      { key: 'env', operator: 'In', values: ['prod', 'canary'] },
      { key: 'legacy', operator: 'DoesNotExist' },
      { key: 'zone', operator: 'NotIn', values: ['b'] },
      { key: 'team', operator: 'Exists' },
    ],
  };
  const withSelector = (set: ColumnSet, sel: unknown) =>
    cell(set, 'SELECTOR', { ...deployment, spec: { ...deployment.spec, selector: sel } });
  assert.equal(withSelector(deploymentColumns, selector), 'app=api,env in (canary,prod),!legacy,team,tier=backend,zone notin (b)');
  assert.equal(withSelector(replicaSetColumns, selector), 'app=api,env in (canary,prod),!legacy,team,tier=backend,zone notin (b)');
  // printDeployment prints the raw selector string; FormatLabelSelector says <none>.
  assert.equal(withSelector(deploymentColumns, {}), '');
  assert.equal(withSelector(replicaSetColumns, {}), '<none>');
  const bad = { matchExpressions: [{ key: 'env', operator: 'Near', values: ['x'] }] };
  assert.equal(withSelector(deploymentColumns, bad), '<invalid>');
  assert.equal(withSelector(replicaSetColumns, bad), '<error>');
  assert.equal(withSelector(replicaSetColumns, { matchExpressions: [{ key: 'env', operator: 'In', values: [] }] }), '<error>');
});

test('replica set and replication controller rows', () => {
  const rs: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'api-7d9f8b6c5', creationTimestamp: '2024-05-01T11:20:00Z' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'api', 'pod-template-hash': '7d9f8b6c5' } }, template },
    status: { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 1, availableReplicas: 1 },
  };
  assert.deepEqual(headers(replicaSetColumns), ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
  assert.deepEqual(row(replicaSetColumns, rs, true), [
    'api-7d9f8b6c5', '3', '3', '1', '40m', 'api,envoy', 'ghcr.io/acme/api:1.4.2,envoyproxy/envoy:v1.30.1',
    'app=api,pod-template-hash=7d9f8b6c5',
  ]);
  const rc: KubeObject = { ...rs, apiVersion: 'v1', kind: 'ReplicationController', spec: { ...rs.spec, selector: { app: 'api' } } };
  assert.deepEqual(headers(replicationControllerColumns, true), headers(replicaSetColumns, true));
  assert.equal(cell(replicationControllerColumns, 'SELECTOR', rc), 'app=api');
  assert.equal(cell(replicationControllerColumns, 'SELECTOR', { ...rc, spec: {} }), '<none>');
});

test('stateful set row', () => {
  const sts: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: { replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template },
    status: { replicas: 3, readyReplicas: 1, currentReplicas: 3 },
  };
  assert.deepEqual(headers(statefulSetColumns, true), ['NAME', 'READY', 'AGE', 'CONTAINERS', 'IMAGES']);
  assert.deepEqual(row(statefulSetColumns, sts), ['db', '1/3', '121d']);
});

test('daemon set row', () => {
  const ds: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-exporter', namespace: 'monitoring', creationTimestamp: '2024-04-30T12:00:00Z' },
    spec: {
      selector: { matchLabels: { app: 'node-exporter' } },
      template: { ...template, spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } },
    },
    status: {
      desiredNumberScheduled: 5, currentNumberScheduled: 5, numberReady: 4, updatedNumberScheduled: 5,
      numberAvailable: 4, numberMisscheduled: 0,
    },
  };
  assert.deepEqual(headers(daemonSetColumns, true), [
    'NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR',
  ]);
  assert.deepEqual(row(daemonSetColumns, ds), ['node-exporter', '5', '5', '4', '5', '4', 'kubernetes.io/os=linux', '24h']);
  assert.equal(cell(daemonSetColumns, 'NODE SELECTOR', { ...ds, spec: { template } }), '<none>');
});

const completeJob: KubeObject = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'backup-28571520', creationTimestamp: '2024-05-01T10:00:00Z' },
  spec: {
    completions: 1, parallelism: 1, backoffLimit: 6,
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': '6a1c' } },
    template: { spec: { containers: [{ name: 'backup', image: 'ghcr.io/acme/backup:3' }], restartPolicy: 'OnFailure' } },
  },
  status: {
    startTime: '2024-05-01T10:00:01Z',
    completionTime: '2024-05-01T10:02:12Z',
    succeeded: 1,
    conditions: [
      { type: 'SuccessCriteriaMet', status: 'True' },
      { type: 'Complete', status: 'True' },
    ],
  },
};

test('job headers and a completed job', () => {
  assert.deepEqual(headers(jobColumns), ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
  assert.deepEqual(row(jobColumns, completeJob, true), [
    'backup-28571520', 'Complete', '1/1', '2m11s', '120m', 'backup', 'ghcr.io/acme/backup:3',
    'batch.kubernetes.io/controller-uid=6a1c',
  ]);
});

test('running, failed, suspended and terminating jobs', () => {
  const running: KubeObject = {
    ...completeJob,
    spec: { ...completeJob.spec, completions: undefined, parallelism: 3 },
    status: { startTime: '2024-05-01T11:55:00Z', active: 3 },
  };
  assert.deepEqual(row(jobColumns, running), ['backup-28571520', 'Running', '0/1 of 3', '5m', '120m']);
  const notStarted = { ...running, spec: { parallelism: 1 }, status: {} };
  assert.deepEqual(row(jobColumns, notStarted), ['backup-28571520', 'Running', '0/1', '', '120m']);
  const failed = {
    ...completeJob,
    status: {
      ...completeJob.status, succeeded: 0, failed: 7,
      conditions: [{ type: 'FailureTarget', status: 'True' }, { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }],
    },
  };
  assert.equal(cell(jobColumns, 'STATUS', failed), 'Failed');
  assert.equal(cell(jobColumns, 'STATUS', { ...running, status: { conditions: [{ type: 'FailureTarget', status: 'True' }] } }), 'FailureTarget');
  assert.equal(cell(jobColumns, 'STATUS', { ...running, status: { conditions: [{ type: 'Suspended', status: 'True' }] } }), 'Suspended');
  assert.equal(cell(jobColumns, 'STATUS', { ...running, metadata: { ...running.metadata, deletionTimestamp: '2024-05-01T11:59:00Z' } }), 'Terminating');
  assert.equal(cell(jobColumns, 'STATUS', { ...running, status: { conditions: [{ type: 'Complete', status: 'False' }] } }), 'Running');
});

test('cron job row', () => {
  const cj: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'backup', creationTimestamp: '2024-03-01T00:00:00Z' },
    spec: {
      schedule: '*/15 * * * *', suspend: false, concurrencyPolicy: 'Forbid',
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'backup', image: 'ghcr.io/acme/backup:3' }] } } } },
    },
    status: { active: [{ kind: 'Job', name: 'backup-28571520' }], lastScheduleTime: '2024-05-01T11:45:00Z' },
  };
  assert.deepEqual(headers(cronJobColumns), ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
  assert.deepEqual(row(cronJobColumns, cj, true), [
    'backup', '*/15 * * * *', '<none>', 'False', '1', '15m', '61d', 'backup', 'ghcr.io/acme/backup:3', '<none>',
  ]);
  const berlin = { ...cj, spec: { ...cj.spec, timeZone: 'Europe/Berlin', suspend: undefined }, status: {} };
  assert.deepEqual(row(cronJobColumns, berlin), ['backup', '*/15 * * * *', 'Europe/Berlin', '<unset>', '0', '<none>', '61d']);
});

test('pod disruption budget row', () => {
  const pdb: KubeObject = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'api', creationTimestamp: '2024-05-01T11:00:00Z' },
    spec: { minAvailable: '50%', selector: { matchLabels: { app: 'api' } } },
    status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 },
  };
  assert.deepEqual(headers(podDisruptionBudgetColumns), ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE']);
  assert.deepEqual(row(podDisruptionBudgetColumns, pdb), ['api', '50%', 'N/A', '1', '60m']);
  assert.equal(cell(podDisruptionBudgetColumns, 'MAX UNAVAILABLE', { ...pdb, spec: { maxUnavailable: 1 } }), '1');
});

test('counts and READY sort numerically', () => {
  const ready = deploymentColumns.find((c) => c.name === 'READY')!;
  const avail = deploymentColumns.find((c) => c.name === 'AVAILABLE')!;
  assert.equal(avail.sort!(deployment, NOW), 2);
  const oneOfThree = { ...deployment, status: { readyReplicas: 1 } };
  const twoOfTwo = { ...deployment, spec: { replicas: 2 }, status: { readyReplicas: 2 } };
  assert.ok((ready.sort!(oneOfThree, NOW) as number) < (ready.sort!(deployment, NOW) as number));
  assert.ok((ready.sort!(twoOfTwo, NOW) as number) < (ready.sort!(deployment, NOW) as number));
});
