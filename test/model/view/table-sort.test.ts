import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { podColumns } from '../../../src/model/columns/pod-columns.js';
import { buildRows, collationKey, readsClock, sortRows, withFreshClock, type RowCache } from '../../../src/model/view/table-rows.js';

const collator = new Intl.Collator('en', { numeric: true });
const name = fc.stringMatching(/^[a-z0-9]([a-z0-9.-]{0,20}[a-z0-9])?$/);

test('collation keys order Kubernetes names as a numeric collator does (app-2 before app-10)', () => {
  fc.assert(
    fc.property(name, name, (a, b) => {
      const want = Math.sign(collator.compare(a, b));
      // Names a numeric collation calls equal (app-01, app-1) may go either way.
      if (want === 0) return;
      const ka = collationKey(a);
      const kb = collationKey(b);
      assert.equal(ka < kb ? -1 : ka > kb ? 1 : 0, want, `${a} vs ${b}`);
    }),
    { numRuns: 5000 },
  );
  assert.ok(collationKey('app-2') < collationKey('app-10'));
  assert.ok(collationKey('Web-9') < collationKey('web-10'));
});

test('rows are built once per object; the clock cells of the rows on screen are renewed', () => {
  const created = '2026-01-01T00:00:00Z';
  const pod = (n: number, restarts = 0) => ({ metadata: { name: `p-${n}`, namespace: 'ns', uid: `u${n}`, creationTimestamp: created }, status: { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: restarts, state: { running: {} } }] } });
  const a = pod(10);
  const b = pod(2);
  const cache: RowCache = new WeakMap();
  const t0 = Date.parse(created) + 60_000;
  const first = buildRows([a, b], podColumns, t0, cache);
  const b2 = pod(2, 3);
  const second = buildRows([a, b2], podColumns, t0 + 3_600_000, cache);
  assert.equal(second[0], first[0], 'an unchanged object keeps its row');
  assert.notEqual(second[1], first[1], 'a replaced object gets a new row');
  const age = podColumns.findIndex((c) => c.name === 'AGE');
  assert.ok(readsClock(podColumns[age]));
  assert.equal(second[0].cells[age], '60s');
  assert.equal(withFreshClock(second[0], podColumns, t0 + 3_600_000)[age], '61m');
  const nameIndex = podColumns.findIndex((c) => c.name === 'NAME');
  assert.deepEqual(sortRows(second, { column: nameIndex, descending: false }, nameIndex).map((r) => r.object.metadata?.name), ['p-2', 'p-10']);
  assert.deepEqual(sortRows(second, { column: nameIndex, descending: true }, nameIndex).map((r) => r.object.metadata?.name), ['p-10', 'p-2']);
});

test('the table memo reuses what has not changed and nothing else', async () => {
  const { TableMemo } = await import('../../../src/model/view/table-memo.js');
  const memo = new TableMemo();
  const objects = [{ metadata: { name: 'b-10', namespace: 'ns' } }, { metadata: { name: 'b-9', namespace: 'ns' } }];
  const cache = {};
  const narrow = memo.columns('pods|ns', () => podColumns.slice(0, 2));
  const wide = memo.columns('pods|wide', () => [...podColumns]);
  assert.equal(memo.columns('pods|ns', () => []).columns, narrow.columns, 'columns are made once per key');
  const scoped = memo.scoped('pods|*', cache, 1, () => objects);
  assert.equal(memo.scoped('pods|*', cache, 1, () => []), scoped, 'the same cache version gives the same objects');
  assert.notEqual(memo.scoped('pods|*', cache, 2, () => [...objects]), scoped, 'a new version computes them again');
  const a = memo.built(scoped, narrow.columns, narrow.rows, 0);
  assert.equal(a.fresh.length, 2);
  const again = memo.built(scoped, narrow.columns, narrow.rows, 0);
  assert.equal(again.built, a.built);
  assert.equal(again.fresh.length, 0, 'reused rows are not reported as rebuilt');
  const other = memo.built(scoped, wide.columns, wide.rows, 0);
  assert.notEqual(other.built, a.built, 'other columns, other rows');
  assert.equal(other.built[0].cells.length, podColumns.length);
  const sorted = memo.ascending(a.built, 0, 0);
  assert.deepEqual(sorted.map((r) => r.object.metadata?.name), ['b-9', 'b-10']);
  assert.equal(memo.ascending(a.built, 0, 0), sorted);
});

