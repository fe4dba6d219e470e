import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { KubeObject } from '../../../src/model/types.js';
import { COLUMN_SETS, columnsFor, crdColumns, genericColumns } from '../../../src/model/columns/index.js';
import { podColumns } from '../../../src/model/columns/pod-columns.js';
import { eventColumns } from '../../../src/model/columns/cluster-columns.js';
import { ingressColumns } from '../../../src/model/columns/network-columns.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');

test('columnsFor looks resources up by plural and group', () => {
  assert.equal(columnsFor('pods'), podColumns);
  assert.equal(columnsFor('events'), eventColumns);
  assert.equal(columnsFor('ingresses.networking.k8s.io'), ingressColumns);
  assert.equal(columnsFor('ingresses.extensions'), ingressColumns);
  assert.deepEqual(columnsFor('deployments.apps').map((c) => c.name).slice(0, 5), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
  assert.deepEqual(columnsFor('customresourcedefinitions.apiextensions.k8s.io').map((c) => c.name), ['NAME', 'CREATED AT']);
  assert.deepEqual(columnsFor('roles.rbac.authorization.k8s.io').map((c) => c.name), ['NAME', 'CREATED AT']);
  assert.equal(columnsFor('Pods'), podColumns);
});

test('unknown resources and prototype keys get NAME AGE', () => {
  for (const key of ['widgets.example.com', 'deployments', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    assert.equal(columnsFor(key), genericColumns, key);
  }
});

test('every set has well-formed columns', () => {
  for (const [key, set] of Object.entries(COLUMN_SETS)) {
    const names = set.map((c) => c.name);
    assert.equal(new Set(names).size, names.length, `${key}: duplicate headers`);
    assert.ok(names.includes('NAME'), key);
    for (const c of set) {
      assert.equal(c.name, c.name.toUpperCase(), `${key}.${c.name}`);
      assert.ok(c.priority === 0 || c.priority === 1);
    }
    const wideIndex = set.findIndex((c) => c.priority === 1);
    if (key !== 'events' && key !== 'events.events.k8s.io' && wideIndex >= 0) {
      assert.ok(set.slice(wideIndex).every((c) => c.priority === 1), `${key}: wide columns come last`);
    }
  }
});

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string(),
    fc.constantFrom('Running', 'True', 'Ready', 'Always', '2024-05-01T11:00:00Z', 'In', 'LoadBalancer', 'Resource'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom(
        'metadata', 'spec', 'status', 'name', 'type', 'status', 'state', 'containers', 'containerStatuses',
        'initContainers', 'initContainerStatuses', 'conditions', 'ports', 'rules', 'subsets', 'addresses',
        'selector', 'matchLabels', 'matchExpressions', 'operator', 'values', 'waiting', 'terminated', 'reason',
        'creationTimestamp', 'deletionTimestamp', 'metrics', 'resource', 'target', 'current', 'endpoints',
        'loadBalancer', 'ingress', 'series', 'involvedObject', 'labels', '__proto__', 'constructor',
      ),
      tie('value'),
      { maxKeys: 6 },
    ),
  ),
})).value;

test('no column throws on arbitrary JSON', () => {
  const sets = [...Object.values(COLUMN_SETS), genericColumns];
  fc.assert(
    fc.property(json, (value) => {
      for (const set of sets) {
        for (const column of set) {
          assert.equal(typeof column.text(value as KubeObject, NOW), 'string');
          const key = column.sort?.(value as KubeObject, NOW);
          assert.ok(key === undefined || typeof key === 'string' || (typeof key === 'number' && !Number.isNaN(key)));
        }
      }
      for (const column of crdColumns(value as KubeObject)) column.text(value as KubeObject, NOW);
    }),
    { numRuns: 400 },
  );
});
