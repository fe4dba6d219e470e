import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/model/types.js';
import type { ColumnSet } from '../../../src/model/columns/column.js';
import {
  createdAtColumns, eventColumns, eventsApiEventColumns, leaseColumns, namespaceColumns, nodeColumns,
} from '../../../src/model/columns/cluster-columns.js';
import {
  persistentVolumeClaimColumns, persistentVolumeColumns, storageClassColumns,
} from '../../../src/model/columns/storage-columns.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const CREATED = '2024-04-01T12:00:00Z';

const headers = (set: ColumnSet, wide = false) => set.filter((c) => wide || c.priority === 0).map((c) => c.name);
const row = (set: ColumnSet, o: KubeObject, wide = false) =>
  set.filter((c) => wide || c.priority === 0).map((c) => c.text(o, NOW));
const cell = (set: ColumnSet, name: string, o: KubeObject) => set.find((c) => c.name === name)!.text(o, NOW);

test('namespaces', () => {
  const ns: KubeObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'shop', creationTimestamp: CREATED, labels: { 'kubernetes.io/metadata.name': 'shop' } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
  assert.deepEqual(headers(namespaceColumns), ['NAME', 'STATUS', 'AGE']);
  assert.deepEqual(row(namespaceColumns, ns), ['shop', 'Active', '30d']);
  assert.equal(cell(namespaceColumns, 'STATUS', { ...ns, status: { phase: 'Terminating' } }), 'Terminating');
});

const controlPlane: KubeObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: 'kind-control-plane',
    creationTimestamp: '2024-04-29T09:00:00Z',
    labels: {
      'kubernetes.io/hostname': 'kind-control-plane',
      'node-role.kubernetes.io/control-plane': '',
      'node.kubernetes.io/exclude-from-external-load-balancers': '',
    },
  },
  spec: { podCIDR: '10.244.0.0/24', unschedulable: true, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
  status: {
    addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'kind-control-plane' }],
    conditions: [
      { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory' },
      { type: 'DiskPressure', status: 'False' },
      { type: 'PIDPressure', status: 'False' },
      { type: 'Ready', status: 'True', reason: 'KubeletReady' },
    ],
    nodeInfo: {
      kubeletVersion: 'v1.30.2',
      kernelVersion: '6.8.0-31-generic',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      containerRuntimeVersion: 'containerd://1.7.15',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  },
};

