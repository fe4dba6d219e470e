import { text } from '../columns/read.js';
import type { KubeObject } from '../types.js';
import { writeAnnotations, writeEvents, writeLabels, type DescribeContext, type DescribeWriter } from './describe-writer.js';

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** A field name as kubectl's generic describe labels it: `apiVersion` → `API Version`, `podIP` → `Pod IP`. */
export function smartLabel(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  // Splits as the camelcase package does: at lower→upper changes, and before the last capital of a run of capitals.
  const parts = field.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|-+/g) ?? [field];
  return parts.map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1))).join(' ');
}

// What the head already shows, and what describe never shows.
const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);

const scalar = (v: unknown): string => (v === null || v === undefined ? '<nil>' : text(v));

function writeContent(w: DescribeWriter, level: number, content: Record<string, unknown>, path: string): void {
  for (const field of Object.keys(content).sort()) {
    const at = `${path}.${field}`;
    if (SKIP.has(at)) continue;
    const value = content[field];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      w.line(level, `${smartLabel(field)}:`);
      writeContent(w, level + 1, value as Record<string, unknown>, at);
    } else if (Array.isArray(value)) {
      w.line(level, `${smartLabel(field)}:`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) writeContent(w, level + 1, child as Record<string, unknown>, at);
        else w.line(level + 1, scalar(child));
      }
    } else {
      w.line(level, `${smartLabel(field)}:`, scalar(value));
    }
  }
}

/** kubectl's generic describe (Events, custom resources, any kind without its own): every field, labelled, sorted. */
export function describeGeneric(w: DescribeWriter, o: KubeObject, ctx: DescribeContext): void {
  w.line(0, 'Name:', String(o.metadata?.name ?? ''));
  w.line(0, 'Namespace:', String(o.metadata?.namespace ?? ''));
  writeLabels(w, 0, 'Labels', o.metadata?.labels);
  writeAnnotations(w, 0, o.metadata?.annotations);
  writeContent(w, 0, o as Record<string, unknown>, '');
  writeEvents(w, ctx);
}
