// A poll sets a pod's figures on the previous poll's object, so that a table row holding that
// object reads the new figures without a lookup; what the row holds must never outlast its poll.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnsFor } from '../../../src/model/columns/index.js';
import { withMetricsColumns } from '../../../src/model/columns/metrics-columns.js';
import { metricsCollector, type MetricsData } from '../../../src/model/metrics/usage-data.js';
import { liveKeys } from '../../../src/model/view/live-cells.js';
import { buildRow } from '../../../src/model/view/table-rows.js';
import type { KubeObject } from '../../../src/model/types.js';

const item = (name: string, cpu: string) => ({ metadata: { namespace: 'a', name }, containers: [{ name: 'c', usage: { cpu, memory: '1Mi' } }] });

function poll(stamp: number, items: unknown[][], previous?: MetricsData): MetricsData {
  const c = metricsCollector('pods', { perContainer: false, previous });
  for (const page of items) c.add(page);
  return c.done(stamp);
}

test('a pod in both polls keeps its object, whose figures change only when the poll is done; a new pod gets its own', () => {
  const first = poll(1, [[item('p', '10m'), item('q', '20m')]]);
  const p = first.pods.get('a/p')!;
  const c = metricsCollector('pods', { perContainer: false, previous: first });
  c.add([item('p', '30m')]);
  c.add([item('r', '40m')]);
  // Pages in, not done: the first poll's figures still stand, whole.
  assert.deepEqual([p.cpuMilli, p.stamp], [10, 1]);
  const second = c.done(2);
  assert.equal(second.pods.get('a/p'), p);
  assert.deepEqual([p.cpuMilli, p.stamp], [30, 2]);
  assert.deepEqual([...second.pods.keys()], ['a/p', 'a/r']);
  assert.deepEqual([second.pods.get('a/r')!.cpuMilli, second.pods.get('a/r')!.stamp], [40, 2]);
  // q is gone from the second poll; its object keeps the first poll's stamp.
  assert.deepEqual([first.pods.get('a/q')!.cpuMilli, first.pods.get('a/q')!.stamp], [20, 1]);
});

test('sorting by CPU reads each poll\'s figures from what the rows hold; a pod missing from a poll sorts as none, not as before', () => {
  const pods: KubeObject[] = ['p', 'q'].map((name) => ({ metadata: { namespace: 'a', name }, spec: { containers: [{ name: 'c' }] } }));
  const cpuOf = (m: MetricsData) => {
    const columns = withMetricsColumns(columnsFor('pods'), 'pods', m);
    return { column: columns.find((c) => c.name === 'CPU')!, columns };
  };
  const first = poll(1, [[item('p', '10m'), item('q', '20m')]]);
  const { column, columns } = cpuOf(first);
  const rows = pods.map((o) => buildRow(o, columns, 0));
  const keys = (m: MetricsData) => {
    const k = liveKeys(cpuOf(m).column, m.stamp, 0);
    return rows.map((r) => k.key(r));
  };
  assert.ok(column.liveSortOf);
  assert.deepEqual(keys(first), [10, 20]);
  // p's object reused with new figures; q missing. p's row holds p's object: only q is looked up by key.
  const second = poll(2, [[item('p', '50m')]], first);
  const lookups: string[] = [];
  const get = second.pods.get.bind(second.pods);
  (second.pods as Map<string, unknown>).get = (k: string) => (lookups.push(k), get(k));
  assert.deepEqual(keys(second), [50, 0]);
  assert.deepEqual(lookups, ['a/q']);
  // q back, in a new object: the row finds it again.
  const third = poll(3, [[item('p', '60m'), item('q', '70m')]], second);
  assert.deepEqual(keys(third), [60, 70]);
});
