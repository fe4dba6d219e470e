import { sanitize } from './sanitize.js';

/**
 * The last `capacity` lines of a log, sanitised as they arrive (logs carry escape sequences
 * and control characters). Appending is O(1); reading shares one array until the next append.
 */
export class LogBuffer {
  private readonly ring: string[];
  private readonly stamps: (string | undefined)[];
  private stampedSnapshot: string[] | undefined;
  private start = 0;
  private size = 0;
  private snapshot: string[] | undefined;
  /** Lines dropped from the front because the buffer was full. */
  dropped = 0;

  constructor(readonly capacity = 5000) {
    this.ring = new Array(capacity);
    this.stamps = new Array(capacity);
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
