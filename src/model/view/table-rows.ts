import type { Column, ColumnSet } from '../columns/column.js';
import { sanitize } from '../sanitize.js';
import type { KubeObject } from '../types.js';

/** One table row: the object, its sanitised cells, and the keys it sorts by. */
export interface Row {
  key: string;
  uid: string;
  object: KubeObject;
  cells: string[];
  /** The cells joined by newlines, for filtering with one multiline regex test per row. */
  text: string;
  sortKeys: (string | number)[];
}

/** How the table is sorted: a column index and a direction. */
export interface SortSpec {
  column: number;
  descending: boolean;
}

/** The NAMESPACE column kubectl adds with `-A`. */
export const namespaceColumn: Column = {
  name: 'NAMESPACE',
  type: 'string',
  priority: 0,
  text: (o) => String(o?.metadata?.namespace ?? ''),
};

/** The columns a table shows: NAMESPACE when all namespaces are shown, wide columns when asked. */
export function visibleColumns(set: ColumnSet, allNamespaces: boolean, wide: boolean | ((c: Column) => boolean)): Column[] {
  const include = (c: Column) => c.priority === 0 || (typeof wide === 'function' ? wide(c) : wide);
  return [...(allNamespaces ? [namespaceColumn] : []), ...set.filter(include)];
}

function safeCell(c: Column, o: KubeObject, now: number): string {
  try {
    return sanitize(c.text(o, now), true);
  } catch {
    return '<unknown>';
  }
}

function safeSort(c: Column, o: KubeObject, now: number, text: string): string | number {
  if (!c.sort) return text;
  try {
    return c.sort(o, now);
  } catch {
    return text;
  }
}

/** Builds rows for objects; each object is read once per call. */
export function buildRows(objects: readonly KubeObject[], columns: readonly Column[], now: number): Row[] {
  return objects.map((o) => {
    const cells = columns.map((c) => safeCell(c, o, now));
    return {
      key: `${o?.metadata?.namespace ?? ''}/${o?.metadata?.name ?? ''}`,
      uid: String(o?.metadata?.uid ?? `${o?.metadata?.namespace}/${o?.metadata?.name}`),
      object: o,
      cells,
      text: cells.join('\n'),
      sortKeys: columns.map((c, i) => safeSort(c, o, now, cells[i])),
    };
  });
}

const collator = new Intl.Collator('en', { numeric: true });

/** Sorts rows by a column with its typed key (ages by timestamp, counts numerically), name as tie-break. */
export function sortRows(rows: Row[], spec: SortSpec, nameColumn: number): Row[] {
  const dir = spec.descending ? -1 : 1;
  const cmp = (a: string | number, b: string | number) => (typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b)));
  return [...rows].sort((x, y) => cmp(x.sortKeys[spec.column], y.sortKeys[spec.column]) * dir || cmp(x.sortKeys[nameColumn], y.sortKeys[nameColumn]) || collator.compare(x.key, y.key));
}
