// Usage objects reused across polls against a reference that reuses nothing: whatever pods come
// and go, whatever pages a poll has, and whichever of two pollers' latest data a row is asked
// under (two tables; a namespace and back), a row's CPU key and cell are its pod's in that data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { columnsFor } from '../../../src/model/columns/index.js';
import { withMetricsColumns } from '../../../src/model/columns/metrics-columns.js';
import { metricsCollector, metricsData, type MetricsData } from '../../../src/model/metrics/usage-data.js';
import { liveKeys } from '../../../src/model/view/live-cells.js';
import { buildRow, type Row } from '../../../src/model/view/table-rows.js';
import type { KubeObject } from '../../../src/model/types.js';

const PODS = ['a/p', 'a/q', 'b/p', 'b/r'];
let stamps = 1_000_000;

type Step =
  | { type: 'poll'; poller: 0 | 1; figures: (number | null)[]; pageSize: number }
  | { type: 'missing'; poller: 0 | 1 }
  | { type: 'recreate'; pod: number }
  | { type: 'ask'; poller: 0 | 1; rows: number[] };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('poll' as const), poller: fc.constantFrom(0 as const, 1 as const), figures: fc.array(fc.option(fc.integer({ min: 0, max: 5000 })), { minLength: PODS.length, maxLength: PODS.length }), pageSize: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('missing' as const), poller: fc.constantFrom(0 as const, 1 as const) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('recreate' as const), pod: fc.integer({ min: 0, max: PODS.length - 1 }) }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('ask' as const), poller: fc.constantFrom(0 as const, 1 as const), rows: fc.subarray([0, 1, 2, 3]) }) },
);

const podObject = (key: string): KubeObject => {
  const [namespace, name] = key.split('/');
  return { metadata: { namespace, name }, spec: { containers: [{ name: 'c' }] } };
};

test('a row reads its pod\'s figures of the data it is asked under, never another poll\'s or another poller\'s', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
      // Each poller's latest data (what its table shows) and, for the reference, the figures it had when made.
      const latest: (MetricsData | undefined)[] = [undefined, undefined];
      const reference: Map<string, number>[] = [new Map(), new Map()];
      // What the next poll reuses: the latest successful poll's data (a 404 leaves it).
      const previous: (MetricsData | undefined)[] = [undefined, undefined];
      // Rows of one table's row cache: a pod re-created with the same name is a new object, a new row.
      const rows: Row[] = PODS.map((k) => buildRow(podObject(k), columnsFor('pods'), 0));
      for (const s of steps) {
        if (s.type === 'poll') {
          const items = PODS.flatMap((key, i) => (s.figures[i] === null ? [] : [{ metadata: { namespace: key.split('/')[0], name: key.split('/')[1] }, containers: [{ name: 'c', usage: { cpu: `${s.figures[i]}m`, memory: '1Mi' } }] }]));
          const c = metricsCollector('pods', { perContainer: false, previous: previous[s.poller] });
          for (let i = 0; i < items.length; i += s.pageSize) c.add(items.slice(i, i + s.pageSize));
          previous[s.poller] = latest[s.poller] = c.done(++stamps);
          reference[s.poller] = new Map(PODS.flatMap((key, i) => (s.figures[i] === null ? [] : [[key, s.figures[i]!]])));
        } else if (s.type === 'missing') {
          latest[s.poller] = metricsData('pods', [], ++stamps);
          reference[s.poller] = new Map();
        } else if (s.type === 'recreate') {
          rows[s.pod] = buildRow(podObject(PODS[s.pod]), columnsFor('pods'), 0);
        } else {
          const m = latest[s.poller];
          if (!m) continue;
          const columns = withMetricsColumns(columnsFor('pods'), 'pods', m);
          const cpu = columns.find((c) => c.name === 'CPU')!;
          const keys = liveKeys(cpu, m.stamp, 0);
          for (const i of s.rows) {
            const want: number = reference[s.poller].get(PODS[i]) ?? 0;
            assert.equal(keys.key(rows[i]), want, `${PODS[i]}'s key under poller ${s.poller}`);
            assert.equal(cpu.text(rows[i].object, 0), want ? `${want}m` : '0', `${PODS[i]}'s cell under poller ${s.poller}`);
          }
        }
      }
    }),
    { numRuns: 1000 },
  );
});
