import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drainPlan, unmanagedRefusal } from '../../../src/model/actions/drain-plan.js';
import type { KubeObject } from '../../../src/model/types.js';

const pod = (name: string, extra: Partial<KubeObject['metadata']> = {}, phase = 'Running'): KubeObject => ({ kind: 'Pod', metadata: { namespace: 'ns', name, ...extra }, status: { phase } }) as KubeObject;
const owned = (kind: string) => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind, name: 'x', uid: 'u', controller: true }] });

test('drain, as kubectl drain: evicts managed pods, skips DaemonSet and mirror pods, refuses unmanaged ones', () => {
  const plan = drainPlan([
    pod('web', owned('ReplicaSet')),
    pod('agent', owned('DaemonSet')),
    pod('etcd', { annotations: { 'kubernetes.io/config.mirror': 'abc' } }),
    pod('bare'),
    pod('done', {}, 'Succeeded'),
    pod('going', { ...owned('ReplicaSet'), deletionTimestamp: '2026-01-01T00:00:00Z' }),
  ]);
  assert.deepEqual(plan.evict.map((p) => p.metadata?.name), ['web', 'done']);
  assert.deepEqual(plan.skipped, [{ pod: 'ns/agent', why: 'DaemonSet' }, { pod: 'ns/etcd', why: 'mirror' }]);
  assert.deepEqual(plan.unmanaged, ['ns/bare']);
  assert.equal(unmanagedRefusal(plan.unmanaged), 'cannot delete Pods that declare no controller (use --force to override): ns/bare');
});
