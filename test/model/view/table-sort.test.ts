import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { podColumns } from '../../../src/model/columns/pod-columns.js';
import { buildRows, collationKey, readsClock, sortRows, withFreshClock, type RowCache } from '../../../src/model/view/table-rows.js';

const collator = new Intl.Collator('en', { numeric: true });
// Columns of the memo tests: NAME, then numbers read from the object.
const NAME_COLUMN = { name: 'NAME', type: 'string' as const, priority: 0 as const, text: (o: { metadata: { name: string } }) => o.metadata.name };
const numberColumn = <T>(name: string, n: (o: T) => number) => ({ name, type: 'number' as const, priority: 0 as const, text: (o: T) => String(n(o)), sort: n });
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
  type Obj = { metadata: { name: string; namespace: string }; n: number };
  const columns = [
    NAME_COLUMN,
    numberColumn('N', (o: Obj) => o.n),
  ] as unknown as import('../../../src/model/columns/column.js').Column[];
  const obj = (n: string, v: number): Obj => ({ metadata: { name: n, namespace: 'ns' }, n: v });
  const run = (names: string[], ops: [number, string, number][], memo: InstanceType<typeof TableMemo>) => {
    const rowCache: RowCache = new WeakMap();
    const previous = new Map<object, object>();
    const previousRow = (r: { object: object }) => {
      const p = previous.get(r.object);
      return p ? rowCache.get(p) : undefined;
    };
    let objects = names.map((n, i) => obj(n, i % 7));
    for (const column of [0, 1]) {
      const a = memo.built(objects, columns, rowCache, 0);
      memo.ascending(a.built, column, 0, { view: 'v', fresh: a.fresh, previousRow });
      const next = [...objects];
      for (const [at, op, v] of ops) {
        if (op === 'add') {
          if (!next.some((o) => o.metadata.name === `new-${at}`)) next.push(obj(`new-${at}`, v));
        } else if (next.length > 1) {
          const i = at % next.length;
          if (op === 'delete') next.splice(i, 1);
          else {
            const o = obj(next[i].metadata.name, v);
            previous.set(o, next[i]);
            next[i] = o;
          }
        }
      }
      objects = next;
      const b = memo.built(objects, columns, rowCache, 0);
      const patched = memo.ascending(b.built, column, 0, { view: 'v', fresh: b.fresh, previousRow });
      assert.deepEqual(patched.map((r) => r.key), sortRows(b.built, { column, descending: false }, 0).map((r) => r.key));
    }
  };
  const memo = new TableMemo();
  fc.assert(
    fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 80 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom('update', 'delete', 'add'), fc.integer({ min: 0, max: 9 })), { maxLength: 8 }), (names, ops) => run(names, ops, memo)),
    { numRuns: 300 },
  );
  // And the patched path is the one taken when a batch changes a few rows of many.
  assert.ok(memo.stats.patched > 100, JSON.stringify(memo.stats));
});

test('after a watch batch every column\'s order of the new build is patched from its own last order, not sorted again', async () => {
  const { TableMemo } = await import('../../../src/model/view/table-memo.js');
  type Obj = { metadata: { name: string; namespace: string }; n: number; i: number };
  // NAME and eleven more columns, as many as a wide pods table has: each keeps its own last order.
  const columns = [
    NAME_COLUMN,
    numberColumn('N', (o: Obj) => o.n),
    ...Array.from({ length: 10 }, (_, k) => numberColumn(`M${k}`, (o: Obj) => (o.i * (k + 3)) % 11)),
  ] as unknown as import('../../../src/model/columns/column.js').Column[];
  const all = columns.map((_, c) => c);
  const obj = (i: number, n: number): Obj => ({ metadata: { name: `p-${String(i).padStart(3, '0')}`, namespace: 'ns' }, n, i });
  const memo = new TableMemo();
  const rowCache: RowCache = new WeakMap();
  const previous = new Map<object, object>();
  const previousRow = (r: { object: object }) => rowCache.get(previous.get(r.object)!);
  let objects = Array.from({ length: 100 }, (_, i) => obj(i, i % 5));
  const a = memo.built(objects, columns, rowCache, 0);
  for (const column of all) memo.ascending(a.built, column, 0, { view: 'v', fresh: a.fresh, previousRow });
  // A batch: three objects replaced, one added.
  objects = objects.map((o, i) => (i % 40 === 3 ? (previous.set(obj(i, 9), o), [...previous.keys()].at(-1) as Obj) : o)).concat(obj(100, 2));
  const b = memo.built(objects, columns, rowCache, 0);
  const before = { ...memo.stats };
  for (const column of all) {
    const patched = memo.ascending(b.built, column, 0, { view: 'v', fresh: b.fresh, previousRow });
    assert.deepEqual(patched.map((r) => r.key), sortRows(b.built, { column, descending: false }, 0).map((r) => r.key), `column ${column}`);
  }
  assert.deepEqual([memo.stats.patched - before.patched, memo.stats.full - before.full], [all.length, 0], 'orders patched, sorted from scratch');
});

