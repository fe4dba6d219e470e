import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What the simulator has served, as an API server's operator would count it. */
export interface ServedCost {
  /** Requests by Kubernetes verb (get, list, watch, ...; `discovery` for non-resource GETs: discovery, /version, OpenAPI), every request since the start. */
  requests: Record<string, number>;
  /** Bytes written to clients on the wire (TLS records for HTTPS), closed and open connections. */
  bytes: number;
  /** metrics.k8s.io alone: its requests and the bytes of the answers to them. */
  metrics: { requests: number; bytes: number };
  /** Watch requests whose response is still open, as `resource@namespace` (`all` for cluster-wide). */
  openWatches: string[];
}

// metrics.k8s.io is counted apart: polling it is part of a client's idle cost, but not of watching.
const METRICS_PREFIX = '/apis/metrics.k8s.io/';

/** `pods@shop` for a watch of /api/v1/namespaces/shop/pods, `pods@all` for /api/v1/pods. */
export function watchLabel(path: string, query: string): string {
  const parts = path.split('/').filter(Boolean);
  const ns = parts.indexOf('namespaces');
  const namespaced = ns >= 0 && parts.length > ns + 2;
  const resource = namespaced ? parts[ns + 2] : parts.at(-1)!;
  const name = /fieldSelector=metadata\.name(%3D|=)([^&]+)/.exec(query)?.[2];
  return `${resource}${name ? `/${decodeURIComponent(name)}` : ''}@${namespaced ? parts[ns + 1] : 'all'}`;
}

/** Counts requests, wire bytes and open watches of one server (see `ServedCost`). */
export class CostCounter {
  private readonly byVerb: Record<string, number> = {};
  private closedBytes = 0;
  private readonly sockets = new Set<Socket>();
  private readonly watches = new Map<ServerResponse, string>();
  private readonly metrics = { requests: 0, bytes: 0 };

  /** Follows a raw accepted connection: its bytes count while open and after it closes. */
  connection(s: Socket): void {
    this.sockets.add(s);
    s.once('close', () => {
      this.closedBytes += s.bytesWritten;
      this.sockets.delete(s);
    });
  }

  /** Counts one request; `socket` is the raw connection it came on, when known (for metrics bytes). */
  request(verb: string, path: string, query: string, res?: ServerResponse, socket?: Socket): void {
    this.byVerb[verb] = (this.byVerb[verb] ?? 0) + 1;
    if (!res) return;
    if (verb === 'watch') {
      this.watches.set(res, watchLabel(path, query));
      res.once('close', () => this.watches.delete(res));
    }
    if (path.startsWith(METRICS_PREFIX)) {
      this.metrics.requests++;
      // HTTP/1.1 answers one request at a time on a connection: what it wrote meanwhile is this answer.
      const from = socket?.bytesWritten ?? 0;
      res.once('close', () => (this.metrics.bytes += (socket?.bytesWritten ?? 0) - from));
    }
  }

  /** Everything counted so far. */
  snapshot(): ServedCost {
    let bytes = this.closedBytes;
    for (const s of this.sockets) bytes += s.bytesWritten;
    return { requests: { ...this.byVerb }, bytes, metrics: { ...this.metrics }, openWatches: [...this.watches.values()].sort() };
  }
}

/** What was served between two snapshots (open watches: as of the later one). */
export function costBetween(before: ServedCost, after: ServedCost): ServedCost {
  const requests: Record<string, number> = {};
  for (const [verb, n] of Object.entries(after.requests)) if (n - (before.requests[verb] ?? 0)) requests[verb] = n - (before.requests[verb] ?? 0);
  return { requests, bytes: after.bytes - before.bytes, metrics: { requests: after.metrics.requests - before.metrics.requests, bytes: after.metrics.bytes - before.metrics.bytes }, openWatches: after.openWatches };
}
