import { at, int, list, str } from '../columns/read.js';
import type { KubeObject } from '../types.js';

/**
 * A Service port's endpoints as kubectl's formatEndpointSlices prints them: the ready (or
 * unknown) addresses `ip:port` joined by commas, at most three, then `+ N more...`; `<none>`
 * without any slice. kubectl decides there are "more" once three are listed, even when the rest
 * are not ready, hence its `+ 0 more...`; kdrill does the same.
 */
export function formatEndpointSlices(slices: readonly KubeObject[], portName: string | undefined): string {
  if (!slices.length) return '<none>';
  const MAX = 3;
  const shown: string[] = [];
  let more = false;
  let count = 0;
  const add = (endpoint: unknown, text: () => string) => {
    if (shown.length === MAX) more = true;
    if (at(endpoint, 'conditions', 'ready') === false) return;
    if (!more) shown.push(text());
    count++;
  };
  for (const s of slices) {
    const ports = list(s.ports);
    // Headless Services may have slices without ports: their addresses alone.
    if (!ports.length) for (const e of list(s.endpoints)) add(e, () => str(at(e, 'addresses', 0)));
    for (const p of ports) {
      if (portName !== undefined && str(at(p, 'name')) !== portName) continue;
      for (const e of list(s.endpoints)) add(e, () => hostPort(str(at(e, 'addresses', 0)), int(at(p, 'port'))));
    }
  }
  return more ? `${shown.join(',')} + ${count - MAX} more...` : shown.join(',');
}

/** Go's net.JoinHostPort: IPv6 addresses in brackets. */
const hostPort = (host: string, port: number) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
