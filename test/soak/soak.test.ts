import assert from 'node:assert/strict';
import { test } from 'node:test';
import { soak } from './soak-session.js';

// The 60-second version of `npm run soak`: ten simulated minutes of churn and rollouts.
test('a 60-second soak: memory and open handles stay flat while the route and its logs follow a churning cluster', { timeout: 180_000 }, async () => {
  const r = await soak(60, 10);
  assert.ok(r.frames > 100, `the screen kept drawing (${r.frames} frames)`);
  assert.ok(r.rssEndMb <= r.rssStartMb * 1.1, `RSS ${r.rssStartMb} MB after the warm-up, ${r.rssEndMb} MB at the end`);
  assert.ok(r.handlesEnd <= r.handlesStart + 4, `open handles ${r.handlesStart} after the warm-up, ${r.handlesEnd} at the end`);
});
