import { at, int, list, str, text } from '../columns/read.js';
import { timestampMs, translateTimestampSince } from '../format/duration.js';
import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import type { KubeObject } from '../types.js';
import { tabwrite } from './tabwriter.js';

/** What a describer may read besides the object: the relation indexes, the object's events and the time. */
export interface DescribeContext {
  now: number;
  /** The events about the object, oldest first. */
  events: KubeObject[];
  /** Why the events cannot be known (listing them is not permitted), if so. */
  eventsUnavailable?: string;
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

  /** The text as written, tabs kept: what kubectl prints where it skips the tabwriter (`rollout history --revision`). */
  untabbed(): string {
    // kubectl writes a multi-line value's continuation lines (labels, annotations) without the indent: only
    // the tabwriter would have lined them up.
    return this.parts.join('').replace(/^ +\t/gm, '\t');
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

// kubectl's maxAnnotationLen: longer `key: value` pairs go on their own lines, each cut at this width.
const MAX_ANNOTATION = 140;

/**
 * `Annotations:` as kubectl's printAnnotationsMultiline prints them: `key: value`, or, for a
 * multi-line or long value, the key alone and the value's lines below it, each shortened to 138
 * characters; without last-applied-configuration.
 */
export function writeAnnotations(w: DescribeWriter, level: number, map: unknown, title = 'Annotations'): void {
  const entries = Object.entries((map && typeof map === 'object' ? map : {}) as Record<string, unknown>).filter(([k]) => !SKIPPED_ANNOTATIONS.has(k)).sort(([a], [b]) => (a < b ? -1 : 1));
  if (!entries.length) return w.line(level, `${title}:`, '<none>');
  entries.forEach(([k, v], i) => {
    const value = text(v).replace(/\n$/, '');
    const head = i === 0 ? `${title}:` : '';
    // Go measures bytes.
    if (Buffer.byteLength(value) + Buffer.byteLength(k) + 2 <= MAX_ANNOTATION && !value.includes('\n')) return w.line(level, head, `${k}: ${value}`);
    w.line(level, head, `${k}:`);
    for (const part of value.split('\n')) w.line(level, '', `  ${shortenBytes(part, MAX_ANNOTATION - 2)}`);
  });
}

/** kubectl's shorten: the first `max` bytes and `...` when longer. */
function shortenBytes(s: string, max: number): string {
  const bytes = Buffer.from(s);
  return bytes.length > max ? `${bytes.subarray(0, max).toString()}...` : s;
}

/** The common head: Name, Namespace, (CreationTimestamp), Labels, Annotations. */
export function writeMeta(w: DescribeWriter, o: KubeObject, opts: { created?: boolean; namespace?: boolean } = {}): void {
  w.line(0, 'Name:', String(o.metadata?.name ?? ''));
  if (opts.namespace !== false) w.line(0, 'Namespace:', String(o.metadata?.namespace ?? ''));
  if (opts.created) w.line(0, 'CreationTimestamp:', describeTime(o.metadata?.creationTimestamp));
  writeLabels(w, 0, 'Labels', o.metadata?.labels);
  writeAnnotations(w, 0, o.metadata?.annotations);
}

/** What the Events section says while the events of the object's namespace are being listed. */
export const EVENTS_LOADING = 'loading…';

const since = (t: unknown, now: number) => translateTimestampSince(t, now);

/**
 * The Events section as kubectl's DescribeEvents prints it: sorted by lastTimestamp (stable, from
 * the list's name order), the age `5m` or `5m (x3 over 10m)`, the reporting component; or `<none>`.
 */
export function writeEvents(w: DescribeWriter, { events, now, eventsUnavailable }: Pick<DescribeContext, 'events' | 'now' | 'eventsUnavailable'>): void {
  // Without permission the absence of events proves nothing: say why instead of <none>.
  if (!events.length && eventsUnavailable === EVENTS_LOADING) return w.line(0, 'Events:', EVENTS_LOADING);
  if (!events.length && eventsUnavailable) return w.line(0, 'Events:', `<unknown: ${eventsUnavailable}>`);
  if (!events.length) return w.line(0, 'Events:', '<none>');
  const byName = [...events].sort((a, b) => (String(a.metadata?.name) < String(b.metadata?.name) ? -1 : 1));
  const last = (e: KubeObject) => timestampMs(e.lastTimestamp) ?? Number.NEGATIVE_INFINITY;
  const sorted = byName.sort((a, b) => last(a) - last(b));
  w.line(0, 'Events:');
  w.line(1, 'Type', 'Reason', 'Age', 'From', 'Message');
  w.line(1, '----', '------', '----', '----', '-------');
  for (const e of sorted) {
    const first = timestampMs(e.eventTime) !== undefined ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    const count = Number(e.count ?? 0);
    const age = e.series ? `${since(at(e, 'series', 'lastObservedTime'), now)} (x${int(at(e, 'series', 'count'))} over ${first})` : count > 1 ? `${since(e.lastTimestamp, now)} (x${count} over ${first})` : first;
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
