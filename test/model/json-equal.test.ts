import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonical } from '../../src/model/canonical-json.js';
import { jsonEqual } from '../../src/model/json-equal.js';

// Values as JSON can and cannot hold them: undefined members, NaN, -0, dates, sparse arrays, numeric keys.
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.constantFrom(undefined, null, true, false, 0, -0, 1, NaN, Infinity, '', 'a', '1', 'b'), fc.date({ noInvalidDate: true }), fc.string({ maxLength: 3 })),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c', '0', '10', '2'), tie('node'), { maxKeys: 4 })),
})).node;

// A copy with its keys in another order, or a member changed, added or dropped: near misses as well as equals.
function variant(v: unknown, seed: number): unknown {
  if (Array.isArray(v)) return v.map((x, i) => variant(x, seed + i));
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const keys = Object.keys(v).reverse();
    const out: Record<string, unknown> = {};
    keys.forEach((k, i) => (out[k] = variant((v as Record<string, unknown>)[k], seed * 7 + i)));
    if (seed % 11 === 3 && keys.length) out[keys[0]] = undefined;
    if (seed % 13 === 5) out.c = null;
    return out;
  }
  return seed % 17 === 4 ? null : v;
}

test('jsonEqual agrees with comparing canonical JSON', () => {
  fc.assert(
    fc.property(value, value, fc.nat(1000), (a, b, seed) => {
      assert.equal(jsonEqual(a, b), canonical(a) === canonical(b));
      const c = variant(a, seed);
      assert.equal(jsonEqual(a, c), canonical(a) === canonical(c), `${canonical(a)} / ${canonical(c)}`);
      assert.equal(jsonEqual(c, a), canonical(a) === canonical(c));
    }),
    { numRuns: 3000 },
  );
});

test('jsonEqual: key order, undefined members and array holes as JSON writes them', () => {
  assert.equal(jsonEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }), true);
  assert.equal(jsonEqual({ a: 1, b: undefined }, { a: 1 }), true);
  assert.equal(jsonEqual({ a: null }, {}), false);
  assert.equal(jsonEqual([undefined], [null]), true);
  assert.equal(jsonEqual([1, 2], [2, 1]), false);
  assert.equal(jsonEqual({ a: [] }, { a: {} }), false);
  assert.equal(jsonEqual({ when: new Date(0) }, { when: '1970-01-01T00:00:00.000Z' }), true);
  assert.equal(jsonEqual({ n: NaN }, { n: null }), true);
});
