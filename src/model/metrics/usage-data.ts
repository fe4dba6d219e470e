import { parseQuantity } from '../format/quantity.js';
import { flatKey } from '../flat-key.js';

/** What something uses: CPU in millicores, memory in bytes (as `kubectl top` reads them: CPU rounded up). */
export interface Usage {
  cpuMilli: number;
  memBytes: number;
}

/** One pod's usage: the sum, and each container's by name. */
export interface PodUsage extends Usage {
  containers: ReadonlyMap<string, Usage>;
  /** The stamp of the latest poll that set these figures (a poll sets a pod's figures on the previous poll's object: see metricsCollector). */
  stamp?: number;
}

/** What one poll of metrics.k8s.io brought, as plain data: pods by `namespace/name`, nodes by name. */
export interface MetricsData {
  pods: ReadonlyMap<string, PodUsage>;
  nodes: ReadonlyMap<string, Usage>;
  /** The server's resolution (the answers' `window`), in ms; undefined when no item said. */
  windowMs?: number;
  /** Increases with every poll, so that tables know their cells are stale. */
  stamp: number;
  /** No answer yet from a server that serves metrics: the columns stand, their cells are empty. */
  pending?: boolean;
}

const NANO_SUFFIX: Record<string, number> = { n: 1e-6, u: 1e-3 };

/** A CPU quantity in exact (fractional) millicores. */
function exactMilli(q: unknown): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)(n|u)$/.exec(String(q ?? '').trim());
  if (m) return Number(m[1]) * NANO_SUFFIX[m[2]];
  const parsed = parseQuantity(q);
  return parsed ? Number(parsed.milli) : 0;
}

/** A CPU quantity in millicores, rounded up as Quantity.MilliValue does (`12345678n` → 13). */
export function cpuMilli(q: unknown): number {
  return Math.max(0, Math.ceil(exactMilli(q) - 1e-9));
}

/** A memory quantity in bytes. */
export function bytes(q: unknown): number {
  const parsed = parseQuantity(q);
  return parsed ? Math.ceil(Number(parsed.milli) / 1000) : 0;
}

/** A Go duration (`15s`, `1m0s`, `10.5s`, `500ms`) in ms; undefined when it is not one. */
export function durationMs(text: unknown): number | undefined {
  const s = String(text ?? '');
  const re = /(\d+(?:\.\d+)?)(h|m(?!s)|s|ms)/g;
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  let seen = '';
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * unit[m[2]];
    seen += m[0];
  }
  return seen && seen === s ? total : undefined;
}

const usageOf = (u: any): Usage => ({ cpuMilli: cpuMilli(u?.cpu), memBytes: bytes(u?.memory) });

// A list poll's pods share it: only the containers view, which polls its own pod, reads containers.
const NO_CONTAINERS: ReadonlyMap<string, Usage> = new Map();

/** A PodMetrics item as usage in sum, and per container by name unless `perContainer` is false (then none). */
export function podUsage(item: any, perContainer = true): PodUsage {
  const containers = perContainer ? new Map<string, Usage>() : undefined;
  // kubectl top adds the quantities first and rounds the sum: a pod's figure is not the sum of its containers'.
  let cpu = 0;
  let mem = 0;
  for (const c of Array.isArray(item?.containers) ? item.containers : []) {
    containers?.set(String(c?.name), usageOf(c?.usage));
    cpu += exactMilli(c?.usage?.cpu);
    mem += bytes(c?.usage?.memory);
  }
  return { cpuMilli: Math.max(0, Math.ceil(cpu - 1e-9)), memBytes: mem, containers: containers ?? NO_CONTAINERS, stamp: undefined };
}

/** A NodeMetrics item as usage. */
export function nodeUsage(item: any): Usage {
  return usageOf(item?.usage);
}

/**
 * Reads PodMetrics/NodeMetrics list items into MetricsData a page at a time: `add` each page's
 * items, `done` gives the data. `perContainer: false` keeps pods' sums alone: a poll of every
 * pod for a table needs no container's figure, and 30,000 maps of them cost megabytes a poll.
 * With the `previous` poll's data, a pod it had keeps its object, whose figures `done` sets (all
 * at once: nothing shows half a poll), stamped with the poll: a row that holds a pod's object
 * reads this poll's figures without a lookup by key (see podMetricsColumns).
 */
export function metricsCollector(kind: 'pods' | 'nodes', { perContainer = true, previous }: { perContainer?: boolean; previous?: MetricsData } = {}): { add(items: readonly unknown[]): void; done(stamp: number): MetricsData } {
  const pods = new Map<string, PodUsage>();
  const nodes = new Map<string, Usage>();
  // Objects of the previous poll, each followed by the figures this poll gives it.
  const kept: PodUsage[] = [];
  let windowMs: number | undefined;
  return {
    add(items) {
      for (const item of items as any[]) {
        windowMs ??= durationMs(item?.window);
        if (kind === 'nodes') {
          nodes.set(String(item?.metadata?.name ?? ''), nodeUsage(item));
          continue;
        }
        const key = flatKey(item?.metadata?.namespace ?? '', item?.metadata?.name ?? '');
        const usage = podUsage(item, perContainer);
        const before = previous?.pods.get(key);
        if (before) kept.push(before, usage);
        pods.set(key, before ?? usage);
      }
    },
    done: (stamp) => {
      for (let i = 0; i < kept.length; i += 2) Object.assign(kept[i], kept[i + 1]);
      for (const u of pods.values()) u.stamp = stamp;
      return { pods, nodes, windowMs, stamp };
    },
  };
}

/** Reads PodMetrics/NodeMetrics list items into MetricsData. */
export function metricsData(kind: 'pods' | 'nodes', items: readonly unknown[], stamp: number): MetricsData {
  const c = metricsCollector(kind);
  c.add(items);
  return c.done(stamp);
}
