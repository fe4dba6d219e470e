import type { KubeObject } from '../../model/types.js';
import { parseQuantity } from '../../model/format/quantity.js';

/** One container's usage: CPU in nanocores, memory (working set) in bytes. */
export interface Usage {
  nanocores: number;
  bytes: number;
}

// Without requests, a container is sized as a small sidecar would be.
const DEFAULT_CPU_MILLI = 50;
const DEFAULT_MEM_BYTES = 64 * 2 ** 20;
// A pod this young is starting up (JIT, caches, migrations): it burns more than in its steady state.
const STARTUP_MS = 90_000;

/** A number in [0, 1) from a text, stable across runs (FNV-1a). */
export function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32;
}

function requested(container: any, resource: 'cpu' | 'memory'): number | undefined {
  const q = parseQuantity(container?.resources?.requests?.[resource] ?? container?.resources?.limits?.[resource]);
  if (!q) return undefined;
  return resource === 'cpu' ? Number(q.milli) : Number(q.milli / 1000n);
}

/**
 * What one running container uses at a scrape: a stable share of its requests (below them) that
 * moves a little from one scrape to the next, higher while the pod starts up or its workload rolls.
 * Deterministic in (pod, container, scrape), so that tests on a manual clock see fixed values.
 */
export function containerUsage(pod: KubeObject, container: any, scrape: number, now: number, busy: boolean): Usage {
  const key = `${pod.metadata?.namespace}/${pod.metadata?.name}/${container?.name}`;
  const cpuReq = requested(container, 'cpu') ?? DEFAULT_CPU_MILLI;
  const memReq = requested(container, 'memory') ?? DEFAULT_MEM_BYTES;
  const started = Date.parse(pod.status?.startTime ?? pod.metadata?.creationTimestamp ?? '');
  const young = Number.isFinite(started) && now - started < STARTUP_MS;
  const base = 0.1 + 0.45 * unitHash(key);
  const wobble = 0.1 * (unitHash(`${key}#${scrape}`) - 0.5);
  const cpuShare = Math.min(0.95, base + wobble + (young ? 0.3 : 0) + (busy ? 0.15 : 0));
  const memShare = Math.min(0.9, 0.3 + 0.4 * unitHash(`${key}/mem`) + 0.02 * unitHash(`${key}#${scrape}/mem`) + (young ? 0.05 : 0));
  // Sub-millicore digits, as a kubelet's cAdvisor readings have them.
  const nanocores = Math.max(1, Math.round(cpuReq * cpuShare)) * 1_000_000 + Math.floor(unitHash(`${key}#${scrape}/n`) * 1_000_000);
  const kib = Math.round((memReq * memShare) / 1024);
  return { nanocores, bytes: kib * 1024 };
}

/** A node's usage: its pods' plus the system's (kubelet, runtime, OS), a share of what it can allocate. */
export function nodeUsage(node: KubeObject, pods: readonly Usage[], scrape: number): Usage {
  const name = String(node.metadata?.name);
  const cpuAlloc = Number(parseQuantity(node.status?.allocatable?.cpu)?.milli ?? 2000n);
  const memAlloc = Number((parseQuantity(node.status?.allocatable?.memory)?.milli ?? 4n * 2n ** 30n * 1000n) / 1000n);
  const sysCpu = Math.round(cpuAlloc * (0.04 + 0.02 * unitHash(`${name}#${scrape}`)));
  const sysMem = Math.round((memAlloc * (0.1 + 0.01 * unitHash(`${name}#${scrape}/mem`))) / 1024) * 1024;
  return {
    nanocores: pods.reduce((a, u) => a + u.nanocores, sysCpu * 1_000_000),
    bytes: pods.reduce((a, u) => a + u.bytes, sysMem),
  };
}

/** A CPU quantity as metrics-server writes nanocores: `12345678n`, shortened while exact (`12m`, `3`). */
export function formatNanocores(n: number): string {
  const units = ['n', 'u', 'm', ''];
  let i = 0;
  let v = Math.round(n);
  while (v !== 0 && v % 1000 === 0 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v}${units[i]}`;
}

/** A memory quantity as metrics-server writes bytes: `123456Ki`, `512Mi`, or plain bytes. */
export function formatBytes(bytes: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let i = 0;
  let v = Math.round(bytes);
  while (v !== 0 && v % 1024 === 0 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v}${units[i]}`;
}
