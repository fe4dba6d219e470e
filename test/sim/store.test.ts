import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GoneError, ObjectStore } from '../../src/sim/store.js';

test('resourceVersion grows with every write; generation only with spec changes', () => {
  const store = new ObjectStore(() => Date.parse('2026-01-01T00:00:00Z'));
  const a = store.create('configmaps', { metadata: { name: 'a', namespace: 'x' }, data: {} });
  const d = store.create('deployments.apps', { metadata: { name: 'd', namespace: 'x' }, spec: { replicas: 1 } });
  assert.ok(Number(d.metadata!.resourceVersion) > Number(a.metadata!.resourceVersion));
  assert.equal(a.metadata!.creationTimestamp, '2026-01-01T00:00:00Z');
  assert.equal(d.metadata!.generation, 1);
  const d2 = store.update('deployments.apps', { ...d, status: { replicas: 1 } });
  assert.equal(d2.metadata!.generation, 1);
  const d3 = store.update('deployments.apps', { ...d2, spec: { replicas: 2 } });
  assert.equal(d3.metadata!.generation, 2);
  assert.equal(d3.metadata!.uid, d.metadata!.uid);
});

test('history replays per resource and compaction answers Gone', () => {
  const store = new ObjectStore(() => 0, 3);
  const start = store.resourceVersion;
  store.create('configmaps', { metadata: { name: 'a', namespace: 'x' } });
  store.create('secrets', { metadata: { name: 's', namespace: 'x' } });
  store.remove('configmaps', 'x', 'a');
  assert.deepEqual(store.since('configmaps', start).map((e) => e.type), ['ADDED', 'DELETED']);
  store.create('configmaps', { metadata: { name: 'b', namespace: 'x' } });
  assert.throws(() => store.since('configmaps', start), GoneError, 'the history limit of 3 dropped the first event');
  const now = store.resourceVersion;
  store.compact();
  assert.throws(() => store.since('configmaps', now - 1), GoneError);
  assert.deepEqual(store.since('configmaps', now), []);
});
