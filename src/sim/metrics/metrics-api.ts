import type { KubeObject } from '../../model/types.js';
import type { SimApi } from '../api/api-server.js';
import { StatusError } from '../api/status-error.js';
import type { SimResource } from '../resources.js';
import { containerUsage, formatBytes, formatNanocores, nodeUsage, type Usage } from './usage.js';

/** The group version metrics-server serves. */
export const METRICS_GROUP_VERSION = 'metrics.k8s.io/v1beta1';

/** A metrics request after routing. */
export interface MetricsRequest {
  resource: SimResource;
  namespace?: string;
  name?: string;
  method: string;
  query: URLSearchParams;
}

const seconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

function rolling(w: KubeObject): boolean {
  const want = Number(w.spec?.replicas ?? 1);
  const s = w.status ?? {};
  if (w.kind === 'DaemonSet') return Number(s.updatedNumberScheduled ?? 0) < Number(s.desiredNumberScheduled ?? 0);
  return Number(s.updatedReplicas ?? 0) < want || Number(s.replicas ?? 0) > want;
}

/**
 * `metrics.k8s.io/v1beta1` as metrics-server serves it: PodMetrics and NodeMetrics computed from
 * the running pods at each scrape (every `resolutionMs`), list and get only (no watch).
 */
export class MetricsApi {
  constructor(private readonly api: SimApi, readonly resolutionMs = 15_000) {}

  /** Answers a request for `pods` or `nodes` of metrics.k8s.io. */
  answer(rq: MetricsRequest): unknown {
    const q = rq.query;
    if (rq.method !== 'GET' || q.get('watch') === 'true' || q.get('watch') === '1') {
      throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
    }
    const pods = rq.resource.resource === 'pods';
    const source = this.api.registry.get(pods ? 'pods' : 'nodes')!;
    const now = this.api.clock.now();
    const scrape = Math.floor(now / this.resolutionMs);
    const ctx = { now, scrape, busy: this.rollingNamespaces() };
    if (rq.name) {
      const obj = this.api.get(source, rq.namespace, rq.name);
      const item = pods ? this.podMetrics(obj, ctx) : this.nodeMetrics(obj, ctx);
      if (!item) throw new StatusError(404, 'NotFound', `${rq.resource.resource}.metrics.k8s.io "${rq.namespace ? `${rq.namespace}/` : ''}${rq.name}" not found`, { name: rq.name, group: 'metrics.k8s.io', kind: rq.resource.resource });
      return { kind: rq.resource.kind, apiVersion: METRICS_GROUP_VERSION, ...item };
    }
    const limit = Number(q.get('limit') ?? '') || undefined;
    const page = this.api.list(source, rq.namespace, { labelSelector: q.get('labelSelector'), fieldSelector: q.get('fieldSelector'), limit, continueToken: q.get('continue') });
    const items = page.items.map((o) => (pods ? this.podMetrics(o, ctx) : this.nodeMetrics(o, ctx))).filter((x) => x !== undefined);
    return {
      kind: `${rq.resource.kind}List`,
      apiVersion: METRICS_GROUP_VERSION,
      metadata: page.continueToken ? { continue: page.continueToken } : {},
      items,
    };
  }

  /** The window as a Go duration prints it (`15s`, `1.5s`). */
  get window(): string {
    return `${this.resolutionMs / 1000}s`;
  }

  private rollingNamespaces(): Set<string> {
    const out = new Set<string>();
    for (const key of ['deployments.apps', 'statefulsets.apps', 'daemonsets.apps']) {
      for (const w of this.api.store.list(key)) if (rolling(w)) out.add(String(w.metadata?.namespace));
    }
    return out;
  }

  private containerUsages(pod: KubeObject, ctx: { now: number; scrape: number; busy: Set<string> }): { name: string; usage: Usage }[] | undefined {
    // metrics-server reports running pods only, and of them the containers the kubelet has stats for.
    if (pod.status?.phase !== 'Running' || pod.metadata?.deletionTimestamp) return undefined;
    const running = new Set((pod.status?.containerStatuses ?? []).filter((s: any) => s?.state?.running).map((s: any) => s.name));
    const busy = ctx.busy.has(String(pod.metadata?.namespace));
    return (pod.spec?.containers ?? []).filter((c: any) => running.has(c?.name)).map((c: any) => ({ name: String(c.name), usage: containerUsage(pod, c, ctx.scrape, ctx.now, busy) }));
  }

  private stamp(ctx: { now: number; scrape: number }) {
    return { timestamp: seconds(ctx.scrape * this.resolutionMs), window: this.window };
  }

  private podMetrics(pod: KubeObject, ctx: { now: number; scrape: number; busy: Set<string> }): unknown {
    const containers = this.containerUsages(pod, ctx);
    if (!containers) return undefined;
    const m = pod.metadata!;
    return {
      metadata: { name: m.name, namespace: m.namespace, creationTimestamp: seconds(ctx.now), ...(m.labels ? { labels: m.labels } : {}) },
      ...this.stamp(ctx),
      containers: containers.map((c) => ({ name: c.name, usage: { cpu: formatNanocores(c.usage.nanocores), memory: formatBytes(c.usage.bytes) } })),
    };
  }

  private nodeMetrics(node: KubeObject, ctx: { now: number; scrape: number; busy: Set<string> }): unknown {
    const name = node.metadata!.name;
    const usages = this.api.store.list('pods').filter((p) => p.spec?.nodeName === name).flatMap((p) => (this.containerUsages(p, ctx) ?? []).map((c) => c.usage));
    const u = nodeUsage(node, usages, ctx.scrape);
    return {
      metadata: { name, creationTimestamp: seconds(ctx.now), ...(node.metadata?.labels ? { labels: node.metadata.labels } : {}) },
      ...this.stamp(ctx),
      usage: { cpu: formatNanocores(u.nanocores), memory: formatBytes(u.bytes) },
    };
  }
}
