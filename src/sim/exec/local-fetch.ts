import { STATUS_CODES } from 'node:http';
import { answerRequest, resolvePort } from '../app/container-http.js';
import type { ImageCatalog } from '../images.js';
import type { ContainerEnv } from './container-env.js';
import type { FetchResult } from './shell-commands.js';

/** How curl and wget in a container reach the pod's own ports: its containers answer as they do to the proxy and port-forward. */
export function localFetch(images: ImageCatalog, env: ContainerEnv): (host: string, port: number, path: string, method: string) => Promise<FetchResult> {
  const own = new Set(['localhost', '127.0.0.1', '0.0.0.0', '::1', env.hostname, env.podIP]);
  return async (host, port, path, method) => {
    if (!own.has(host)) return { failure: 'unresolved' };
    const target = resolvePort(images, env.pod, port);
    if (target.state === 'hang') return { failure: 'timeout' };
    if (target.state !== 'open') return { failure: 'refused' };
    const { response, delayMs } = answerRequest(target, { method, path });
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(delayMs, 10_000)));
    return { status: response.status, statusText: STATUS_CODES[response.status] ?? '', headers: response.headers, body: response.body };
  };
}
