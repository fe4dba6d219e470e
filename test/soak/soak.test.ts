// Imported first: the soak measures React's production build, as the shipped bundle runs it.
import './production-mode.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HEAP_GROWTH_BOUND_MB_PER_HOUR, soakFailures, soakSummary, soakTable } from './soak-figures.js';
import { soak } from './soak-session.js';

// The short version of `npm run soak`: two simulated hours on the manual clock (some 30 s of wall
// time), past the simulator's one-hour event lifetime, so the caches that follow events are full and
// the heap is measured, over an hour of samples, while it should stay level.
test(`a two-hour soak: after the event lifetime the heap after a full collection grows less than ${HEAP_GROWTH_BOUND_MB_PER_HOUR} MB per simulated hour, handles and sockets stay level`, { timeout: 300_000 }, async () => {
  const r = await soak(120);
  assert.ok(r.frames > 100, `the screen kept drawing (${r.frames} frames)`);
  assert.deepEqual(soakFailures(r), [], `\n${soakTable(r)}\n${soakSummary(r)}`);
});
