import assert from 'node:assert/strict';
import { test } from 'node:test';
import { heapSlopeMbPerHour, leastSquaresMbPerHour, soakFailures, soakSummary, soakTable } from './soak-figures.js';
import type { SoakResult, SoakSample } from './soak-session.js';

/** Samples every five minutes from minute 65, the heap given per sample. */
const samples = (heaps: number[]): SoakSample[] =>
  heaps.map((heapMb, i) => ({ minute: 65 + 5 * i, heapMb, handles: 30, sockets: 28, openRequests: 26, cachedObjects: 4000, simEvents: 3832, logLines: 12_000 + 1000 * i }));
const result = (s: SoakSample[]): SoakResult => ({ simulatedMinutes: 120, wallSeconds: 30, frames: 700, samples: s, windowFromMinute: 65, heapMbPerHour: heapSlopeMbPerHour(s) });

test('a steady growth is measured as it is: 0.25 MB every five minutes is 3 MB per hour', () => {
  const s = samples(Array.from({ length: 12 }, (_, i) => 70 + 0.25 * i));
  assert.equal(heapSlopeMbPerHour(s), 3);
  assert.equal(leastSquaresMbPerHour(s), 3);
});

test('one sample 2.6 MB off a level line, at the end, does not make it grow (least squares over five samples: 6.24 MB per hour, past the old bound of 6)', () => {
  const five = samples([70, 70, 70, 70, 72.6]);
  assert.equal(heapSlopeMbPerHour(five), 0);
  assert.equal(leastSquaresMbPerHour(five), 6.24);
  const twelve = samples([...Array(11).fill(70), 72.6]);
  assert.equal(heapSlopeMbPerHour(twelve), 0);
  assert.deepEqual(soakFailures(result(twelve)), []);
});

test('a leak of 20 MB per hour with a spike and a dip in it fails the bound', () => {
  const s = samples(Array.from({ length: 12 }, (_, i) => 70 + (20 / 12) * i + (i === 3 ? 3 : i === 8 ? -3 : 0)));
  assert.equal(heapSlopeMbPerHour(s), 20);
  assert.deepEqual(soakFailures(result(s)), ['the heap grew 20 MB per simulated hour after minute 65 (bound 12)']);
});

test('the report marks the samples measured and gives both slopes', () => {
  const s = samples([69, 70, 70.5]);
  const r = { ...result(s), windowFromMinute: 70 };
  assert.equal(
    soakTable(r),
    [
      'MINUTE  HEAP MB  HANDLES  SOCKETS  OPEN REQUESTS  CACHED  SIM EVENTS  LOG LINES',
      '    65       69       30       28             26    4000        3832      12000',
      '   *70       70       30       28             26    4000        3832      13000',
      '   *75     70.5       30       28             26    4000        3832      14000',
    ].join('\n'),
  );
  assert.equal(soakSummary({ ...r, heapMbPerHour: heapSlopeMbPerHour(s.slice(1)) }), 'heap 6 MB per simulated hour (Theil-Sen; least squares 6) over 2 samples from minute 70, bound 12');
});
