import { isObject, text } from '../columns/read.js';
import type { KubeObject } from '../types.js';

/** The annotation `kubectl apply` keeps the applied manifest in: a Secret's `stringData` in clear, its `data` in base64. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * How a Secret's values are written out: `sizes` (the pane's default, `<N bytes>`), `decoded`
 * (the pane after x), `api` (base64 under `data`, as the API returns them: what Ctrl-S saves),
 * `stringData` (decoded under `stringData`, re-appliable: saved only after a second yes).
 */
export type SecretValues = 'sizes' | 'decoded' | 'api' | 'stringData';

/** A data value decoded, or undefined when it is not text (binary stays base64 or a byte count). */
function decodedText(v: unknown): string | undefined {
  const utf8 = Buffer.from(text(v), 'base64').toString('utf8');
  return utf8.includes('\ufffd') ? undefined : utf8;
}

/** `<N bytes>` for every value: base64 in `data` counted decoded, `stringData` as UTF-8. */
function sizes(field: 'data' | 'stringData', d: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, `<${field === 'data' ? Buffer.from(text(v), 'base64').length : Buffer.byteLength(text(v))} bytes>`]));
}

/** The `data` and `stringData` of a Secret as `values` asks; undefined fields are left out. */
export function secretFields(obj: KubeObject, values: SecretValues): { data?: Record<string, unknown>; stringData?: Record<string, unknown> } {
  const data = isObject(obj.data) ? obj.data : undefined;
  const stringData = isObject(obj.stringData) ? obj.stringData : undefined;
  if (values === 'api') return { data, stringData };
  if (values === 'sizes') return { data: data && sizes('data', data), stringData: stringData && sizes('stringData', stringData) };
  const entries = Object.entries(data ?? {}).map(([k, v]) => [k, v, decodedText(v)] as const);
  if (values === 'decoded') return { data: data && Object.fromEntries(entries.map(([k, v, t]) => [k, t ?? `<${Buffer.from(text(v), 'base64').length} bytes of binary data>`])), stringData: stringData && sizes('stringData', stringData) };
  // Text moves to stringData; binary cannot, so it stays base64 under data (the API merges the two).
  const binary = Object.fromEntries(entries.filter(([, , t]) => t === undefined).map(([k, v]) => [k, v]));
  const plain = Object.fromEntries(entries.filter(([, , t]) => t !== undefined).map(([k, , t]) => [k, t]));
  return { data: Object.keys(binary).length ? binary : undefined, stringData: Object.keys(plain).length || stringData ? { ...stringData, ...plain } : undefined };
}

/**
 * A Secret's last-applied-configuration with every `data` and `stringData` value replaced by its
 * size: `kubectl apply` of a manifest with `stringData` leaves the values there in clear.
 */
export function lastAppliedWithoutValues(json: string): string {
  let applied: unknown;
  try {
    applied = JSON.parse(json);
  } catch {
    return `<${json.length} bytes, not JSON: hidden, it may hold the Secret's values>`;
  }
  if (!isObject(applied)) return `<${json.length} bytes: hidden>`;
  const copy: KubeObject = { ...applied };
  for (const field of ['data', 'stringData'] as const) {
    if (field in copy) copy[field] = isObject(copy[field]) ? sizes(field, copy[field]) : '<hidden>';
  }
  return JSON.stringify(copy) + (json.endsWith('\n') ? '\n' : '');
}
