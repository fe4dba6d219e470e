/**
 * Defensive readers for untrusted API JSON, and the label/selector/container
 * formatting helpers kubectl's printers share.
 *
 * Every reader accepts `unknown` and falls back to Go's zero value ("" / 0 / [] /
 * {}) when a field is missing or of the wrong type, so column code never throws.
 */

/** A decoded JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether `value` is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` below `value` (own properties only), or `undefined` if any step is missing. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[key];
    } else {
      if (!isObject(current) || !Object.hasOwn(current, key)) return undefined;
      current = current[key];
    }
  }
  return current;
}

/** Whether a pointer-like field is set (present and not null), as Go's `!= nil`. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** `value` if it is a string, else "". */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Any value as text, never throwing: strings as they are, other values as JSON (objects without a prototype included). */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '<unprintable>';
  }
}

/** `value` truncated to an integer if it is a finite number, else 0. */
export function int(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0;
}

/** `value` if it is an array, else []. */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `value` if it is an object, else {}. */
export function obj(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

/** metadata.name of an object, or "". */
export function nameOf(o: unknown): string {
  return str(at(o, 'metadata', 'name'));
}

/** A resource.Quantity as kubectl prints it: the serialised string; "<nil>" when absent. */
export function quantity(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '<nil>';
}

/** labels.Set(map).String(): sorted "k=v" pairs joined by ","; "" when empty. */
export function labelsString(map: unknown): string {
  return Object.entries(obj(map))
    .map(([k, v]) => `${k}=${str(v)}`)
    .sort()
    .join(',');
}

/** labels.FormatLabels: like labelsString but "<none>" when empty. */
export function formatLabels(map: unknown): string {
  return labelsString(map) || '<none>';
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key, e.g.
 * "app=web,tier in (a,b),!legacy"; "" for a nil or empty selector; `undefined`
 * when the selector is invalid (unknown operator, bad value count).
 */
export function labelSelectorString(selector: unknown): string | undefined {
  if (!isSet(selector)) return '';
  if (!isObject(selector)) return undefined;
  const reqs: { key: string; text: string }[] = [];
  const matchLabels = selector.matchLabels;
  if (isSet(matchLabels) && !isObject(matchLabels)) return undefined;
  for (const [key, value] of Object.entries(obj(matchLabels))) {
    if (key === '' || typeof value !== 'string') return undefined;
    reqs.push({ key, text: `${key}=${value}` });
  }
  for (const expr of list(selector.matchExpressions)) {
    const key = str(at(expr, 'key'));
    const values = list(at(expr, 'values'));
    if (key === '' || !values.every((v) => typeof v === 'string')) return undefined;
    const sorted = (values as string[]).slice().sort().join(',');
    switch (at(expr, 'operator')) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return undefined;
        reqs.push({ key, text: `${key} ${at(expr, 'operator') === 'In' ? 'in' : 'notin'} (${sorted})` });
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length !== 0) return undefined;
        reqs.push({ key, text: at(expr, 'operator') === 'Exists' ? key : `!${key}` });
        break;
      default:
        return undefined;
    }
  }
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: the selector string, "<none>" when empty, "<error>" when invalid. */
export function formatLabelSelector(selector: unknown): string {
  const text = labelSelectorString(selector);
  if (text === undefined) return '<error>';
  return text || '<none>';
}

/** layoutContainerCells: container names and images, each joined by ",". */
export function containerCells(containers: unknown): { names: string; images: string } {
  const items = list(containers);
  return {
    names: items.map((c) => str(at(c, 'name'))).join(','),
    images: items.map((c) => str(at(c, 'image'))).join(','),
  };
}

/** Joins up to `max` items, then "<first max> + N more..." as kubectl's list formatters do. */
export function listWithMore(items: readonly string[], total: number, max: number, empty: string): string {
  const shown = items.slice(0, max).join(',');
  if (total > max) return `${shown} + ${total - max} more...`;
  return shown === '' ? empty : shown;
}
