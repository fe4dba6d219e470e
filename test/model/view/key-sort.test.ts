import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { sortByKey } from '../../../src/model/view/key-sort.js';
import { collationKey, sortRows, type Row } from '../../../src/model/view/table-rows.js';

const compare = (a: string | number, b: string | number) => (typeof a === 'number' && typeof b === 'number' ? a - b : a < b ? -1 : a > b ? 1 : 0);
// The reference: a stable comparator sort over the items as given.
const reference = <T>(items: T[], key: (t: T) => string | number) => [...items].sort((x, y) => compare(key(x), key(y)));

// Lengths above and below the size where the ranked sort takes over, keys with many ties.
const sizes = fc.integer({ min: 0, max: 1200 });
const numbers = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0, -0, 0.5, -0.25, 1e12, -Infinity, Infinity), fc.double({ noNaN: true }));
const strings = fc.oneof(fc.constantFrom('', 'a', 'ab', 'a\u0000', 'B', 'é', '\u{1F600}', 'z'), fc.string({ maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 3 }));

test('the ranked sort orders as a stable comparator sort: numbers by value, strings by code units, ties as given', () => {
  for (const keys of [numbers, strings]) {
    fc.assert(
      fc.property(sizes.chain((n) => fc.array(keys as fc.Arbitrary<string | number>, { minLength: n, maxLength: n })), (ks) => {
        const items = ks.map((k, i) => ({ k, i }));
        assert.deepEqual(sortByKey(items, (x) => x.k).map((x) => x.i), reference(items, (x) => x.k).map((x) => x.i));
      }),
      { numRuns: 60 },
    );
  }
  // Many distinct numbers (ranks by binary search rather than a map), with -0 and 0 among them.
  fc.assert(
    fc.property(fc.array(fc.oneof({ arbitrary: fc.integer({ min: -1e6, max: 1e6 }).map((x) => x / 8), weight: 9 }, { arbitrary: fc.constantFrom(0, -0, 0.125), weight: 1 }), { minLength: 1500, maxLength: 2500 }), (ks) => {
      const items = ks.map((k, i) => ({ k, i }));
      assert.deepEqual(sortByKey(items, (x) => x.k).map((x) => x.i), reference(items, (x) => x.k).map((x) => x.i));
    }),
    { numRuns: 20 },
  );
  // Mixed kinds, and NaN, fall back to the comparator itself.
  const mixed = Array.from({ length: 600 }, (_, i) => ({ k: i % 3 ? i % 7 : `s${i % 5}`, i }));
  assert.deepEqual(sortByKey(mixed, (x) => x.k).map((x) => x.i), reference(mixed, (x) => x.k).map((x) => x.i));
});

test('a table\'s name order (name, then namespace/name) is the comparator\'s, with names shared across namespaces', () => {
  const name = fc.stringMatching(/^[a-z0-9]([a-z0-9.-]{0,8}[a-z0-9])?$/);
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'ns-2', 'ns-10'), name), { minLength: 250, maxLength: 900 }), (specs) => {
      const rows: Row[] = specs.map(([ns, n], i) => ({ key: `${ns}/${n}`, uid: String(i), object: {}, cells: [], text: '', sortKeys: [collationKey(n), i % 4] }));
      const byComparator = [...rows].sort((x, y) => compare(x.sortKeys[0], y.sortKeys[0]) || compare(x.key, y.key));
      const byName = sortRows(rows, { column: 0, descending: false }, 0);
      assert.deepEqual(byName.map((r) => r.uid), byComparator.map((r) => r.uid));
      const byColumn = [...byComparator].sort((x, y) => compare(x.sortKeys[1], y.sortKeys[1]));
      assert.deepEqual(sortRows(rows, { column: 1, descending: false }, 0, byName).map((r) => r.uid), byColumn.map((r) => r.uid));
    }),
    { numRuns: 40 },
  );
});
