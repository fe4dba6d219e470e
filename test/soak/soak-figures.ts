// What a soak's samples mean: the heap's growth rate after the event lifetime, and the bounds it is held to.
import type { SoakResult, SoakSample } from './soak-session.js';

/**
 * How much the heap after a full collection may grow per simulated hour once the caches that follow
 * events are full (past the simulator's one-hour event lifetime, and the log pane's 10,000 lines full).
 * A healthy session measures 2-4 MB/h over minutes 65-90 (a creep that slows over hours: 2 MB/h over
 * 65-240); keeping every watch event measures 8 MB/h. 6 MB/h passes the first with room for noise and
 * fails the second.
 */
export const HEAP_GROWTH_BOUND_MB_PER_HOUR = 6;
/** Handles and sockets may differ by this much between the first sample after the event lifetime and the last (a watch being re-opened). */
export const HANDLE_SLACK = 4;

/** The least-squares slope of heap against simulated time, in MB per hour. */
export function heapSlopeMbPerHour(samples: readonly SoakSample[]): number {
  const n = samples.length;
  if (n < 2) return NaN;
  const mx = samples.reduce((s, p) => s + p.minute, 0) / n;
  const my = samples.reduce((s, p) => s + p.heapMb, 0) / n;
  const sxy = samples.reduce((s, p) => s + (p.minute - mx) * (p.heapMb - my), 0);
  const sxx = samples.reduce((s, p) => s + (p.minute - mx) ** 2, 0);
  return Math.round((sxy / sxx) * 60 * 100) / 100;
}

/** What exceeded its bound (empty when the soak stayed flat). */
export function soakFailures(r: SoakResult): string[] {
  const window = r.samples.filter((s) => s.minute >= r.windowFromMinute);
  const [first, last] = [window[0], window.at(-1)];
  const failures: string[] = [];
  if (!first || !last || window.length < 3) return [`too few samples after minute ${r.windowFromMinute} (${window.length})`];
  if (!(r.heapMbPerHour < HEAP_GROWTH_BOUND_MB_PER_HOUR)) failures.push(`the heap grew ${r.heapMbPerHour} MB per simulated hour after minute ${r.windowFromMinute} (bound ${HEAP_GROWTH_BOUND_MB_PER_HOUR})`);
  if (last.handles > first.handles + HANDLE_SLACK) failures.push(`active handles ${first.handles} at minute ${first.minute}, ${last.handles} at minute ${last.minute}`);
  if (last.sockets > first.sockets + HANDLE_SLACK) failures.push(`sockets ${first.sockets} at minute ${first.minute}, ${last.sockets} at minute ${last.minute}`);
  return failures;
}

/** The samples as a table for the report. */
export function soakTable(r: SoakResult): string {
  const rows = r.samples.map((s) => [s.minute, s.heapMb, s.handles, s.sockets, s.cachedObjects, s.simEvents, s.logLines].map(String));
  const head = ['MINUTE', 'HEAP MB', 'HANDLES', 'SOCKETS', 'CACHED', 'SIM EVENTS', 'LOG LINES'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((row) => row.map((c, i) => c.padStart(widths[i])).join('  ')).join('\n');
}
