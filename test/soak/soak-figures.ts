// What a soak's samples mean: the heap's growth rate after the event lifetime, and the bounds it is held to.
import type { SoakResult, SoakSample } from './soak-session.js';

/**
 * How much the heap after a full collection may grow per simulated hour once the caches that follow
 * events are full (past the simulator's one-hour event lifetime, and the log pane's 10,000 lines full):
 * the Theil-Sen slope (heapSlopeMbPerHour) of the twelve samples over minutes 65-120, with the soak's
 * extra rollouts (sim-process.ts). Measured on 2 shared cores: healthy 3.6, 4.24, 4.04, 3.6, 3.6 MB/h,
 * and beside a CPU hog 4.13, 4.8; with every watch change kept (a leak put in src/kube/watch-cache.ts
 * on purpose) 28.2, 27.76, 28.32, and beside a CPU hog 28.8. 12 MB/h is 2.5 times the highest healthy
 * figure and under half the lowest leaking one. (The healthy creep is bounded caches filling: Ink's
 * finished rows and styled lines, 10,000 each, and the watch caches' shared strings.)
 */
export const HEAP_GROWTH_BOUND_MB_PER_HOUR = 12;
/** Handles and sockets may differ by this much between the first sample after the event lifetime and the last (a watch being re-opened). */
export const HANDLE_SLACK = 4;

const mbPerHour = (dMb: number, dMinutes: number) => (dMb / dMinutes) * 60;
const rounded = (v: number) => Math.round(v * 100) / 100;
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/**
 * The heap's growth in MB per simulated hour: the Theil-Sen estimate, the median of the slopes
 * between every pair of samples. One sample off its line (a collection that ran beside a burst of
 * work) moves a least-squares slope over a few samples by megabytes an hour; it moves a median of
 * pairwise slopes by almost nothing, while a steady growth sets every pair's slope.
 */
export function heapSlopeMbPerHour(samples: readonly SoakSample[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      if (samples[j].minute !== samples[i].minute) slopes.push(mbPerHour(samples[j].heapMb - samples[i].heapMb, samples[j].minute - samples[i].minute));
    }
  }
  return slopes.length ? rounded(median(slopes)) : NaN;
}

/** The least-squares slope of heap against simulated time, in MB per hour (reported beside the Theil-Sen one, not held to a bound). */
export function leastSquaresMbPerHour(samples: readonly SoakSample[]): number {
  const n = samples.length;
  if (n < 2) return NaN;
  const mx = samples.reduce((s, p) => s + p.minute, 0) / n;
  const my = samples.reduce((s, p) => s + p.heapMb, 0) / n;
  const sxy = samples.reduce((s, p) => s + (p.minute - mx) * (p.heapMb - my), 0);
  const sxx = samples.reduce((s, p) => s + (p.minute - mx) ** 2, 0);
  return rounded(mbPerHour(sxy, sxx));
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

/** The samples as a table for the report; `*` marks those the growth is measured over. */
export function soakTable(r: SoakResult): string {
  const rows = r.samples.map((s) =>
    [`${s.minute >= r.windowFromMinute ? '*' : ''}${s.minute}`, s.heapMb, s.handles, s.sockets, s.openRequests, s.cachedObjects, s.simEvents, s.logLines].map(String),
  );
  const head = ['MINUTE', 'HEAP MB', 'HANDLES', 'SOCKETS', 'OPEN REQUESTS', 'CACHED', 'SIM EVENTS', 'LOG LINES'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((row) => row.map((c, i) => c.padStart(widths[i])).join('  ')).join('\n');
}

/** The growth figures in a line: Theil-Sen (held to the bound) and least squares (for comparison). */
export function soakSummary(r: SoakResult): string {
  const window = r.samples.filter((s) => s.minute >= r.windowFromMinute);
  return `heap ${r.heapMbPerHour} MB per simulated hour (Theil-Sen; least squares ${leastSquaresMbPerHour(window)}) over ${window.length} samples from minute ${r.windowFromMinute}, bound ${HEAP_GROWTH_BOUND_MB_PER_HOUR}`;
}
