/** A cancellable timer on the simulated clock. */
export interface SimTimer {
  cancel(): void;
}

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/**
 * The simulated cluster's clock.
 *
 * In `real` mode simulated time runs at `speed` times wall time and timers fire from
 * the event loop. In `manual` mode time stands still until a test calls `advance`,
 * which fires due timers in order and lets the controllers settle after each one,
 * so no test sleeps through real durations.
 */
export class SimClock {
  private readonly queue: Pending[] = [];
  private seq = 0;
  private wallTimer: NodeJS.Timeout | undefined;
  private readonly origin: number;
  private readonly wallOrigin = Date.now();
  private manualNow: number;
  // Real mode: simulated time skipped ahead by `skip` (a warmed-up demo).
  private skipped = 0;
  private settle: () => void = () => {};
  /** Receives exceptions of timer callbacks, which must never stop the clock or the process. */
  onError: (e: unknown) => void = () => {};

  constructor(
    readonly mode: 'real' | 'manual',
    readonly speed = 1,
    start = Date.now(),
  ) {
    this.origin = start;
    this.manualNow = start;
  }

  /** Simulated epoch milliseconds. */
  now(): number {
    if (this.mode === 'manual') return this.manualNow;
    return this.origin + this.skipped + (Date.now() - this.wallOrigin) * this.speed;
  }

  /**
   * Moves time forward at once by `ms` in either mode, firing due timers in order with the
   * controllers settling after each: a demo cluster that starts as if it had run a while.
   */
  skip(ms: number): void {
    if (this.mode === 'manual') return this.advance(ms);
    const end = this.now() + ms;
    this.fireUntil(end, (at) => (this.skipped += Math.max(0, at - this.now())));
    this.skipped += Math.max(0, end - this.now());
    this.arm();
  }

  /** Fires, in order, every timer due by `end`, moving time to each (`moveTo`) and settling after each. */
  private fireUntil(end: number, moveTo: (at: number) => void): void {
    this.settle();
    for (;;) {
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      if (next.cancelled) continue;
      moveTo(next.at);
      this.run(next.fn);
      this.settle();
    }
  }

  /** Sets what runs after each fired timer in manual mode (the controllers' drain). */
  onSettle(fn: () => void): void {
    this.settle = fn;
  }

  /** Runs `fn` after `ms` simulated milliseconds. */
  after(ms: number, fn: () => void): SimTimer {
    const p: Pending = { at: this.now() + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    // Binary search for the first timer due later, so that equal times keep their order.
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.queue[mid].at <= p.at) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, p);
    this.arm();
    return {
      cancel: () => {
        p.cancelled = true;
      },
    };
  }

  /** Manual mode: moves time forward by `ms`, firing every timer that falls due. */
  advance(ms: number): void {
    if (this.mode !== 'manual') throw new Error('advance() needs a manual clock');
    const end = this.manualNow + ms;
    this.fireUntil(end, (at) => (this.manualNow = Math.max(this.manualNow, at)));
    this.manualNow = end;
  }

  /** Number of pending timers, for leak checks. */
  pending(): number {
    return this.queue.filter((p) => !p.cancelled).length;
  }

  /** Stops firing timers (real mode). */
  stop(): void {
    if (this.wallTimer) clearTimeout(this.wallTimer);
    this.wallTimer = undefined;
    this.queue.length = 0;
  }

  private run(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.onError(e);
    }
  }

  private arm(): void {
    if (this.mode !== 'real') return;
    if (this.wallTimer) clearTimeout(this.wallTimer);
    const next = this.queue[0];
    if (!next) return;
    const wait = Math.max(0, (next.at - this.now()) / this.speed);
    // Cap the wait so a clock that fell behind catches up promptly.
    this.wallTimer = setTimeout(() => this.fire(), Math.min(wait, 60_000));
    this.wallTimer.unref();
  }

  private fire(): void {
    this.wallTimer = undefined;
    const now = this.now();
    while (this.queue.length && this.queue[0].at <= now) {
      const p = this.queue.shift()!;
      if (!p.cancelled) this.run(p.fn);
    }
    this.arm();
  }
}
