import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Column } from '../../../src/model/columns/column.js';
import { columnsFor } from '../../../src/model/columns/index.js';
import { withMetricsColumns } from '../../../src/model/columns/metrics-columns.js';
import { metricsData } from '../../../src/model/metrics/usage-data.js';
import type { KubeObject } from '../../../src/model/types.js';
import { LiveCells } from '../../../src/model/view/live-cells.js';
import { compileFilter, FilterError, type RowFilter } from '../../../src/model/view/row-filter.js';
import { buildRow, type Row } from '../../../src/model/view/table-rows.js';

// A pods table in small: NAME and STATUS from the object, CPU from this poll's usage (a live column).
const usage = new Map([['web-0', '250m'], ['web-1', '3m'], ['db-0', '250m']]);
let usageReads = 0;
const columns: Column[] = [
  { name: 'NAME', type: 'string', priority: 0, text: (o) => String(o.metadata?.name) },
  { name: 'CPU', type: 'string', priority: 0, live: true, text: (o) => (usageReads++, usage.get(String(o.metadata?.name)) ?? 'n/a') },
  { name: 'STATUS', type: 'string', priority: 0, text: (o) => String(o.status?.phase) },
];
const rows: Row[] = ['web-0', 'web-1', 'db-0'].map((name) => buildRow({ metadata: { name }, status: { phase: name === 'web-1' ? 'Pending' : 'Running' } }, columns, 0));
const kept = (filter: string, live: LiveCells) => rows.filter(live.matcher(compileFilter(filter)!)).map((r) => r.key);

test('a filter reads the usage cells as they are on screen, and a plain word that the row\'s own cells match asks for no usage', () => {
  const live = new LiveCells(columns, 0);
  usageReads = 0;
  assert.deepEqual(kept('web', live), ['/web-0', '/web-1']);
  assert.equal(usageReads, 1, 'usage made only for the row its own cells do not match (db-0)');
  assert.deepEqual(kept('250M', live), ['/web-0', '/db-0'], 'a usage figure, case-insensitive');
  assert.deepEqual(kept('running', live), ['/web-0', '/db-0']);
  assert.deepEqual(kept('250m pending', live), []);
});

test('what a plain word cannot say reads the whole row, its cells in their order: a pattern across cells, anchors, an inversion', () => {
  const live = new LiveCells(columns, 0);
  assert.deepEqual(kept('web-0\\n250m\\nRunning', live), ['/web-0'], 'across NAME, CPU and STATUS');
  assert.deepEqual(kept('^3m$', live), ['/web-1'], 'a whole usage cell');
  assert.deepEqual(kept('^250m', live), ['/web-0', '/db-0']);
  assert.deepEqual(kept('!250m', live), ['/web-1'], 'not in any cell, usage included');
  assert.deepEqual(kept('!web', live), ['/db-0']);
  assert.deepEqual(kept('-l app=x', live), []);
});

test('with the usage columns\' characters declared, a word with any other character makes no usage text; one within them still finds its figure', () => {
  const declared = columns.map((c) => (c.live ? { ...c, liveChars: '0123456789m' } : c));
  const live = new LiveCells(declared, 0);
  const kept = (filter: string) => rows.filter(live.matcher(compileFilter(filter)!)).map((r) => r.key);
  usageReads = 0;
  assert.deepEqual(kept('db'), ['/db-0']);
  assert.deepEqual(kept('Pending'), ['/web-1']);
  assert.equal(usageReads, 0, 'usage made');
  assert.deepEqual(kept('250M'), ['/web-0', '/db-0'], 'a figure, in the other case');
  assert.deepEqual(kept('3m'), ['/web-1']);
  assert.ok(usageReads > 0);
});

