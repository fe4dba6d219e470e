import type { RouteNode, RouteTrace } from '../route/route-types.js';
import { PROBE_LAYERS, type ProbeTarget } from './probe-types.js';

/** How probes are sent: the method (GET or HEAD) and how long each may take. */
export interface ProbeOptions {
  method: 'GET' | 'HEAD';
  timeoutMs: number;
}

/** The probes' default: one GET each, 3 s at most. */
export const DEFAULT_PROBE: ProbeOptions = { method: 'GET', timeoutMs: 3_000 };

const REGEX_CHARS = /[\^$*+?()[\]{}|\\]/;

/** The request path a path node's backend is probed with when the trace names none: its own path (`/` for a pattern). */
function pathOf(node: RouteNode, current: string): string {
  const p = node.facts.path;
  return typeof p === 'string' && p && !REGEX_CHARS.test(p) ? p : current;
}

/** The path an entry is probed with when the trace names none: that of its first path that serves, not a pattern. */
function entryPath(entry: RouteNode, fallback: string): string {
  const first = entry.children.find((c) => c.type === 'path' && c.facts.serves !== false && typeof c.facts.path === 'string');
  return first ? pathOf(first, fallback) : fallback;
}

/** The pod's port the Service sends to: the container that the route lands on. */
function podPort(pod: RouteNode): number | undefined {
  const c = pod.children.find((ch) => ch.type === 'container' && typeof ch.facts.routePort === 'number');
  return c ? (c.facts.routePort as number) : undefined;
}

/**
 * The probes a traced route allows, innermost first: each pod on its target port and each Service on
 * its port through the API server, each entry (Ingress controller, Gateway) by its first address with
 * the host as Host header. Shadowed paths and missing objects are not probed.
 */
export function planProbes(trace: RouteTrace, opts: ProbeOptions = DEFAULT_PROBE): ProbeTarget[] {
  const out: ProbeTarget[] = [];
  const port = typeof trace.root.facts.port === 'number' ? trace.root.facts.port : 80;
  const scheme = port === 443 ? 'https' : 'http';
  // The edge is reached at the address the host resolves to.
  const resolved = trace.root.children.find((c) => c.type === 'dns')?.facts.addresses;
  const edgeAddress = Array.isArray(resolved) && resolved.length > 0 ? String(resolved[0]) : undefined;
  const walk = (node: RouteNode, path: string) => {
    if (node.facts.serves === false) return;
    const f = node.facts;
    let here = path;
    if (node.type === 'path' && trace.path === undefined) here = pathOf(node, path);
    if ((node.type === 'ingress' || node.type === 'gateway') && Array.isArray(f.addresses) && f.addresses.length > 0) {
      const address = String(f.addresses[0]);
      const entry = trace.path === undefined ? entryPath(node, path) : path;
      out.push({ nodeId: node.id, layer: 'entry', via: 'direct', method: opts.method, path: entry, address, addressPort: port, scheme, host: trace.host, label: `${scheme}://${address}:${port}` });
    }
    if (node.type === 'edge-server' && edgeAddress && typeof f.port === 'number' && f.match !== null) {
      const edgeScheme = f.ssl ? 'https' : 'http';
      out.push({ nodeId: node.id, layer: 'edge', via: 'direct', method: opts.method, path, address: edgeAddress, addressPort: f.port, scheme: edgeScheme, host: trace.host, label: `${edgeScheme}://${edgeAddress}:${f.port}` });
    }
    if (node.type === 'service' && f.exists === true && f.port && !f.externalName) {
      const p = f.port as { name?: string; port: number };
      const svcPort = p.name ?? p.port;
      out.push({ nodeId: node.id, layer: 'service', via: 'api-proxy', method: opts.method, path: here, namespace: String(f.namespace), resource: 'services', name: String(f.name), port: svcPort, label: `services/proxy ${f.name}:${svcPort}` });
    }
    if (node.type === 'pod' && f.ip) {
      const p = podPort(node);
      if (p !== undefined) out.push({ nodeId: node.id, layer: 'pod', via: 'api-proxy', method: opts.method, path: here, namespace: String(f.namespace), resource: 'pods', name: String(f.name), port: p, label: `pods/proxy ${f.name}:${p}` });
    }
    for (const c of node.children) walk(c, here);
  };
  walk(trace.root, trace.path ?? '/');
  return out.sort((a, b) => PROBE_LAYERS.indexOf(a.layer) - PROBE_LAYERS.indexOf(b.layer));
}
