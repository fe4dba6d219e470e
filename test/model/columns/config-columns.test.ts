import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/model/types.js';
import type { ColumnSet } from '../../../src/model/columns/column.js';
import {
  configMapColumns, formatHpaMetrics, horizontalPodAutoscalerColumns, roleBindingColumns, secretColumns,
  serviceAccountColumns,
} from '../../../src/model/columns/config-columns.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const CREATED = '2024-04-01T12:00:00Z';

const headers = (set: ColumnSet, wide = false) => set.filter((c) => wide || c.priority === 0).map((c) => c.name);
const row = (set: ColumnSet, o: KubeObject, wide = false) =>
  set.filter((c) => wide || c.priority === 0).map((c) => c.text(o, NOW));

test('config maps count data and binaryData', () => {
  const cm: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'api-config', namespace: 'shop', creationTimestamp: CREATED },
    data: { 'app.yaml': 'port: 8080\n', LOG_LEVEL: 'info' },
    binaryData: { 'logo.png': 'iVBORw0KGgo=' },
  };
  assert.deepEqual(headers(configMapColumns), ['NAME', 'DATA', 'AGE']);
  assert.deepEqual(row(configMapColumns, cm), ['api-config', '3', '30d']);
  assert.deepEqual(row(configMapColumns, { ...cm, data: undefined, binaryData: undefined }), ['api-config', '0', '30d']);
});

test('secrets', () => {
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'shop-tls', namespace: 'shop', creationTimestamp: CREATED },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': 'LS0tLS1CRUdJTg==', 'tls.key': 'LS0tLS1CRUdJTg==' },
  };
  assert.deepEqual(headers(secretColumns), ['NAME', 'TYPE', 'DATA', 'AGE']);
  assert.deepEqual(row(secretColumns, secret), ['shop-tls', 'kubernetes.io/tls', '2', '30d']);
});

test('service accounts', () => {
  const sa: KubeObject = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'default', namespace: 'shop', creationTimestamp: CREATED },
  };
  // A 1.36 server no longer prints SECRETS (corpus tables/*/serviceaccounts.json).
  assert.deepEqual(headers(serviceAccountColumns), ['NAME', 'AGE']);
  assert.deepEqual(row(serviceAccountColumns, sa), ['default', '30d']);
  assert.deepEqual(row(serviceAccountColumns, { ...sa, secrets: [{ name: 'default-token-x7k2p' }] }), ['default', '30d']);
});

const hpa: KubeObject = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'api', namespace: 'shop', creationTimestamp: CREATED },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
    minReplicas: 2,
    maxReplicas: 10,
    metrics: [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '512Mi' } } },
    ],
  },
  status: {
    currentReplicas: 3,
    desiredReplicas: 3,
    currentMetrics: [
      { type: 'Resource', resource: { name: 'cpu', current: { averageValue: '231m', averageUtilization: 46 } } },
      { type: 'Resource', resource: { name: 'memory', current: { averageValue: '300Mi' } } },
    ],
  },
};

test('HPA headers and row', () => {
  assert.deepEqual(headers(horizontalPodAutoscalerColumns), [
    'NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE',
  ]);
  assert.deepEqual(row(horizontalPodAutoscalerColumns, hpa), [
    'api', 'Deployment/api', 'cpu: 46%/80%, memory: 300Mi/512Mi', '2', '10', '3', '30d',
  ]);
});

test('HPA targets before metrics arrive, and beyond two metrics', () => {
  assert.equal(formatHpaMetrics({ ...hpa, status: { currentReplicas: 0 } }), 'cpu: <unknown>/80%, memory: <unknown>/512Mi');
  const pods = {
    type: 'Pods',
    pods: { metric: { name: 'packets-per-second' }, target: { type: 'AverageValue', averageValue: '1k' } },
  };
  const external = {
    type: 'External',
    external: { metric: { name: 'queue_messages_ready' }, target: { type: 'AverageValue', averageValue: '30' } },
  };
  const object = {
    type: 'Object',
    object: { metric: { name: 'requests-per-second' }, describedObject: { kind: 'Ingress', name: 'main' }, target: { type: 'Value', value: '10k' } },
  };
  const many = { ...hpa, spec: { ...hpa.spec, metrics: [pods, external, object] }, status: {
    currentMetrics: [
      { type: 'Pods', pods: { metric: { name: 'packets-per-second' }, current: { averageValue: '866m' } } },
      { type: 'External', external: { metric: { name: 'queue_messages_ready' }, current: { averageValue: '12' } } },
    ],
  } };
  assert.equal(formatHpaMetrics(many), '866m/1k, 12/30 (avg) + 1 more...');
  const justObject = { ...hpa, spec: { ...hpa.spec, metrics: [object] }, status: {} };
  assert.equal(formatHpaMetrics(justObject), '<unknown>/10k');
  const noTarget = { ...hpa, spec: { ...hpa.spec, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }] } };
  assert.equal(formatHpaMetrics(noTarget), 'cpu: 46%/<auto>');
  const container = {
    ...hpa,
    spec: { ...hpa.spec, metrics: [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'api', target: { type: 'Utilization', averageUtilization: 60 } } }] },
    status: { currentMetrics: [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'api', current: { averageUtilization: 75 } } }] },
  };
  assert.equal(formatHpaMetrics(container), 'cpu: 75%/60%');
  assert.equal(formatHpaMetrics({ ...hpa, spec: { ...hpa.spec, metrics: [{ type: 'Bogus' }] } }), '<unknown type>');
  assert.equal(formatHpaMetrics({ ...hpa, spec: { ...hpa.spec, metrics: [] } }), '<none>');
});

test('autoscaling/v1 HPAs print their CPU target', () => {
  const v1: KubeObject = {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', creationTimestamp: CREATED },
    spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
    status: { currentReplicas: 1, desiredReplicas: 1, currentCPUUtilizationPercentage: 12 },
  };
  assert.deepEqual(row(horizontalPodAutoscalerColumns, v1), ['web', 'Deployment/web', 'cpu: 12%/50%', '<unset>', '5', '1', '30d']);
  assert.equal(formatHpaMetrics({ ...v1, status: {} }), 'cpu: <unknown>/50%');
});

test('role bindings', () => {
  const rb: KubeObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'viewers', namespace: 'shop', creationTimestamp: CREATED },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane@example.com' },
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
      { kind: 'ServiceAccount', name: 'ci', namespace: 'tools' },
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'bob@example.com' },
    ],
  };
  assert.deepEqual(headers(roleBindingColumns, true), ['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS']);
  assert.deepEqual(row(roleBindingColumns, rb, true), [
    'viewers', 'ClusterRole/view', '30d', 'jane@example.com, bob@example.com', 'devs', 'tools/ci',
  ]);
});
