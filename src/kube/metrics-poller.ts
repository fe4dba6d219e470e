import { metricsCollector, metricsData, type MetricsData } from '../model/metrics/usage-data.js';
import { ApiError } from './api-error.js';
import type { Discovery } from './discovery.js';
import type { KubeTransport } from './transport.js';

/** What to poll: one kind's metrics in a namespace (undefined: all), or one pod's. */
export interface MetricsTarget {
  kind: 'pods' | 'nodes';
  namespace?: string;
  name?: string;
}

/** Called with each poll's data; undefined when metrics are not (or no longer) available: not served, forbidden, down. */
export type MetricsListener = (data: MetricsData | undefined) => void;

// Until the server's answers say their window: metrics-server's default resolution.
const DEFAULT_WINDOW_MS = 15_000;
// Bounds on the interval, whatever a server's window says.
const MIN_INTERVAL_MS = 1_000;
const MAX_INTERVAL_MS = 5 * 60_000;
// After a failure (metrics-server down, forbidden): look again, slowly.
const RETRY_MS = 60_000;
// Items per page of a large cluster's list.
const PAGE = 500;
// Stamps of polls, unique in the process: a pod's usage object says which poll set it (see metricsCollector).
let stamps = 0;

/** Whether the cluster serves metrics.k8s.io for a kind (discovery lists `pods.metrics.k8s.io`). */
export function servesMetrics(discovery: Discovery, kind: 'pods' | 'nodes'): boolean {
  return !!discovery.get(`${kind}.metrics.k8s.io`);
}

/**
 * Polls metrics.k8s.io, which has no watch: a list (paged with limit/continue) for the target,
 * again after the server's resolution (the answers' `window`), until stopped. Data goes to the
 * listener as plain data; failures as undefined (the columns then disappear, not go empty).
 */
export function pollMetrics(transport: KubeTransport, discovery: Discovery, target: MetricsTarget, listener: MetricsListener, pageSize = PAGE): () => void {
  const r = discovery.get(`${target.kind}.metrics.k8s.io`);
  if (!r) {
    listener(undefined);
    return () => {};
  }
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let previous: MetricsData | undefined;
  const abort = new AbortController();
  const base = `/apis/${r.group}/${r.version}${target.namespace !== undefined && r.namespaced ? `/namespaces/${encodeURIComponent(target.namespace)}` : ''}/${r.resource}`;
  // Each page is read into usage as it comes: a poll of 30,000 pods never holds their raw items at once.
  const fetchAll = async (): Promise<MetricsData> => {
    // Containers' figures only for one pod (the containers view); a table's poll of many reads their sums.
    const usage = metricsCollector(target.kind, { perContainer: !!target.name, previous });
    if (target.name) usage.add([await transport.json({ path: `${base}/${encodeURIComponent(target.name)}`, signal: abort.signal })]);
    else {
      let token: string | undefined;
      do {
        const page = await transport.json({ path: base, query: { limit: pageSize, continue: token }, signal: abort.signal });
        usage.add(Array.isArray(page?.items) ? page.items : []);
        token = page?.metadata?.continue || undefined;
      } while (token && !stopped);
    }
    return (previous = usage.done(++stamps));
  };
  const poll = async () => {
    let next = RETRY_MS;
    try {
      const data = await fetchAll();
      if (stopped) return;
      listener(data);
      next = Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, data.windowMs ?? DEFAULT_WINDOW_MS));
    } catch (e) {
      if (stopped) return;
      // A pod without metrics yet (just started) is a 404 for that pod only: keep polling at the usual pace.
      if (target.name && e instanceof ApiError && e.status === 404) {
        listener(metricsData(target.kind, [], ++stamps));
        next = DEFAULT_WINDOW_MS;
      } else listener(undefined);
    }
    if (!stopped) timer = setTimeout(() => void poll(), next);
  };
  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
    abort.abort();
  };
}