test('nodes', () => {
  assert.deepEqual(headers(nodeColumns), ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
  assert.deepEqual(headers(nodeColumns, true), [
    'NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME',
  ]);
  assert.deepEqual(row(nodeColumns, controlPlane, true), [
    'kind-control-plane', 'Ready,SchedulingDisabled', 'control-plane', '2d3h', 'v1.30.2', '172.18.0.2', '<none>',
    'Debian GNU/Linux 12 (bookworm)', '6.8.0-31-generic (amd64)', 'containerd://1.7.15',
  ]);
  const worker: KubeObject = {
    ...controlPlane,
    metadata: { name: 'worker-1', creationTimestamp: CREATED, labels: { 'kubernetes.io/role': 'ingress', 'node-role.kubernetes.io/gpu': 'true' } },
    spec: {},
    status: { conditions: [{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown' }], nodeInfo: {} },
  };
  assert.deepEqual(row(nodeColumns, worker, true), [
    'worker-1', 'NotReady', 'gpu,ingress', '30d', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>',
  ]);
  assert.equal(cell(nodeColumns, 'STATUS', { ...worker, status: {} }), 'Unknown');
  assert.equal(cell(nodeColumns, 'ROLES', { ...worker, metadata: { name: 'w' } }), '<none>');
});

const backOff: KubeObject = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'api-7d9f8b6c5-x2kqp.17c8a2b3d4e5f6a7', namespace: 'shop', creationTimestamp: '2024-05-01T10:05:00Z' },
  involvedObject: {
    kind: 'Pod', namespace: 'shop', name: 'api-7d9f8b6c5-x2kqp', uid: '3f0c8a8e', apiVersion: 'v1',
    fieldPath: 'spec.containers{api}',
  },
  reason: 'BackOff',
  message: 'Back-off restarting failed container api in pod api-7d9f8b6c5-x2kqp_shop(3f0c8a8e)\n',
  source: { component: 'kubelet', host: 'node-a' },
  firstTimestamp: '2024-05-01T10:05:00Z',
  lastTimestamp: '2024-05-01T11:59:15Z',
  count: 27,
  type: 'Warning',
  eventTime: null,
  reportingComponent: 'kubelet',
  reportingInstance: 'node-a',
};

test('event headers follow kubectl get events', () => {
  assert.deepEqual(headers(eventColumns), ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
  assert.deepEqual(headers(eventColumns, true), [
    'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME',
  ]);
});

test('a repeated kubelet event', () => {
  assert.deepEqual(row(eventColumns, backOff, true), [
    '45s', 'Warning', 'BackOff', 'pod/api-7d9f8b6c5-x2kqp', 'spec.containers{api}', 'kubelet, node-a',
    'Back-off restarting failed container api in pod api-7d9f8b6c5-x2kqp_shop(3f0c8a8e)', '115m', '27',
    'api-7d9f8b6c5-x2kqp.17c8a2b3d4e5f6a7',
  ]);
  const lastSeen = eventColumns[0];
  assert.equal(lastSeen.sort!(backOff, NOW), Date.parse('2024-05-01T11:59:15Z'));
});

test('a new-style scheduler event with series and no legacy timestamps', () => {
  const ev: KubeObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'big-0.17c8a2b3d4e5f6b8', namespace: 'shop' },
    involvedObject: { kind: 'Pod', name: 'big-0', namespace: 'shop' },
    reason: 'FailedScheduling',
    message: '0/3 nodes are available: 3 Insufficient memory.',
    source: {},
    firstTimestamp: null,
    lastTimestamp: null,
    type: 'Warning',
    eventTime: '2024-05-01T11:00:00.000000Z',
    series: { count: 5, lastObservedTime: '2024-05-01T11:57:00.000000Z' },
    action: 'Scheduling',
    reportingComponent: 'default-scheduler',
    reportingController: 'default-scheduler',
    reportingInstance: 'default-scheduler-kind-control-plane',
  };
  assert.deepEqual(row(eventColumns, ev, true), [
    '3m', 'Warning', 'FailedScheduling', 'pod/big-0', '', 'default-scheduler, default-scheduler-kind-control-plane',
    '0/3 nodes are available: 3 Insufficient memory.', '60m', '5', 'big-0.17c8a2b3d4e5f6b8',
  ]);
  const single = { ...ev, series: undefined, eventTime: '2024-05-01T11:59:50.000000Z' };
  assert.equal(cell(eventColumns, 'COUNT', single), '1');
  assert.equal(cell(eventColumns, 'LAST SEEN', single), '10s');
  assert.equal(cell(eventColumns, 'OBJECT', { ...ev, involvedObject: { kind: 'Node' } }), 'node');
  assert.equal(cell(eventColumns, 'LAST SEEN', { ...ev, series: undefined, eventTime: null }), '<unknown>');
});

test('events.k8s.io events print like their core conversion', () => {
  const ev: KubeObject = {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: 'node-a.17c8a2b3d4e5f6c9', namespace: 'default' },
    eventTime: null,
    reason: 'NodeReady',
    note: 'Node node-a status is now: NodeReady',
    type: 'Normal',
    regarding: { kind: 'Node', name: 'node-a', uid: 'node-a' },
    deprecatedSource: { component: 'kubelet', host: 'node-a' },
    deprecatedFirstTimestamp: '2024-05-01T09:00:00Z',
    deprecatedLastTimestamp: '2024-05-01T11:30:00Z',
    deprecatedCount: 2,
  };
  assert.deepEqual(row(eventsApiEventColumns, ev, true), [
    '30m', 'Normal', 'NodeReady', 'node/node-a', '', 'kubelet, node-a', 'Node node-a status is now: NodeReady', '3h', '2',
    'node-a.17c8a2b3d4e5f6c9',
  ]);
});

