import { sanitize } from './sanitize.js';

/**
 * The last `capacity` lines of a log, sanitised as they arrive (logs carry escape sequences
 * and control characters). Appending is O(1); reading shares one array until the next append.
 */
export class LogBuffer {
  private readonly ring: string[];
  private start = 0;
  private size = 0;
  private snapshot: string[] | undefined;
  /** Lines dropped from the front because the buffer was full. */
  dropped = 0;

  constructor(readonly capacity = 5000) {
    this.ring = new Array(capacity);
  }

  /** Appends one raw line (tabs expanded, everything unprintable removed). */
  push(raw: string): void {
    const line = sanitize(raw.replace(/\t/g, '    '), true);
    if (this.size < this.capacity) {
      this.ring[(this.start + this.size) % this.capacity] = line;
      this.size++;
    } else {
      this.ring[this.start] = line;
      this.start = (this.start + 1) % this.capacity;
      this.dropped++;
    }
    this.snapshot = undefined;
  }

  /** Empties the buffer. */
  clear(): void {
    this.start = 0;
    this.size = 0;
    this.dropped = 0;
    this.snapshot = undefined;
  }

  /** The lines, oldest first. */
  lines(): readonly string[] {
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