// Characters that make usage figures, the units and n/a in both cases, letters that only look alike (dotless ı, the
// Kelvin sign, long ſ, which the case-insensitive regex does not fold to ASCII), JavaScript's Infinity and NaN, and regex syntax.
const filterUnit = fc.constantFrom('0', '1', '2', '5', '9', 'm', 'M', 'i', 'I', 'n', 'N', 'a', 'A', '/', '%', ' ', '.', 'e', 'E', '+', '-', 'Mi', 'n/a', 'Inf', 'NaN', 'f', 't', 'y', 'web', 'Running', 'ı', 'K', 'ſ', 'é', '😀', '\n', '!', '^', '$', '|', '*', '\\n', '\\d', '[0-9]', '(', ')');
const quantity = fc.oneof(
  fc.constantFrom('0', '1', '3m', '250m', '1500u', '12345678n', '64Mi', '1Gi', '999999999999', '1e3', 'junk'),
  fc.nat().map(String),
  // Hundreds of digits: past Number.MAX_VALUE, the figure is Infinity.
  fc.integer({ min: 290, max: 330 }).map((n) => '9'.repeat(n)),
  fc.integer({ min: 290, max: 330 }).map((n) => `${'9'.repeat(n)}Mi`),
);
const resources = fc.record({ cpu: quantity, memory: quantity }, { requiredKeys: [] });
const pod = fc.record({
  name: fc.string({ unit: fc.constantFrom('web', '-', '0', '1', 'm', 'n', 'a', 'I', 'f', 'é', 'ı'), minLength: 1, maxLength: 5 }),
  phase: fc.constantFrom('Running', 'Pending', 'Failed', 'Unknown'),
  requests: resources,
  limits: resources,
  usage: fc.option(fc.array(fc.record({ cpu: quantity, memory: quantity }), { minLength: 1, maxLength: 2 })),
});

test('a filter passes a row exactly when its regex matches the row\'s cells joined, usage included (pods\' real usage columns, any filter)', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  let [words, matched, usageOnly] = [0, 0, 0];
  fc.assert(
    fc.property(fc.uniqueArray(pod, { minLength: 1, maxLength: 6, selector: (p) => p.name }), fc.string({ unit: filterUnit, minLength: 1, maxLength: 5 }), fc.nat(), fc.nat(), fc.boolean(), (pods, typed, at, length, fromRow) => {
      const objects: KubeObject[] = pods.map((p) => ({ metadata: { namespace: 'ns', name: p.name, uid: p.name, creationTimestamp: '2025-12-31T00:00:00Z' }, spec: { containers: [{ name: 'c', resources: { requests: p.requests, limits: p.limits } }] }, status: { phase: p.phase } }));
      const items = pods.flatMap((p) => (p.usage ? [{ metadata: { namespace: 'ns', name: p.name }, containers: p.usage.map((usage, i) => ({ name: `c${i}`, usage })) }] : []));
      const columns = withMetricsColumns(columnsFor('pods'), 'pods', metricsData('pods', items, 1)).filter((c) => c.priority === 0);
      const rows = objects.map((o) => buildRow(o, columns, now));
      const whole = new LiveCells(columns, now);
      // Half the filters are a piece of a row's text, usage included, so that many match.
      const text = whole.text(rows[at % rows.length]);
      const input = fromRow ? text.slice(at % text.length, (at % text.length) + 1 + (length % 6)) : typed;
      let filter: RowFilter | undefined;
      try {
        filter = compileFilter(input);
      } catch (e) {
        if (e instanceof FilterError) return;
        throw e;
      }
      if (!filter?.readsText) return;
      const live = new LiveCells(columns, now);
      for (const row of rows) {
        const expected = filter.test(row, whole.text(row));
        assert.equal(live.matcher(filter)(row), expected, JSON.stringify({ input, text: whole.text(row) }));
        if (filter.word) words++;
        if (expected) matched++;
        if (expected && filter.word && !filter.test(row)) usageOnly++;
      }
    }),
    { numRuns: 5000 },
  );
  // The generators reach what is claimed: plain words, matches, and matches in usage cells alone.
  assert.ok(words > 3000 && matched > 3000 && usageOnly > 200, `${words} words, ${matched} matched, ${usageOnly} in usage alone`);
});
