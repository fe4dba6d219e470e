import { LogBuffer } from '../model/log-buffer.js';
import { POD_SEPARATOR, shortPodName } from '../model/view/merged-log.js';
import { LogStream, type LogTarget } from './log-stream.js';
import type { KubeTransport } from './transport.js';

/**
 * The logs of every pod of a workload, Service or route, merged in time order (by the stamps the
 * server puts on each line), each line prefixed with its pod (as stern does). The set of pods follows the cluster: pods that appear
 * (a rollout's new ones) join, pods that go away are marked ended; memory stays bounded.
 */
export class MultiLogStream {
  readonly buffer: LogBuffer;
  private readonly streams = new Map<string, LogStream>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly transport: KubeTransport,
    private readonly opts: { tailLines?: number; capacity?: number; flushMs?: number; label?: (t: LogTarget) => string } = {},
  ) {
    this.buffer = new LogBuffer(opts.capacity ?? 10_000);
  }

  /** The pods (and containers) to follow now: new ones start, missing ones stop and are marked ended. */
  setTargets(targets: readonly LogTarget[]): void {
    if (this.stopped) return;
    const wanted = new Map(targets.map((t) => [`${t.namespace}/${t.pod}/${t.container}`, t]));
    for (const [key, stream] of this.streams) {
      if (wanted.has(key)) continue;
      stream.stop();
      this.streams.delete(key);
      this.buffer.push(`${this.label(stream.target)}${POD_SEPARATOR}-- ${stream.target.pod}/${stream.target.container} is gone: its log ends here`);
      this.schedule();
    }
    for (const [key, target] of wanted) {
      if (this.streams.has(key)) continue;
      const prefix = `${this.label(target)}${POD_SEPARATOR}`;
      const stream = new LogStream(this.transport, target, {
        tailLines: this.opts.tailLines ?? 50,
        capacity: 100,
        flushMs: this.opts.flushMs ?? 50,
        onLine: (line, stamp) => {
          // In time order: each pod's backlog comes whole, one pod after another; live lines
          // mostly land at the end, a late one where its stamp puts it.
          this.buffer.insert(prefix + line, stamp);
          this.schedule();
        },
      });
      this.streams.set(key, stream.start());
    }
  }

  private label(t: LogTarget): string {
    return this.opts.label ? this.opts.label(t) : shortPodName(t.pod);
  }

  /** How many pods are followed. */
  get size(): number {
    return this.streams.size;
  }

  /** Stops every stream. */
  stop(): void {
    this.stopped = true;
    for (const s of this.streams.values()) s.stop();
    this.streams.clear();
    clearTimeout(this.timer);
  }

  /** Changes with every batch of new lines (a useSyncExternalStore snapshot). */
  getVersion = (): number => this.version;

  /** Batched notifications of new lines. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.version++;
      for (const l of this.listeners) l();
    }, this.opts.flushMs ?? 50);
  }
}
