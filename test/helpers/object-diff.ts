/** One field where two objects differ: its path and both values as JSON (`undefined` when missing). */
export type FieldDiff = string;

const show = (v: unknown) => (v === undefined ? 'undefined' : JSON.stringify(v));

/** Every leaf where `want` and `got` differ, as `path: want → got`, in path order. */
export function fieldDiffs(want: unknown, got: unknown, path = ''): FieldDiff[] {
  if (Array.isArray(want) && Array.isArray(got)) {
    if (want.length !== got.length) return [`${path}: ${show(want)} → ${show(got)}`];
    return want.flatMap((w, i) => fieldDiffs(w, got[i], `${path}[${i}]`));
  }
  const isObj = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);
  if (isObj(want) && isObj(got)) {
    const w = want as Record<string, unknown>;
    const g = got as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(w), ...Object.keys(g)])].sort();
    return keys.flatMap((k) => fieldDiffs(w[k], g[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(want) === JSON.stringify(got) ? [] : [`${path}: ${show(want)} → ${show(got)}`];
}

/** Deletes the field at a dotted path (`metadata.annotations.a/b` keys may hold dots after the second part). */
export function dropPath(obj: Record<string, any>, path: string[]): void {
  let at: any = obj;
  for (const p of path.slice(0, -1)) {
    if (!at || typeof at !== 'object') return;
    at = at[p];
  }
  if (at && typeof at === 'object') delete at[path[path.length - 1]];
}
