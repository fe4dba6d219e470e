import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { KubeObject } from '../../model/types.js';
import type { HttpBehaviour, ImageCatalog } from '../images.js';
import { appResponse, guessBodyStyle, type AppResponse } from './http-bodies.js';

/** A request as a container sees it. */
export interface AppRequest {
  method: string;
  /** The path with its query, as the request line carries it. */
  path: string;
  headers?: Record<string, string | string[] | undefined>;
}

/** What connecting to a pod's port finds: a listening container, or why the connection fails. */
export type PortTarget =
  | { state: 'open'; pod: KubeObject; podIP: string; port: number; container: string; image: string; behaviour: HttpBehaviour; ready: boolean; readinessPath?: string }
  | { state: 'hang'; podIP: string; port: number; container: string }
  | { state: 'refused'; podIP: string; port: number | string; why: string }
  | { state: 'no-ip' };

/** The port a container declares under a name or number, and the container; undefined when none does. */
function declaring(pod: KubeObject, port: number | string): { container: any; number: number } | undefined {
  const containers: any[] = pod.spec?.containers ?? [];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (typeof port === 'string' ? p.name === port : p.containerPort === port) return { container: c, number: p.containerPort };
    }
  }
  // An application listens where it listens: an undeclared port of a one-container pod is still its.
  if (typeof port === 'number' && containers.length === 1) return { container: containers[0], number: port };
  return undefined;
}

/** Resolves a pod's port (a number, a numeric string or a port name) to what a connection to it finds. */
export function resolvePort(images: ImageCatalog, pod: KubeObject, portArg: number | string): PortTarget {
  const podIP: string | undefined = pod.status?.podIP;
  if (!podIP) return { state: 'no-ip' };
  const port = typeof portArg === 'string' && /^\d+$/.test(portArg) ? Number(portArg) : portArg;
  const found = declaring(pod, port);
  if (!found) return { state: 'refused', podIP, port, why: typeof port === 'string' ? 'unknown port' : 'connection refused' };
  const status = (pod.status?.containerStatuses ?? []).find((s: any) => s.name === found.container.name);
  // A container that is not running (pulling, crashed, waiting to restart) has nothing listening.
  if (!status?.state?.running) return { state: 'refused', podIP, port: found.number, why: 'connection refused' };
  const image: string = found.container.image ?? '';
  const behaviour = images.get(image).http ?? {};
  if (behaviour.listen === 'refused') return { state: 'refused', podIP, port: found.number, why: 'connection refused' };
  if (behaviour.listen === 'hang') return { state: 'hang', podIP, port: found.number, container: found.container.name };
  const probe = found.container.readinessProbe?.httpGet;
  return { state: 'open', pod, podIP, port: found.number, container: found.container.name, image, behaviour, ready: status.ready === true, readinessPath: probe?.path };
}

/** The error a dialer reports for a target that does not answer, as Go's net package words it. */
export function dialError(target: PortTarget): string {
  if (target.state === 'no-ip') return 'address not allowed';
  if (target.state === 'refused') return typeof target.port === 'string' ? `dial tcp: address ${target.podIP}:${target.port}: unknown port` : `dial tcp ${target.podIP}:${target.port}: connect: ${target.why}`;
  return `dial tcp ${target.podIP}:${target.port}: i/o timeout`;
}

function longestPrefix(paths: Record<string, unknown> | undefined, path: string): string | undefined {
  return Object.keys(paths ?? {})
    .filter((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`) || path.startsWith(`${p}?`))
    .sort((a, b) => b.length - a.length)[0];
}

/** What an open port answers a request with, and how long it takes (wall-clock milliseconds). */
export function answerRequest(target: Extract<PortTarget, { state: 'open' }>, req: AppRequest): { response: AppResponse; delayMs: number } {
  const b = target.behaviour;
  const path = req.path || '/';
  const bare = path.split('?')[0];
  const style = b.body ?? guessBodyStyle(target.image);
  const prefix = longestPrefix(b.paths, bare);
  const rule = prefix !== undefined ? b.paths![prefix] : undefined;
  let status = rule?.status ?? b.status ?? 200;
  // A container that is not ready answers its readiness path with the 503 that keeps it out of its Services.
  if (!target.ready && target.readinessPath && bare === target.readinessPath) status = 503;
  const delayMs = rule?.delayMs ?? b.delayMs ?? 0;
  const response = appResponse(style, target.image, status, bare, rule?.body);
  if (req.method.toUpperCase() === 'HEAD') return { response: { ...response, headers: { ...response.headers, 'Content-Length': String(Buffer.byteLength(response.body)) }, body: '' }, delayMs };
  return { response, delayMs };
}

/** A Node request handler that answers as the container behind `target` does (port-forward and loopback stand-ins feed it). */
export function containerHandler(target: PortTarget): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (target.state !== 'open') {
      // Only reached for a hanging port: the request is read and never answered.
      req.resume();
      return;
    }
    const { response, delayMs } = answerRequest(target, { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers });
    const send = () => {
      if (res.destroyed) return;
      const headers = response.body || req.method === 'HEAD' ? response.headers : { ...response.headers, 'Content-Length': '0' };
      res.writeHead(response.status, headers);
      res.end(req.method === 'HEAD' ? undefined : response.body);
    };
    req.resume();
    if (delayMs > 0) {
      const timer = setTimeout(send, delayMs);
      res.on('close', () => clearTimeout(timer));
    } else send();
  };
}

/**
 * Serves a raw byte stream as a connection to the pod's port (port-forward): HTTP/1.1 requests on it are
 * answered as the container does. Returns the dial error instead (nothing served, the stream destroyed)
 * when nothing listens there.
 */
export function serveConnection(images: ImageCatalog, pod: KubeObject, port: number | string, stream: Duplex): string | undefined {
  const target = resolvePort(images, pod, port);
  if (target.state === 'refused' || target.state === 'no-ip') {
    stream.destroy();
    return dialError(target);
  }
  const server = createServer(containerHandler(target));
  server.emit('connection', stream);
  return undefined;
}