test('the table memo forgets the view used longest ago, not the one made first (all namespaces, then one, back and forth)', async () => {
  const { TableMemo } = await import('../../../src/model/view/table-memo.js');
  const memo = new TableMemo(2);
  const cache = {};
  const all = memo.scoped('pods|*', cache, 1, () => [{ metadata: { name: 'a' } }]);
  for (const ns of ['x', 'y', 'z']) {
    memo.scoped(`pods|${ns}`, cache, 1, () => []);
    assert.equal(memo.scoped('pods|*', cache, 1, () => []), all, `all namespaces again after ${ns}`);
  }
  const set = memo.columns('pods|all', () => podColumns.slice(0, 2));
  for (const ns of ['x', 'y', 'z']) {
    memo.columns(`pods|${ns}`, () => podColumns.slice(0, 1));
    assert.equal(memo.columns('pods|all', () => []), set, `the same columns and rows after ${ns}`);
  }
});

test('over several batches, with the sorted column patched every batch and each other column only now and then (idle work cut short by the next batch), every order equals a full sort', async () => {
  const { TableMemo } = await import('../../../src/model/view/table-memo.js');
  type Obj = { metadata: { name: string; namespace: string }; n: number; m: number };
  const columns = [
    NAME_COLUMN,
    numberColumn('N', (o: Obj) => o.n),
    numberColumn('M', (o: Obj) => o.m),
  ] as unknown as import('../../../src/model/columns/column.js').Column[];
  const obj = (name: string, n: number, m: number): Obj => ({ metadata: { name, namespace: 'ns' }, n, m });
  // A batch: objects updated (in N, in M, or in neither), deleted, added; then which columns are patched after it.
  const op = fc.tuple(fc.nat(), fc.constantFrom('n', 'm', 'same', 'delete', 'add'), fc.integer({ min: 0, max: 4 }));
  const batch = fc.record({ ops: fc.array(op, { minLength: 1, maxLength: 3 }), patched: fc.subarray([0, 1, 2]) });
  const memo = new TableMemo();
  let runs = 0;
  fc.assert(
    fc.property(fc.uniqueArray(name, { minLength: 12, maxLength: 40 }), fc.constantFrom(0, 1, 2), fc.array(batch, { minLength: 2, maxLength: 6 }), (names, shown, batches) => {
      const view = `v${runs++}`;
      const rowCache: RowCache = new WeakMap();
      const previous = new Map<object, object>();
      const previousRow = (r: { object: object }) => rowCache.get(previous.get(r.object)!);
      let objects = names.map((n, i) => obj(n, i % 3, i % 4));
      const first = memo.built(objects, columns, rowCache, 0);
      for (const c of [0, 1, 2]) memo.ascending(first.built, c, 0, { view, fresh: first.fresh, previousRow });
      for (const { ops, patched } of batches) {
        const next = [...objects];
        for (const [at, what, v] of ops) {
          const i = at % next.length;
          if (what === 'add') next.push(obj(`new-${at}-${v}`, v, v));
          else if (what === 'delete' && next.length > 1) next.splice(i, 1);
          else if (what !== 'delete') {
            const o = next[i];
            const o2 = obj(o.metadata.name, what === 'n' ? v : o.n, what === 'm' ? v : o.m);
            previous.set(o2, o);
            next[i] = o2;
          }
        }
        objects = next.filter((o, i) => next.findIndex((p) => p.metadata.name === o.metadata.name) === i);
        const b = memo.built(objects, columns, rowCache, 0);
        const change = { view, fresh: b.fresh, previousRow };
        for (const c of new Set([shown, ...patched])) {
          const order = memo.ascending(b.built, c, 0, change);
          assert.deepEqual(order.map((r) => r.key), sortRows(b.built, { column: c, descending: false }, 0).map((r) => r.key), `column ${c}`);
        }
      }
    }),
    { numRuns: 2000 },
  );
  assert.ok(memo.stats.patched > 4000, JSON.stringify(memo.stats));
});
