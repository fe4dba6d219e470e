import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../../src/model/types.js';
import { fieldsV1, podManagedFields } from '../../../src/sim/scenario/managed-fields.js';
import { generateLarge, scaledLarge } from '../../../src/sim/scenario/large-scenario.js';
import { ObjectStore } from '../../../src/sim/store.js';
import { hasCorpus, recordedObjects } from '../../helpers/recorded-corpus.js';

// What admission adds after the ReplicaSet controller wrote the pod: the ServiceAccount token
// volume, and resources from a LimitRange (pods it touched say so and are left out).
const SA_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
const withoutAdmission = (containers: any[]) =>
  containers.map((c) => {
    const mounts = (c.volumeMounts ?? []).filter((m: any) => m.mountPath !== SA_MOUNT);
    const { volumeMounts: _m, ...rest } = c;
    return mounts.length ? { ...rest, volumeMounts: mounts } : rest;
  });

test("field sets as a real API server writes them: the recorded pods' kube-controller-manager entries", { skip: !hasCorpus && 'the recorded corpus is not on this machine' }, () => {
  const pods = [...recordedObjects().entries()].filter(([, o]) => o.kind === 'Pod' && o.metadata?.ownerReferences?.[0]?.kind === 'ReplicaSet' && !o.metadata.annotations?.['kubernetes.io/limit-ranger'] && o.metadata?.managedFields?.some((m: any) => m.manager === 'kube-controller-manager'));
  assert.ok(pods.length >= 4, `recorded ReplicaSet pods: ${pods.length}`);
  for (const [file, pod] of pods) {
    const recorded = (pod.metadata!.managedFields as any[]).find((m) => m.manager === 'kube-controller-manager').fieldsV1;
    const ours = fieldsV1({ metadata: { ownerReferences: pod.metadata!.ownerReferences, labels: pod.metadata!.labels }, spec: { containers: withoutAdmission(pod.spec.containers), ...(pod.spec.initContainers ? { initContainers: withoutAdmission(pod.spec.initContainers) } : {}) } });
    const pick = (set: any) => ({ 'f:metadata': { 'f:ownerReferences': set['f:metadata']['f:ownerReferences'], 'f:labels': set['f:metadata']['f:labels'] }, 'f:spec': { 'f:containers': set['f:spec']['f:containers'], ...(set['f:spec']['f:initContainers'] ? { 'f:initContainers': set['f:spec']['f:initContainers'] } : {}) } });
    assert.deepEqual(ours, pick(recorded), file);
  }
});

test('the large scenario writes managedFields only when asked: three managers, field sets shared within an app', () => {
  const shape = { ...scaledLarge(0.01), events: 0 };
  const plain = new ObjectStore(() => 0, 10);
  generateLarge(plain, Date.parse('2026-01-01T00:00:00Z'), shape);
  assert.ok(plain.list('pods').every((p) => p.metadata?.managedFields === undefined));
  const store = new ObjectStore(() => 0, 10);
  generateLarge(store, Date.parse('2026-01-01T00:00:00Z'), shape, { managedFields: true });
  const pods = store.list('pods') as KubeObject[];
  const rsOf = (p: KubeObject) => p.metadata!.ownerReferences![0].uid;
  const [a, b] = pods.filter((p) => rsOf(p) === rsOf(pods[0]));
  const fieldsOf = (p: KubeObject) => p.metadata!.managedFields as any[];
  assert.deepEqual(fieldsOf(a).map((m) => `${m.manager}${m.subresource ? `/${m.subresource}` : ''} ${m.operation} ${m.time === a.metadata!.creationTimestamp}`), ['kube-controller-manager Update true', 'kube-scheduler/status Update true', 'kubelet/status Update true']);
  assert.equal(fieldsOf(a)[0].fieldsV1, fieldsOf(b)[0].fieldsV1, 'one shared set per app');
  const ip = a.status.podIP;
  assert.deepEqual(fieldsOf(a)[2].fieldsV1['f:status']['f:podIPs'], { '.': {}, [`k:{"ip":"${ip}"}`]: { '.': {}, 'f:ip': {} } });
  assert.deepEqual(fieldsOf(a)[1].fieldsV1, { 'f:status': { 'f:conditions': { '.': {}, 'k:{"type":"PodScheduled"}': { '.': {}, 'f:type': {}, 'f:status': {}, 'f:lastProbeTime': {}, 'f:lastTransitionTime': {} } } } });
  // About what a real server adds to a pod of this size (the recorded ones: 2 to 3 KB).
  const extra = JSON.stringify(fieldsOf(a)).length;
  assert.ok(extra > 1500 && extra < 4000, `managedFields of a generated pod: ${extra} bytes`);
  assert.equal(podManagedFields(a, 'other', new Map()).length, 3);
});
