/**
 * Masks the ages in `kubectl describe` texts so two renderings made at different moments can be
 * compared exactly. Only ages are masked, and only at the columns kubectl's own text has them:
 * the cells under an `Age` column header (Events, a node's pods) and the duration in
 * `Terminating (lasts …)`. The same columns are blanked in both texts with placeholders of the
 * same width, so a cell that is wider or narrower on one side, or any shifted column, still
 * shows as a difference.
 */

/** Columns `[start, end)` of a text's age cells. */
export interface AgeColumns {
  /** Per `Age` table, in order: where its Age column is. */
  tables: { start: number; end: number }[];
  /** Per `Terminating (lasts …)` line, in order: where the duration is. */
  lasts: { start: number; end: number }[];
}

const indentOf = (l: string) => l.length - l.trimStart().length;
const LASTS = /Terminating \(lasts ([^)]*)\)/;
const RULE = /^\s*-+(\s+-+)*\s*$/;

/** The line indexes of the `Age` table headers of a text (a header with an `Age` cell, dashes below), with the Age cell's start. */
function ageHeaders(lines: readonly string[]): { line: number; start: number; end: number }[] {
  const out: { line: number; start: number; end: number }[] = [];
  lines.forEach((header, i) => {
    const age = /(^|\s{2})(Age)(\s{2}|$)/.exec(header.trimEnd());
    if (!age || !RULE.test(lines[i + 1] ?? '')) return;
    const start = age.index + age[1].length;
    const next = /\S/.exec(header.slice(start + 3));
    out.push({ line: i, start, end: next ? start + 3 + next.index : Infinity });
  });
  return out;
}

/** Where kubectl's text has its ages. */
export function ageColumns(kubectl: string): AgeColumns {
  const lines = kubectl.split('\n');
  const lasts = lines.map((l) => LASTS.exec(l)).filter((m) => m !== null).map((m) => ({ start: m.index + 'Terminating (lasts '.length, end: m.index + 'Terminating (lasts '.length + m[1].length }));
  return { tables: ageHeaders(lines).map(({ start, end }) => ({ start, end })), lasts };
}

const blank = (line: string, start: number, end: number) => {
  const l = line.padEnd(start, ' ');
  const stop = Math.min(end, Math.max(l.length, start));
  return l.slice(0, start) + '~'.repeat(stop - start) + l.slice(stop);
};

/**
 * A text with kubectl's age columns blanked with `~`: the rows of its n-th Age table at
 * kubectl's n-th table's columns, its n-th `Terminating (lasts …)` at kubectl's n-th.
 */
export function maskAgeColumns(text: string, columns: AgeColumns): string {
  return mapAgeCells(text, columns, blank);
}

/** The texts at kubectl's age columns of a text (trimmed), in order: what the masks hide. */
export function ageCells(text: string, columns: AgeColumns): string[] {
  const cells: string[] = [];
  mapAgeCells(text, columns, (line, start, end) => {
    cells.push(line.slice(start, end).trim());
    return line;
  });
  return cells;
}

function mapAgeCells(text: string, columns: AgeColumns, f: (line: string, start: number, end: number) => string): string {
  const lines = text.split('\n');
  ageHeaders(lines).forEach(({ line }, n) => {
    const col = columns.tables[n];
    if (!col) return;
    const indent = indentOf(lines[line]);
    for (let r = line + 2; r < lines.length && lines[r].trim() !== '' && indentOf(lines[r]) >= indent; r++) lines[r] = f(lines[r], col.start, col.end);
  });
  let n = 0;
  lines.forEach((l, i) => {
    const col = LASTS.test(l) ? columns.lasts[n++] : undefined;
    if (col) lines[i] = f(l, col.start, col.end);
  });
  return lines.join('\n');
}

/** Both texts with the ages masked at kubectl's columns: `[ours, kubectl]`. */
export function maskAges(ours: string, kubectl: string): [string, string] {
  const columns = ageColumns(kubectl);
  return [maskAgeColumns(ours, columns), maskAgeColumns(kubectl, columns)];
}

/**
 * The moment in `[from, to]` (tried every `step` ms) at which a rendering's ages are the ages
 * kubectl printed, at kubectl's columns; `undefined` when there is none. A text without ages
 * matches at `from`. This is how a rendering is made "at the moment kubectl ran".
 */
export function momentOfAges(kubectl: string, render: (now: number) => string, from: number, to: number, step = 1000): number | undefined {
  const columns = ageColumns(kubectl);
  const want = ageCells(kubectl, columns);
  if (!want.length) return from;
  for (let now = from; now <= to; now += step) {
    const got = ageCells(render(now), columns);
    if (got.length === want.length && got.every((c, i) => c === want[i])) return now;
  }
  return undefined;
}
