/** Edit distance between two strings (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The candidates closest to `target`, best first: within a third of its length in edits,
 * or sharing its last labels (for hosts: `api.shop.example.com` near `shop.example.com`).
 */
export function nearest(target: string, candidates: Iterable<string>, limit = 3): string[] {
  const t = target.toLowerCase();
  const budget = Math.max(2, Math.floor(t.length / 3));
  const scored: { c: string; d: number }[] = [];
  for (const c of new Set(candidates)) {
    const lc = c.toLowerCase();
    if (lc === t) continue;
    const related = lc.endsWith(`.${t}`) || t.endsWith(`.${lc}`) || (lc.startsWith('*.') && t.endsWith(lc.slice(1)));
    // The distance is at least the difference in length: most candidates need no full computation.
    if (!related && Math.abs(lc.length - t.length) > budget) continue;
    const d = editDistance(t, lc);
    if (d <= budget || related) scored.push({ c, d: related ? Math.min(d, budget) : d });
  }
  return scored.sort((x, y) => x.d - y.d || x.c.localeCompare(y.c)).slice(0, limit).map((s) => s.c);
}
