import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnsFor } from '../../../src/model/columns/index.js';
import fc from 'fast-check';
import { containerMetricsCells, CPU_CHARS, cpuText, MEM_CHARS, memText, PERCENT_CHARS, percentText, podMetricsColumns, nodeMetricsColumns, withMetricsColumns } from '../../../src/model/columns/metrics-columns.js';
import { bytes, cpuMilli, durationMs, metricsData } from '../../../src/model/metrics/usage-data.js';
import type { KubeObject } from '../../../src/model/types.js';

test('quantities read as kubectl top reads them: CPU rounded up to millicores, memory in bytes, windows as Go durations', () => {
  assert.deepEqual(['12345678n', '5000000n', '250m', '1', '1500u', '0'].map(cpuMilli), [13, 5, 250, 1000, 2, 0]);
  assert.deepEqual(['1Ki', '512Mi', '1Gi', '1000'].map(bytes), [1024, 512 * 2 ** 20, 2 ** 30, 1000]);
  assert.deepEqual(['15s', '10.079s', '1m0s', '500ms', 'soon', ''].map(durationMs), [15_000, 10_079, 60_000, 500, undefined, undefined]);
  // A pod's CPU is its containers' summed before rounding, as kubectl top adds quantities.
  const m = metricsData('pods', [{ metadata: { namespace: 'a', name: 'p' }, window: '15s', containers: [{ name: 'x', usage: { cpu: '1500000n', memory: '1Mi' } }, { name: 'y', usage: { cpu: '1400000n', memory: '1Mi' } }] }], 1);
  const p = m.pods.get('a/p')!;
  assert.deepEqual([p.cpuMilli, p.memBytes, p.containers.get('x')!.cpuMilli, p.containers.get('y')!.cpuMilli, m.windowMs], [3, 2 * 2 ** 20, 2, 2, 15_000]);
});

test('cells as k9s shows them: percentages rounded down, n/a without a request or limit, 0 for nothing', () => {
  assert.deepEqual([cpuText(108), cpuText(0), memText(183 * 2 ** 20 + 5), memText(0)], ['108m', '0', '183Mi', '0']);
  assert.deepEqual([percentText(99, 100), percentText(150, 100), percentText(5, 0)], ['99', '150', 'n/a']);
  const container = { name: 'c', resources: { requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '200m' } } };
  assert.deepEqual(containerMetricsCells(container, { cpuMilli: 50, memBytes: 64 * 2 ** 20 }), ['50m', '50', '25', '64Mi', '64', 'n/a']);
});

test('the pods and nodes tables gain the columns before AGE, sortable by value; other kinds, or no metrics, keep kubectl\'s', () => {
  const m = metricsData('pods', [{ metadata: { namespace: 'a', name: 'p' }, containers: [{ name: 'c', usage: { cpu: '50m', memory: '64Mi' } }] }], 1);
  const cols = withMetricsColumns(columnsFor('pods'), 'pods', m).filter((c) => c.priority === 0);
  assert.deepEqual(cols.map((c) => c.name), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'CPU', '%CPU/R', '%CPU/L', 'MEM', '%MEM/R', '%MEM/L', 'AGE']);
  const pod: KubeObject = { metadata: { namespace: 'a', name: 'p' }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '200m' } } }] } };
  const cpu = cols.find((c) => c.name === 'CPU')!;
  const pct = cols.find((c) => c.name === '%CPU/R')!;
  assert.deepEqual([cpu.text(pod, 0), cpu.sort!(pod, 0), pct.text(pod, 0), pct.sort!(pod, 0)], ['50m', 50, '25', 0.25]);
  const node = withMetricsColumns(columnsFor('nodes'), 'nodes', metricsData('nodes', [], 1)).map((c) => c.name);
  assert.deepEqual(node.slice(node.indexOf('CPU'), node.indexOf('AGE') + 1), ['CPU', 'CPU/A', '%CPU', 'MEM', 'MEM/A', '%MEM', 'AGE']);
  assert.equal(withMetricsColumns(columnsFor('services'), 'services', m), columnsFor('services'));
  assert.equal(withMetricsColumns(columnsFor('pods'), 'pods', undefined), columnsFor('pods'));
});

test('usage cells hold only the characters their columns declare (a filter with any other needs no usage text), and every live column declares them', () => {
  const within = (text: string, chars: string) => [...text].every((c) => chars.includes(c));
  // What the formatters are given: whole millicores and bytes (rounded as read), however large.
  // Past Number.MAX_VALUE a quantity's digits read as Infinity (a pod's CPU of 310 nines), and a percentage of a huge figure overflows to it.
  const amount = fc.oneof(fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }).map(Math.ceil), fc.constant(Infinity));
  fc.assert(fc.property(amount, (n) => within(cpuText(n), CPU_CHARS) && within(memText(n), MEM_CHARS)), { numRuns: 2000 });
  fc.assert(fc.property(amount, amount, (v, b) => within(percentText(v, b), PERCENT_CHARS)), { numRuns: 2000 });
  assert.ok(within(cpuText(2e21), CPU_CHARS) && within(percentText(1.5e300, 1), PERCENT_CHARS));
  assert.ok(within(cpuText(cpuMilli('9'.repeat(310))), CPU_CHARS) && within(memText(bytes('9'.repeat(310))), MEM_CHARS) && within(percentText(1e307, 1), PERCENT_CHARS) && within(percentText(Infinity, Infinity), PERCENT_CHARS));
  const m = metricsData('pods', [], 1);
  for (const c of [...podMetricsColumns(m), ...nodeMetricsColumns(metricsData('nodes', [], 1))].filter((c) => c.live)) assert.ok(c.liveChars, `${c.name} declares its characters`);
});
