import type { SortSpec } from './table-rows.js';

// A route's verdict sorts by how bad it is: broken hosts come first, ascending.
const VERDICT_RANK: Record<string, number> = { broken: 0, unrouted: 1, degraded: 2, 'loading…': 3, healthy: 4 };

// Durations as kubectl prints them (5s, 3m12s, 2d4h), in seconds, so that AGE sorts by time.
const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, y: 31_536_000 };
function seconds(text: string): number | undefined {
  if (!/^(\d+[smhdy])+$/.test(text)) return undefined;
  let total = 0;
  for (const [, n, u] of text.matchAll(/(\d+)([smhdy])/g)) total += Number(n) * UNIT[u];
  return total;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Compares two cells of the column `header`: verdicts by severity, durations by time, other text naturally (2 before 10). */
export function compareCells(header: string, a: string, b: string): number {
  if (header === 'HEALTH') return (VERDICT_RANK[a] ?? 5) - (VERDICT_RANK[b] ?? 5);
  const x = seconds(a);
  const y = seconds(b);
  if (x !== undefined && y !== undefined) return x - y;
  return collator.compare(a, b);
}

/** Rows of already-rendered cells sorted by a column (ties by the first column, then as they were); descending is ascending reversed. */
export function sortByCells<T extends { cells: readonly string[] }>(rows: readonly T[], headers: readonly string[], sort: SortSpec | undefined): T[] {
  if (!sort || sort.column < 0 || sort.column >= headers.length) return [...rows];
  const c = sort.column;
  const ascending = rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => compareCells(headers[c], x.r.cells[c] ?? '', y.r.cells[c] ?? '') || collator.compare(x.r.cells[0] ?? '', y.r.cells[0] ?? '') || x.i - y.i)
    .map((x) => x.r);
  return sort.descending ? ascending.reverse() : ascending;
}
