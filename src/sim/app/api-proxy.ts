import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../../model/types.js';
import { StatusError } from '../api/status-error.js';
import type { ImageCatalog } from '../images.js';
import type { ObjectStore } from '../store.js';
import { answerRequest, dialError, resolvePort } from './container-http.js';
import type { ProxyPath } from './proxy-path.js';

// The methods the API server's proxy subresources pass on (connect verbs); others are refused.
const PROXY_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function notFoundIn(kind: 'pods' | 'services', name: string): StatusError {
  return new StatusError(404, 'NotFound', `${kind} "${name}" not found`, { name, kind });
}

const unavailable = (message: string) => new StatusError(503, 'ServiceUnavailable', message);

/** The ready endpoint addresses of a Service's port, each with its pod and target port, as the Endpoints object lists them. */
function readyEndpoints(store: ObjectStore, svc: KubeObject, portArg: string): { pod: string; port: number }[] {
  const ports: any[] = svc.spec?.ports ?? [];
  // A port number names the Service port that has it; the endpoints are found by that port's name ('' when unnamed).
  const portName = /^\d+$/.test(portArg) ? ports.find((p) => String(p.port) === portArg)?.name ?? '\0none' : portArg;
  const eps = store.get('endpoints', svc.metadata?.namespace, svc.metadata!.name!);
  const out: { pod: string; port: number }[] = [];
  for (const subset of eps?.subsets ?? []) {
    const port = (subset.ports ?? []).find((p: any) => (p.name ?? '') === portName);
    if (!port) continue;
    for (const a of subset.addresses ?? []) if (a.targetRef?.kind === 'Pod') out.push({ pod: a.targetRef.name, port: port.port });
  }
  return out;
}

/** The simulator's `pods/proxy` and `services/proxy`: finds the pod and port as the API server does, then lets its container answer. */
export class ApiProxy {
  private next = 0;

  constructor(private readonly store: ObjectStore, private readonly images: ImageCatalog) {}

  /** Answers one proxy request (authorized already); errors are thrown as the API server's Status answers. */
  async serve(req: IncomingMessage, res: ServerResponse, p: ProxyPath, search: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (!PROXY_METHODS.has(method)) throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
    let pod: KubeObject | undefined;
    let port: string;
    if (p.resource === 'pods') {
      pod = this.store.get('pods', p.namespace, p.name);
      if (!pod) throw notFoundIn('pods', p.name);
      // No port: the first port of the first container that declares one, as the API server picks it.
      port = p.port || String((pod.spec?.containers ?? []).flatMap((c: any) => c.ports ?? [])[0]?.containerPort ?? '');
    } else {
      const svc = this.store.get('services', p.namespace, p.name);
      // An ExternalName Service has no endpoints object to proxy through: the recorded server answers 404 for it.
      if (!svc || svc.spec?.type === 'ExternalName') throw notFoundIn('services', p.name);
      const eps = readyEndpoints(this.store, svc, p.port);
      if (eps.length === 0) throw unavailable(`no endpoints available for service "${p.name}"`);
      const pick = eps[this.next++ % eps.length];
      pod = this.store.get('pods', p.namespace, pick.pod);
      if (!pod) throw unavailable(`no endpoints available for service "${p.name}"`);
      port = String(pick.port);
    }
    const target = resolvePort(this.images, pod, port || 80);
    if (target.state === 'no-ip') throw new StatusError(400, 'BadRequest', 'address not allowed');
    if (target.state === 'refused') throw unavailable(`error trying to reach service: ${dialError(target)}`);
    req.resume();
    // A hanging container: the request waits until the client gives up.
    if (target.state === 'hang') return;
    const { response, delayMs } = answerRequest(target, { method, path: `${p.path}${search}`, headers: req.headers });
    if (delayMs > 0) await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delayMs);
      res.once('close', () => (clearTimeout(timer), resolve()));
    });
    if (res.destroyed) return;
    res.writeHead(response.status, { ...response.headers, ...(method === 'HEAD' ? {} : { 'Content-Length': String(Buffer.byteLength(response.body)) }) });
    res.end(method === 'HEAD' ? undefined : response.body);
  }
}