test('sorting name-ordered rows by a column alone gives the full tie-broken order', () => {
  fc.assert(
    fc.property(fc.array(fc.record({ name: name, age: fc.integer({ min: 0, max: 5 }), status: fc.constantFrom('Running', 'Pending', 'Failed') }), { maxLength: 60 }), (specs) => {
      const rows = specs.map((s, i) => ({ key: `ns/${s.name}-${i}`, uid: String(i), object: {}, cells: [], text: '', sortKeys: [collationKey(s.name), s.age, collationKey(s.status)] }));
      const byName = sortRows(rows, { column: 0, descending: false }, 0);
      for (const column of [1, 2]) assert.deepEqual(sortRows(rows, { column, descending: false }, 0, byName), sortRows(rows, { column, descending: false }, 0));
    }),
  );
});

test('re-sorting a view after a watch batch (patched previous order) equals a full sort', async () => {
  const { TableMemo } = await import('../../../src/model/view/table-memo.js');
  const mk = (name: string, age: number, v: number) => ({ key: `ns/${name}`, uid: name, object: { v }, cells: [], text: '', sortKeys: [collationKey(name), age] });
  fc.assert(
    fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 80 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom('update', 'delete', 'add'), fc.integer({ min: 0, max: 9 })), { maxLength: 8 }), (names, ops) => {
      const memo = new TableMemo();
      let rows = names.map((n, i) => mk(n, i % 7, 0));
      for (const column of [0, 1]) {
        let current = rows;
        const first = memo.ascending(current, column, 0, { view: 'v', fresh: current, previousRow: () => undefined });
        assert.deepEqual(first, sortRows(current, { column, descending: false }, 0));
        const previous = new Map<object, (typeof rows)[number]>();
        const fresh: (typeof rows)[number][] = [];
        let next = [...current];
        for (const [at, op, age] of ops) {
          if (op === 'add') {
            const r = mk(`new-${at}-${fresh.length}`, age, 1);
            if (!next.some((x) => x.key === r.key)) (next.push(r), fresh.push(r));
          } else if (next.length > 1) {
            const i = at % next.length;
            if (op === 'delete') next.splice(i, 1);
            else {
              const r = { ...mk(String(next[i].uid), age, 2), key: next[i].key };
              previous.set(r, next[i]);
              next[i] = r;
              fresh.push(r);
            }
          }
        }
        current = next.filter((r) => !fresh.includes(r) || next.includes(r));
        const patched = memo.ascending(current, column, 0, { view: 'v', fresh: fresh.filter((f) => current.includes(f)), previousRow: (r) => previous.get(r) });
        const full = new TableMemo().ascending(current, column, 0);
        assert.deepEqual(patched.map((r) => r.key), full.map((r) => r.key));
      }
      rows = [];
    }),
    { numRuns: 300 },
  );
  // And the patched path is the one taken when a batch changes a few rows of many.
  const memo = new TableMemo();
  const rows = Array.from({ length: 100 }, (_, i) => mk(`pod-${i}`, i % 5, 0));
  memo.ascending(rows, 1, 0, { view: 'v', fresh: rows, previousRow: () => undefined });
  const changed = { ...mk('pod-7', 9, 1) };
  const next = rows.map((r) => (r.key === 'ns/pod-7' ? changed : r));
  const sorted = memo.ascending(next, 1, 0, { view: 'v', fresh: [changed], previousRow: (r) => (r === changed ? rows[7] : undefined) });
  assert.equal(memo.stats.patched, 1);
  assert.equal(sorted.at(-1), changed);
});
