import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { applyProbes, type ProbeRun } from '../model/probe/probe-verdict.js';
import type { ProbeResult, ProbeTarget } from '../model/probe/probe-types.js';
import { planProbes, type ProbeOptions } from '../model/probe/probe-plan.js';
import type { RouteTrace } from '../model/route/route-types.js';
import { reviewAccess } from './access-review.js';
import { ApiError } from './api-error.js';
import type { KubeTransport } from './transport.js';

/** How many bytes of a body a probe keeps. */
const SAMPLE_BYTES = 512;

/** Where a probe's direct connections may go: a stand-in for an address, and whether only loopback is allowed. */
export interface ProbeNetwork {
  /** `address:port` → the loopback `host:port` that stands in for it (the demo's fake addresses). */
  standIns?: ReadonlyMap<string, { host: string; port: number }>;
  /** Connect only to 127.0.0.0/8 (demo mode, tests): any other address is not sent. */
  loopbackOnly?: boolean;
}

/** Whether an address is in 127.0.0.0/8 (or ::1). */
export function isLoopback(address: string): boolean {
  return (isIP(address) === 4 && address.startsWith('127.')) || address === '::1';
}

const notSent = (t: ProbeTarget, opts: ProbeOptions, message: string): ProbeResult => ({ layer: t.layer, via: t.via, method: t.method, path: t.path, target: t.label, outcome: 'not-sent', message, timeoutMs: opts.timeoutMs });

/** A Status body from the API server itself (not the application's own JSON): its message. */
function apiServerMessage(body: string, contentType: string | undefined): string | undefined {
  if (!contentType?.startsWith('application/json')) return undefined;
  try {
    const s = JSON.parse(body);
    return s?.kind === 'Status' && s?.apiVersion === 'v1' && typeof s.message === 'string' ? s.message : undefined;
  } catch {
    return undefined;
  }
}

async function viaApiServer(t: ProbeTarget, transport: KubeTransport, opts: ProbeOptions): Promise<ProbeResult> {
  const base = { layer: t.layer, via: t.via, method: t.method, path: t.path, target: t.label, timeoutMs: opts.timeoutMs } as const;
  const [path, search] = t.path.split(/\?(.*)/s);
  const query = Object.fromEntries(new URLSearchParams(search ?? ''));
  const enc = encodeURIComponent;
  const url = `/api/v1/namespaces/${enc(t.namespace!)}/${t.resource}/${enc(t.name!)}:${enc(String(t.port))}/proxy${path.startsWith('/') ? path : `/${path}`}`;
  try {
    const r = await transport.sample({ path: url, query, method: t.method, accept: '*/*' }, SAMPLE_BYTES, opts.timeoutMs);
    const message = r.status >= 400 ? apiServerMessage(r.body, r.headers['content-type']) : undefined;
    if (r.status === 403 && message) return { ...base, outcome: 'not-sent', status: 403, message };
    if (message) return { ...base, outcome: 'api-error', status: r.status, ms: r.ms, message };
    return { ...base, outcome: 'answered', status: r.status, ms: r.ms, body: r.body };
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'readonly') return { ...base, outcome: 'not-sent', message: e.message };
    if (e instanceof ApiError && e.kind === 'timeout') return { ...base, outcome: 'timeout', ms: opts.timeoutMs };
    return { ...base, outcome: 'failed', message: (e as Error).message };
  }
}

function direct(t: ProbeTarget, net: ProbeNetwork, opts: ProbeOptions): Promise<ProbeResult> {
  const base = { layer: t.layer, via: t.via, method: t.method, path: t.path, target: t.label, timeoutMs: opts.timeoutMs } as const;
  const standIn = net.standIns?.get(`${t.address}:${t.addressPort}`);
  const host = standIn?.host ?? t.address!;
  const port = standIn?.port ?? t.addressPort!;
  if (net.loopbackOnly && !isLoopback(host)) return Promise.resolve(notSent(t, opts, `${t.address}:${t.addressPort} is not routable from here (the demo's addresses are not real; only loopback is used)`));
  const started = Date.now();
  return new Promise((resolve) => {
    const lib = t.scheme === 'https' ? https : http;
    // The Host header (and SNI) name the site: the entry routes by it, not by the address connected to.
    const req = lib.request({ host, port, method: t.method, path: t.path, headers: { Host: t.host ?? t.address!, 'User-Agent': 'kdrill-probe' }, servername: t.host, rejectUnauthorized: false, agent: false, timeout: opts.timeoutMs }, (res) => {
      const ms = Date.now() - started;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        resolve({ ...base, outcome: 'answered', status: res.statusCode ?? 0, ms, body: Buffer.concat(chunks).subarray(0, SAMPLE_BYTES).toString('utf8') });
        res.destroy();
      };
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        if (size >= SAMPLE_BYTES) done();
      });
      res.on('end', done).on('error', done).on('close', done);
    });
    req.on('timeout', () => {
      resolve({ ...base, outcome: 'timeout', ms: opts.timeoutMs });
      req.destroy();
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ ...base, outcome: 'failed', ms: Date.now() - started, message: e.code === 'ECONNREFUSED' ? 'connection refused' : e.message }));
    req.end();
  });
}

/**
 * Sends the planned probes one after another, innermost first: pods and Services through the API
 * server's proxy subresources (after asking, once per namespace, whether the user may), entries
 * and edges directly; the same request is sent once. A hop that may not or cannot be reached is
 * `not-sent`, never an exception.
 */
export async function runProbes(targets: readonly ProbeTarget[], transport: KubeTransport, net: ProbeNetwork, opts: ProbeOptions): Promise<ProbeRun[]> {
  const access = new Map<string, Promise<string>>();
  const mayProxy = (ns: string, resource: string) => {
    const key = `${ns}/${resource}`;
    if (!access.has(key)) access.set(key, reviewAccess(transport, { verb: 'get', resource, subresource: 'proxy', namespace: ns }));
    return access.get(key)!;
  };
  const runs: ProbeRun[] = [];
  // A hop met twice (the same pods under a Gateway's two listeners) gets one request: the applications see each probe once.
  const sentAlready = new Map<string, ProbeResult>();
  for (const target of targets) {
    const key = JSON.stringify([target.via, target.method, target.path, target.resource, target.namespace, target.name, target.port, target.address, target.addressPort, target.scheme, target.host]);
    const earlier = sentAlready.get(key);
    if (earlier) {
      runs.push({ target, result: earlier });
      continue;
    }
    let result: ProbeResult;
    if (target.via === 'api-proxy') {
      const denied = transport.readonly ? undefined : (await mayProxy(target.namespace!, target.resource!)) === 'denied';
      result = denied ? notSent(target, opts, `you may not get ${target.resource}/proxy in namespace ${target.namespace}`) : await viaApiServer(target, transport, opts);
    } else result = await direct(target, net, opts);
    sentAlready.set(key, result);
    runs.push({ target, result });
  }
  return runs;
}

/** Plans, sends and applies the probes of a traced route: the trace with probe results on its nodes and its verdict. */
export async function probeTrace(trace: RouteTrace, transport: KubeTransport, net: ProbeNetwork, opts: ProbeOptions): Promise<RouteTrace> {
  return applyProbes(trace, await runProbes(planProbes(trace, opts), transport, net, opts));
}