test('CRDs and other printer-less kinds: NAME CREATED AT', () => {
  const crd: KubeObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'certificates.cert-manager.io', creationTimestamp: '2024-04-01T10:30:00+02:00' },
  };
  assert.deepEqual(headers(createdAtColumns), ['NAME', 'CREATED AT']);
  assert.deepEqual(row(createdAtColumns, crd), ['certificates.cert-manager.io', '2024-04-01T08:30:00Z']);
  const precise = { ...crd, metadata: { name: 'x', creationTimestamp: '2024-04-01T08:30:00.999Z' } };
  assert.equal(cell(createdAtColumns, 'CREATED AT', precise), '2024-04-01T08:30:00Z');
  assert.equal(cell(createdAtColumns, 'CREATED AT', { metadata: { name: 'x' } }), '0001-01-01T00:00:00Z');
});

test('leases', () => {
  const lease: KubeObject = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'kube-scheduler', namespace: 'kube-system', creationTimestamp: CREATED },
    spec: { holderIdentity: 'kind-control-plane_5b1e', leaseDurationSeconds: 15 },
  };
  assert.deepEqual(row(leaseColumns, lease), ['kube-scheduler', 'kind-control-plane_5b1e', '30d']);
});

test('persistent volumes', () => {
  const pv: KubeObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'pvc-4b1f2c3d-5e6f-7a8b-9c0d-1e2f3a4b5c6d', creationTimestamp: CREATED },
    spec: {
      capacity: { storage: '10Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
      claimRef: { kind: 'PersistentVolumeClaim', namespace: 'shop', name: 'data-db-0' },
      hostPath: { path: '/var/local-path-provisioner/pvc-4b1f', type: 'DirectoryOrCreate' },
    },
    status: { phase: 'Bound' },
  };
  assert.deepEqual(headers(persistentVolumeColumns, true), [
    'NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS',
    'REASON', 'AGE', 'VOLUMEMODE',
  ]);
  assert.deepEqual(row(persistentVolumeColumns, pv, true), [
    'pvc-4b1f2c3d-5e6f-7a8b-9c0d-1e2f3a4b5c6d', '10Gi', 'RWO', 'Delete', 'Bound', 'shop/data-db-0', 'standard', '<unset>',
    '', '30d', 'Filesystem',
  ]);
  const released = {
    ...pv,
    metadata: { ...pv.metadata, deletionTimestamp: '2024-05-01T11:00:00Z', annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' } },
    spec: { accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany'] },
  };
  assert.deepEqual(row(persistentVolumeColumns, released), [
    'pvc-4b1f2c3d-5e6f-7a8b-9c0d-1e2f3a4b5c6d', '0', 'RWO,ROX,RWX', '', 'Terminating', '', 'legacy', '<unset>', '', '30d',
  ]);
});

test('persistent volume claims', () => {
  const pvc: KubeObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data-db-0', namespace: 'shop', creationTimestamp: CREATED },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '8Gi' } },
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
      volumeName: 'pvc-4b1f2c3d-5e6f-7a8b-9c0d-1e2f3a4b5c6d',
    },
    status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } },
  };
  assert.deepEqual(headers(persistentVolumeClaimColumns), [
    'NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE',
  ]);
  assert.deepEqual(row(persistentVolumeClaimColumns, pvc, true), [
    'data-db-0', 'Bound', 'pvc-4b1f2c3d-5e6f-7a8b-9c0d-1e2f3a4b5c6d', '10Gi', 'RWO', 'standard', '<unset>', '30d', 'Filesystem',
  ]);
  const pendingClaim = { ...pvc, spec: { ...pvc.spec, volumeName: undefined, volumeAttributesClassName: 'gold' }, status: { phase: 'Pending' } };
  assert.deepEqual(row(persistentVolumeClaimColumns, pendingClaim), ['data-db-0', 'Pending', '', '', '', 'standard', 'gold', '30d']);
});

test('storage classes', () => {
  const sc: KubeObject = {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', creationTimestamp: CREATED, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
  assert.deepEqual(headers(storageClassColumns), [
    'NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE',
  ]);
  assert.deepEqual(row(storageClassColumns, sc), ['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', 'false', '30d']);
  const plain = { ...sc, metadata: { name: 'fast', creationTimestamp: CREATED }, allowVolumeExpansion: true, reclaimPolicy: undefined, volumeBindingMode: undefined };
  assert.deepEqual(row(storageClassColumns, plain), ['fast', 'rancher.io/local-path', 'Delete', 'Immediate', 'true', '30d']);
});
