import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Column } from '../../../src/model/columns/column.js';
import { LiveCells } from '../../../src/model/view/live-cells.js';
import { compileFilter } from '../../../src/model/view/row-filter.js';
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
const kept = (filter: string, live: LiveCells) => rows.filter((r) => live.passes(r, compileFilter(filter)!)).map((r) => r.key);

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
  const kept = (filter: string) => rows.filter((r) => live.passes(r, compileFilter(filter)!)).map((r) => r.key);
  usageReads = 0;
  assert.deepEqual(kept('db'), ['/db-0']);
  assert.deepEqual(kept('Pending'), ['/web-1']);
  assert.equal(usageReads, 0, 'usage made');
  assert.deepEqual(kept('250M'), ['/web-0', '/db-0'], 'a figure, in the other case');
  assert.deepEqual(kept('3m'), ['/web-1']);
  assert.ok(usageReads > 0);
});
