import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LogBuffer, stampTime } from '../../src/model/log-buffer.js';

const at = (s: number, frac = '') => `2026-11-28T17:50:${String(s).padStart(2, '0')}${frac}Z`;

test('stamps read as times, below the millisecond too; no stamp is NaN', () => {
  assert.equal(stampTime(at(58)), Date.parse('2026-11-28T17:50:58Z'));
  assert.ok(stampTime(at(58, '.123457')) > stampTime(at(58, '.123456')));
  assert.ok(stampTime(at(58, '.5')) > stampTime(at(58, '.123456789')));
  assert.ok(Number.isNaN(stampTime(undefined)));
  assert.ok(Number.isNaN(stampTime('yesterday')));
});

test('backlogs that come pod by pod are merged in time order (issue 21 #4)', () => {
  const b = new LogBuffer(100);
  // Each pod's backlog arrives whole, its own lines in order, the pods' times interleaved.
  for (const [pod, secs] of [['a', [50, 55, 59]], ['b', [51, 58]], ['c', [52, 53, 57]]] as const) for (const s of secs) b.insert(`${pod} │ ${s}`, at(s));
  assert.deepEqual(b.lines(), ['a │ 50', 'b │ 51', 'c │ 52', 'c │ 53', 'a │ 55', 'c │ 57', 'b │ 58', 'a │ 59']);
  // Live lines: at the end as they come; a late one where its stamp puts it.
  b.insert('b │ 59 live', at(59));
  b.insert('c │ 56 late', at(56));
  assert.deepEqual(b.lines().slice(-5), ['c │ 56 late', 'c │ 57', 'b │ 58', 'a │ 59', 'b │ 59 live']);
  assert.deepEqual(b.lines(true).slice(0, 2), [`${at(50)} a │ 50`, `${at(51)} b │ 51`]);
});

test('a line without a stamp is a fence: appended, and nothing older moves above it', () => {
  const b = new LogBuffer(10);
  b.insert('a │ 50', at(50));
  b.insert('a │ -- gone');
  b.insert('b │ 40', at(40));
  assert.deepEqual(b.lines(), ['a │ 50', 'a │ -- gone', 'b │ 40']);
});

test('full: the oldest line makes room, and a line older than all there is is not kept', () => {
  const b = new LogBuffer(3);
  for (const s of [10, 20, 30]) b.insert(`x ${s}`, at(s));
  b.insert('x 25', at(25));
  assert.deepEqual(b.lines(), ['x 20', 'x 25', 'x 30']);
  b.insert('x 5', at(5));
  assert.deepEqual(b.lines(), ['x 20', 'x 25', 'x 30']);
  // 10 made room for 25; 5 was older than all there was.
  assert.equal(b.dropped, 2);
});

test('any arrival order of stamped lines ends sorted by time, ties in arrival order', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 59 }), fc.constantFrom('', '.5', '.25')), { maxLength: 60 }), (xs) => {
      const b = new LogBuffer(100);
      xs.forEach(([s, f], i) => b.insert(`${i}`, at(s, f)));
      const expected = xs.map(([s, f], i) => ({ t: stampTime(at(s, f)), i })).sort((x, y) => x.t - y.t || x.i - y.i).map((x) => `${x.i}`);
      assert.deepEqual(b.lines(), expected);
    }),
  );
});
