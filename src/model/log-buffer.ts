import { sanitize } from './sanitize.js';

const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** An RFC 3339 stamp as epoch milliseconds, keeping the fraction below a millisecond; NaN if there is none. */
export function stampTime(stamp: string | undefined): number {
  const m = stamp ? STAMP.exec(stamp) : null;
  if (!m) return NaN;
  return Date.parse(m[1] + m[3]) + (m[2] ? Number(`0${m[2]}`) * 1000 : 0);
}

/**
 * The last `capacity` lines of a log, sanitised as they arrive (logs carry escape sequences
 * and control characters). Appending is O(1); reading shares one array until the next append.
 */
export class LogBuffer {
  private readonly ring: string[];
  private readonly stamps: (string | undefined)[];
  // The stamps as times (ms, with the fraction below), NaN for a line without one.
  private readonly times: number[];
  private stampedSnapshot: string[] | undefined;
  private start = 0;
  private size = 0;
  private snapshot: string[] | undefined;
  /** Lines dropped from the front because the buffer was full. */
  dropped = 0;

  constructor(readonly capacity = 5000) {
    this.ring = new Array(capacity);
    this.stamps = new Array(capacity);
    this.times = new Array(capacity);
  }

  /** Appends one raw line (tabs expanded, everything unprintable made visible), with the time the server stamped on it. */
  push(raw: string, stamp?: string): void {
    const line = sanitize(raw.replace(/\t/g, '    '), true);
    let at: number;
    if (this.size < this.capacity) {
      at = (this.start + this.size) % this.capacity;
      this.size++;
    } else {
      at = this.start;
      this.start = (this.start + 1) % this.capacity;
      this.dropped++;
    }
    this.ring[at] = line;
    this.stamps[at] = stamp;
    this.times[at] = stampTime(stamp);
    this.snapshot = undefined;
    this.stampedSnapshot = undefined;
  }

  /**
   * Adds a line in time order: after every line stamped no later than it (ties keep arrival
   * order). A line without a stamp, or newer than the last, is appended; a line without a stamp
   * is a fence later lines are never moved above (a pod's "gone" mark stays where it was said).
   */
  insert(raw: string, stamp?: string): void {
    const t = stampTime(stamp);
    if (Number.isNaN(t)) return this.push(raw, stamp);
    let pos = this.size;
    while (pos > 0) {
      const before = this.times[(this.start + pos - 1) % this.capacity];
      if (Number.isNaN(before) || before <= t) break;
      pos--;
    }
    if (pos === this.size) return this.push(raw, stamp);
    if (this.size === this.capacity) {
      // Full: a line older than all there is is not kept; else the oldest line makes room.
      this.dropped++;
      if (pos === 0) return;
      this.start = (this.start + 1) % this.capacity;
      this.size--;
      pos--;
    }
    for (let i = this.size; i > pos; i--) {
      const to = (this.start + i) % this.capacity;
      const from = (this.start + i - 1) % this.capacity;
      this.ring[to] = this.ring[from];
      this.stamps[to] = this.stamps[from];
      this.times[to] = this.times[from];
    }
    const at = (this.start + pos) % this.capacity;
    this.ring[at] = sanitize(raw.replace(/\t/g, '    '), true);
    this.stamps[at] = stamp;
    this.times[at] = t;
    this.size++;
    this.snapshot = undefined;
    this.stampedSnapshot = undefined;
  }

  /** Empties the buffer. */
  clear(): void {
    this.start = 0;
    this.size = 0;
    this.dropped = 0;
    this.snapshot = undefined;
    this.stampedSnapshot = undefined;
  }

  /** The lines, oldest first; with `stamped`, each after the time the server stamped on it. */
  lines(stamped = false): readonly string[] {
    if (stamped) {
      this.stampedSnapshot ??= Array.from({ length: this.size }, (_, i) => {
        const at = (this.start + i) % this.capacity;
        return this.stamps[at] ? `${sanitize(this.stamps[at], true)} ${this.ring[at]}` : this.ring[at];
      });
      return this.stampedSnapshot;
    }
    if (!this.snapshot) {
      const out = new Array<string>(this.size);
      for (let i = 0; i < this.size; i++) out[i] = this.ring[(this.start + i) % this.capacity];
      this.snapshot = out;
    }
    return this.snapshot;
  }

  get length(): number {
    return this.size;
  }
}
