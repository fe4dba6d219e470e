import { at, list, str, text } from '../columns/read.js';
import { timestampMs, translateTimestampSince } from '../format/duration.js';
import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import type { KubeObject } from '../types.js';
import { tabwrite } from './tabwriter.js';

/** What a describer may read besides the object: the relation indexes, the object's events and the time. */
export interface DescribeContext {
  now: number;
  /** The events about the object, oldest first. */
  events: KubeObject[];
  indexes: ClusterIndexes;
}

/**
 * kubectl's PrefixWriter: lines at an indentation level (two spaces per level), cells
 * separated by tabs; `text()` aligns them as kubectl's tabwriter does.
 */
export class DescribeWriter {
  private readonly parts: string[] = [];

  /** Writes cells (joined by tabs) at a level, ending the line. */
  line(level: number, ...cells: (string | number)[]): void {
    this.parts.push(`${'  '.repeat(level)}${cells.map(String).join('\t')}\n`);
  }

  /** Writes raw text (for multi-line values that continue a line). */
  raw(text: string): void {
    this.parts.push(text);
  }

  /** The aligned text. */
  text(): string {
    return tabwrite(this.parts.join('')).replace(/\n+$/, '\n');
  }
}

/** A time as kubectl describe prints it: `Sun, 22 Nov 2026 19:51:29 +0000`. */
export function describeTime(value: unknown): string {
  const ms = timestampMs(value);
  if (ms === undefined) return '<unknown>';
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

// Annotations kubectl describe does not print.
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** `Labels:` (or another map) one `k=v` per line, sorted; `<none>` when empty. */
export function writeLabels(w: DescribeWriter, level: number, title: string, map: unknown, sep = '=', skip: ReadonlySet<string> = new Set()): void {
  const entries = Object.entries((map && typeof map === 'object' ? map : {}) as Record<string, unknown>).filter(([k]) => !skip.has(k)).sort(([a], [b]) => (a < b ? -1 : 1));
  if (!entries.length) return w.line(level, `${title}:`, '<none>');
  entries.forEach(([k, v], i) => w.line(level, i === 0 ? `${title}:` : '', `${k}${sep}${text(v)}`));
}

/** `Annotations:` as kubectl prints them (`key: value`), without last-applied-configuration. */
export function writeAnnotations(w: DescribeWriter, level: number, map: unknown): void {
  writeLabels(w, level, 'Annotations', map, ': ', SKIPPED_ANNOTATIONS);
}

/** The common head: Name, Namespace, (CreationTimestamp), Labels, Annotations. */
export function writeMeta(w: DescribeWriter, o: KubeObject, opts: { created?: boolean; namespace?: boolean } = {}): void {
  w.line(0, 'Name:', String(o.metadata?.name ?? ''));
  if (opts.namespace !== false) w.line(0, 'Namespace:', String(o.metadata?.namespace ?? ''));
  if (opts.created) w.line(0, 'CreationTimestamp:', describeTime(o.metadata?.creationTimestamp));
  writeLabels(w, 0, 'Labels', o.metadata?.labels);
  writeAnnotations(w, 0, o.metadata?.annotations);
}

/** The Events section: a table of type, reason, age (`x5 over 10m`), source and message, or `<none>`. */
export function writeEvents(w: DescribeWriter, events: readonly KubeObject[], now: number): void {
  if (!events.length) return w.line(0, 'Events:', '<none>');
  w.line(0, 'Events:');
  w.line(1, 'Type', 'Reason', 'Age', 'From', 'Message');
  w.line(1, '----', '------', '----', '----', '-------');
  for (const e of events) {
    const count = Number(e.count ?? e.series?.count ?? 1);
    const last = e.lastTimestamp ?? e.series?.lastObservedTime ?? e.eventTime ?? e.metadata?.creationTimestamp;
    const first = e.firstTimestamp ?? e.eventTime ?? last;
    const age = count > 1 ? `${translateTimestampSince(last, now)} (x${count} over ${translateTimestampSince(first, now)})` : translateTimestampSince(last, now);
    // kubectl names the component only (not the host it reported from).
    const source = str(at(e, 'source', 'component')) || str(e.reportingController) || str(e.reportingComponent);
    w.line(1, str(e.type), str(e.reason), age, source, String(e.message ?? e.note ?? '').trim());
  }
}

/** Conditions as a table with the given columns (read from each condition's fields). */
export function writeConditions(w: DescribeWriter, conditions: unknown, columns: string[]): void {
  const items = list(conditions);
  w.line(0, 'Conditions:');
  w.line(1, ...columns);
  w.line(1, ...columns.map((c) => '-'.repeat(c.length)));
  for (const c of items) w.line(1, ...columns.map((col) => str(at(c, col.charAt(0).toLowerCase() + col.slice(1)))));
}
