import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mostRecentMissed, nextSchedule } from '../../../src/sim/controllers/cronjob-controller.js';

const T0 = Date.parse('2026-03-07T22:13:41Z');

// The latest firing in (after, now], found one nextSchedule at a time: what mostRecentMissed steps through in one parse.
function stepped(schedule: string, after: number, now: number, tz?: string): number | undefined {
  let latest: number | undefined;
  for (let t = after, n = nextSchedule(schedule, t, tz); n !== undefined && n <= now; t = n, n = nextSchedule(schedule, t, tz)) latest = n;
  return latest;
}

test('the most recent missed firing is the last of the firings stepped one at a time', () => {
  for (const schedule of ['*/5 * * * *', '0 3 * * *', '30 */2 * * 1-5', '0 0 1 * *'])
    for (const tz of [undefined, 'UTC', 'Etc/UTC', 'Asia/Jakarta', 'America/New_York'])
      for (const span of [0, 59_000, 300_000, 3_600_000, 86_400_000]) {
        assert.equal(mostRecentMissed(schedule, T0, T0 + span, tz), stepped(schedule, T0, T0 + span, tz), `${schedule} ${tz} +${span}`);
      }
});

test('Etc/UTC fires as UTC; a missed run older than the deadline is not started; a bad schedule has none', () => {
  assert.equal(nextSchedule('*/5 * * * *', T0, 'Etc/UTC'), Date.parse('2026-03-07T22:15:00Z'));
  assert.equal(nextSchedule('0 3 * * *', T0, 'Etc/UTC'), Date.parse('2026-03-08T03:00:00Z'));
  assert.equal(nextSchedule('0 3 * * *', T0, 'Asia/Jakarta'), Date.parse('2026-03-07T20:00:00Z') + 86_400_000);
  assert.equal(mostRecentMissed('*/5 * * * *', T0, T0 + 600_000, 'Etc/UTC'), Date.parse('2026-03-07T22:20:00Z'));
  assert.equal(mostRecentMissed('*/5 * * * *', T0, T0 + 600_000, undefined, 60), undefined);
  assert.equal(mostRecentMissed('*/5 * * * *', T0, T0 + 600_000, undefined, 300), Date.parse('2026-03-07T22:20:00Z'));
  assert.equal(mostRecentMissed('not a schedule', T0, T0 + 600_000), undefined);
  assert.equal(nextSchedule('not a schedule', T0), undefined);
});
