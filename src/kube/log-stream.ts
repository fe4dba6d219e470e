import { LogBuffer } from '../model/log-buffer.js';
import { ApiError } from './api-error.js';
import type { KubeTransport } from './transport.js';

/** Which log to follow. */
export interface LogTarget {
  namespace: string;
  pod: string;
  container: string;
  /** The previous (crashed) instance instead of the running one. */
  previous?: boolean;
  /** Start this far back instead of the last `tailLines` lines. */
  sinceSeconds?: number;
}

/** Where a log stream is: loading, following, ended (container stopped or `previous`), or failed with a reason. */
export type LogState = { phase: 'loading' } | { phase: 'following' } | { phase: 'ended' } | { phase: 'retrying'; reason: string } | { phase: 'failed'; reason: string };

/** Options of a log stream. */
export interface LogStreamOptions {
  tailLines?: number;
  capacity?: number;
  /** Batches notifications: at most one per window (ms). */
  flushMs?: number;
  /** Called with every new line as it arrives (a merged view of several streams). */
  onLine?: (line: string, stamp: string | undefined) => void;
}

/** Lines received by every log stream of this process (for benchmarks). */
export const logStats = { lines: 0 };

// An RFC 3339 timestamp the API server puts before each line with `timestamps=true`.
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) ?/;

/**
 * A container's log, followed live into a ring buffer. The stream asks for timestamps so
 * that, when the connection drops or the container restarts, it resumes from the last
 * line it has instead of repeating or losing lines; the timestamps are not shown.
 */
export class LogStream {
  readonly buffer: LogBuffer;
  private state: LogState = { phase: 'loading' };
  private version = 0;
  private lastStamp: string | undefined;
  // After a reconnect from `sinceTime`, the server repeats lines up to the last one we have.
  private resumeAfter: string | undefined;
  private received = 0;
  private readonly listeners = new Set<() => void>();
  private readonly abort = new AbortController();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly opts: Required<Omit<LogStreamOptions, 'onLine'>> & Pick<LogStreamOptions, 'onLine'>;

  constructor(
    private readonly transport: KubeTransport,
    readonly target: LogTarget,
    options: LogStreamOptions = {},
  ) {
    this.opts = { tailLines: 200, capacity: 10_000, flushMs: 50, ...options };
    this.buffer = new LogBuffer(this.opts.capacity);
  }

  /** Starts streaming (call once). */
  start(): this {
    void this.run();
    return this;
  }

  /** Stops the stream and its timers. */
  stop(): void {
    this.abort.abort();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  getState(): LogState {
    return this.state;
  }

  /** Changes with every batch of lines or change of state (a useSyncExternalStore snapshot). */
  getVersion = (): number => this.version;

  /** Batched notifications of new lines and state changes. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private async run(): Promise<void> {
    const { namespace, pod, container, previous } = this.target;
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
    let emptyEnds = 0;
    for (let attempt = 0; !this.abort.signal.aborted; ) {
      try {
        const from = this.lastStamp ? { sinceTime: this.lastStamp } : this.target.sinceSeconds ? { sinceSeconds: this.target.sinceSeconds } : { tailLines: this.opts.tailLines };
        const query = { container, previous: previous || undefined, follow: !previous || undefined, timestamps: true, ...from };
        this.resumeAfter = this.lastStamp;
        const before = this.received;
        await this.transport.lines({ path, query, signal: this.abort.signal, idleTimeoutMs: 0, keepEmptyLines: true }, (line) => {
          if (this.state.phase !== 'following' && !previous) this.setState({ phase: 'following' });
          this.onLine(line);
        });
        attempt = 0;
        // The server ends a follow when the container stops, but so do proxies and restarts of the
        // API server: follow again from the last line, and call the log ended only when a fresh
        // follow ends twice in a row with nothing new.
        emptyEnds = this.received === before ? emptyEnds + 1 : 0;
        if (previous || emptyEnds >= 2) return this.setState({ phase: 'ended' });
        await this.pause(1000);
      } catch (e) {
        if (this.abort.signal.aborted) return;
        const err = e instanceof ApiError ? e : new ApiError('other', String(e));
        // A container still starting gets a log soon (a rollout's new pods); other 4xx (no previous
        // instance, forbidden, not found) do not get better by retrying.
        const starting = err.status === 400 && /waiting to start|ContainerCreating|PodInitializing/i.test(err.message);
        if (!starting && err.status !== undefined && err.status < 500 && err.status !== 429) return this.setState({ phase: 'failed', reason: err.message });
        this.setState({ phase: 'retrying', reason: err.message });
        await this.pause(Math.min(30_000, 1000 * 2 ** Math.min(attempt++, 5)));
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms).unref());
  }

  private onLine(line: string): void {
    const m = STAMP.exec(line);
    let stamp: string | undefined;
    if (m) {
      stamp = m[1];
      if (this.resumeAfter !== undefined) {
        if (m[1] <= this.resumeAfter) return;
        this.resumeAfter = undefined;
      }
      this.lastStamp = m[1];
      line = line.slice(m[0].length);
    }
    this.received++;
    logStats.lines++;
    this.buffer.push(line, stamp);
    this.opts.onLine?.(line, stamp);
    this.schedule();
  }

  private setState(state: LogState): void {
    this.state = state;
    this.schedule();
  }

  private schedule(): void {
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      this.version++;
      for (const l of this.listeners) l();
    }, this.opts.flushMs);
  }
}
