import stringWidth from 'string-width';

/** Display width of text in terminal cells (wide characters count two). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Cuts text to `width` cells, ending in `…` when cut, and pads it to exactly `width`. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const w = stringWidth(text);
  if (w <= width) return text + ' '.repeat(width - w);
  let out = '';
  let used = 0;
  for (const ch of text) {
    const cw = stringWidth(ch);
    if (used + cw > width - 1) break;
    out += ch;
    used += cw;
  }
  return out + '…' + ' '.repeat(Math.max(0, width - used - 1));
}

// Columns that say how an object is (short, and what a glance is for): they keep their width
// longest; long descriptive ones (paths, backends, images...) give way first.
const INFORMATIVE = new Set(['STATUS', 'HEALTH', 'READY', 'RESTARTS', 'AGE', 'LAST SEEN', 'TYPE']);
// Usage columns from metrics.k8s.io (CPU, MEM, %CPU/R, CPU/A...).
const USAGE = /^%?(CPU|MEM)(\/[RLA])?$/;

/**
 * Column widths for the rows on screen, laid out by content: each as wide as its widest cell
 * (capped). When the terminal is narrow the identifying column (NAME, HOST: the first that is not
 * NAMESPACE) keeps the room it needs longest: long descriptive columns give way first, then the
 * extras whole (width 0: not drawn), then the namespace, then the name down to
 * 20, the short informative ones, the name last; columns that still do not fit are dropped from the right.
 */
export function columnWidths(headers: readonly string[], rows: readonly (readonly string[])[], width: number, gap = 2, cap = 48): number[] {
  // A table of one column (a traced route) has the whole width.
  if (headers.length === 1) return [width];
  // A trailing MESSAGE column (events) takes whatever the others leave, at least 24 cells.
  if (headers.length > 1 && headers[headers.length - 1].replace(/[\u2191\u2193]$/, '') === 'MESSAGE') {
    const rest = columnWidths(headers.slice(0, -1), rows, Math.max(12, width - gap - 24), gap, cap);
    const used = rest.reduce((a, b) => a + b, 0) + gap * rest.length;
    return rest.length === headers.length - 1 ? [...rest, Math.max(0, width - used)] : rest;
  }
  const widths = headers.map((h, i) => Math.min(cap, Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? '')))));
  // A column given way entirely has width 0: it is not drawn, nor is its gap.
  const total = () => widths.reduce((a, b) => a + b, 0) + gap * (widths.filter((w) => w > 0).length - 1);
  // Columns are known by kubectl's names, whichever one carries the sort mark.
  const names = headers.map((h) => h.replace(/[\u2191\u2193]$/, ''));
  const nameIndex = names[0] === 'NAMESPACE' && names.length > 1 ? 1 : 0;
  const nsIndex = names.indexOf('NAMESPACE');
  const ageIndex = names.indexOf('AGE');
  const shrink = (i: number, floor: number) => {
    if (total() > width && i >= 0 && i < widths.length) widths[i] = Math.max(Math.min(widths[i], floor), widths[i] - (total() - width));
  };
  const descriptive = (i: number) => i !== nameIndex && i !== nsIndex && !INFORMATIVE.has(names[i]) && widths[i] > 12;
  // Give way in order: the wide extras after AGE (IP, NODE), long descriptive columns from the
  // right, the namespace, the name down to 20, the other columns from the right, the name last.
  for (let i = widths.length - 1; ageIndex >= 0 && i > ageIndex; i--) shrink(i, 12);
  for (let i = widths.length - 1; i >= 0; i--) if (descriptive(i)) shrink(i, 8);
  // Rather than cut the namespace or the name, the extras (what comes after AGE: IPs, nodes;
  // usage figures) go whole, from the right; descriptive columns stay, cut, since they say where
  // a row leads.
  const extra = (i: number) => (ageIndex >= 0 && i > ageIndex) || USAGE.test(names[i]);
  for (let i = widths.length - 1; i >= 0 && total() > width; i--) if (extra(i)) widths[i] = 0;
  shrink(nsIndex, 10);
  shrink(nameIndex, 20);
  for (let i = widths.length - 1; i >= 0; i--) if (i !== nameIndex) shrink(i, 8);
  shrink(nameIndex, 12);
  while (total() > width && widths.length > 1) widths.pop();
  while (widths.length > 1 && widths[widths.length - 1] === 0) widths.pop();
  return widths;
}

/** The first row to show so that the cursor stays visible, scrolling as little as possible. */
export function scrollOffset(cursor: number, previousOffset: number, height: number, count: number): number {
  if (height <= 0) return 0;
  let offset = Math.min(previousOffset, Math.max(0, count - height));
  if (cursor < offset) offset = cursor;
  if (cursor >= offset + height) offset = cursor - height + 1;
  return Math.max(0, offset);
}

/** The header line's labels: the sorted column marked with its direction (`NAME↑`, `AGE↓`); names elsewhere stay as kubectl prints them. */
export function sortedHeaders(headers: readonly string[], sort: { column: number; descending: boolean } | undefined): string[] {
  return headers.map((h, i) => (sort && i === sort.column ? `${h}${sort.descending ? '↓' : '↑'}` : h));
}

/** The breadcrumbs line: a trail too long for the width loses its start (…), never the count and namespace after it. */
export function trailLine(trail: string, after: string, width: number): string {
  const room = width - displayWidth(after);
  if (displayWidth(trail) <= room || room < 12) return trail + after;
  let cut = trail;
  while (cut.length > 1 && displayWidth(cut) > room - 1) cut = cut.slice(1);
  return '…' + cut + after;
}
