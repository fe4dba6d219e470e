import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonPatch, mergePatch, strategicMergePatch } from '../../../src/sim/api/patch.js';

const deploy = {
  spec: {
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.14.1', env: [{ name: 'A', value: '1' }] },
          { name: 'nettool', image: 'praqma/network-multitool' },
        ],
      },
    },
  },
};

test('merge patch: objects merge, null deletes, arrays replace', () => {
  assert.deepEqual(mergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1, 2] }, { b: { c: null, x: 1 }, e: [3] }), { a: 1, b: { d: 3, x: 1 }, e: [3] });
});

test('strategic merge: kubectl set image keeps the other containers and fields', () => {
  const patch = { spec: { template: { spec: { $setElementOrder: undefined, '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'nettool' }], containers: [{ image: 'nginx:1.16.1', name: 'nginx' }] } } } };
  const out = strategicMergePatch(deploy, patch);
  assert.deepEqual(out.spec.template.spec.containers, [
    { name: 'nginx', image: 'nginx:1.16.1', env: [{ name: 'A', value: '1' }] },
    { name: 'nettool', image: 'praqma/network-multitool' },
  ]);
});

test('strategic merge: rollout restart annotation, $patch delete and replace', () => {
  const restarted = strategicMergePatch(deploy, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } } } } });
  assert.deepEqual(restarted.spec.template.metadata, { labels: { app: 'nginx' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } });
  const removed = strategicMergePatch(deploy, { spec: { template: { spec: { containers: [{ name: 'nettool', $patch: 'delete' }] } } } });
  assert.deepEqual(removed.spec.template.spec.containers.map((c: any) => c.name), ['nginx']);
  const replaced = strategicMergePatch(deploy, { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } });
  assert.deepEqual(replaced.spec.template.spec.containers, [{ name: 'only', image: 'x' }]);
  const envMerged = strategicMergePatch(deploy, { spec: { template: { spec: { containers: [{ name: 'nginx', env: [{ name: 'B', value: '2' }] }] } } } });
  assert.deepEqual(envMerged.spec.template.spec.containers[0].env, [{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
});

test('json patch: ops apply, a failed test is 422, a bad path is 400', () => {
  assert.deepEqual(jsonPatch({ a: [1] }, [{ op: 'add', path: '/a/-', value: 2 }, { op: 'replace', path: '/b', value: 1 }].slice(0, 1)), { a: [1, 2] });
  assert.throws(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]), (e: any) => e.code === 422);
  assert.throws(() => jsonPatch({ a: 1 }, [{ op: 'replace', path: '/nope/x', value: 2 }]), (e: any) => e.code === 400);
  assert.throws(() => jsonPatch({ a: 1 }, { op: 'add' }), (e: any) => e.code === 400);
});
