import type { ForwardState } from '../kube/port-forwards.js';
import { sanitize } from '../model/sanitize.js';
import type { RouteRow } from '../model/view/route-rows.js';

/** Headers of the port-forwards view (`:pf`). */
export const FORWARD_HEADERS = ['CONTEXT', 'NAMESPACE', 'TARGET', 'PORT', 'LOCAL', 'VIA POD', 'CONNS', 'SENT', 'RECEIVED', 'ERRORS', 'NOTE'];

/** Bytes as people read them: 812B, 4.1KiB, 2.3MiB. */
export function bytesText(n: number): string {
  if (n < 1024) return `${n}B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)}KiB`;
  return `${(n / 1024 / 1024).toFixed(1)}MiB`;
}

/** One row per running forward, keyed by its id; a forward whose pod went away is a warning, one that failed an error. */
export function forwardRows(forwards: readonly ForwardState[], podExists: (namespace: string, pod: string) => boolean): RouteRow[] {
  return forwards.map((f) => {
    // Said as soon as the cluster says it, not only when the next connection finds out.
    const gone = f.via && !podExists(f.namespace, f.via) ? (f.target.startsWith('pod/') ? `pod ${f.via} is gone: the forward has nowhere to go` : `pod ${f.via} is gone: the next connection picks another ready pod`) : undefined;
    const note = gone ?? f.note ?? '';
    return {
      key: String(f.id),
      cells: [f.context, f.namespace, f.target, f.remote, `${f.address}:${f.localPort}`, f.via ?? '', String(f.connections), bytesText(f.bytesUp), bytesText(f.bytesDown), String(f.errors), sanitize(note, true)],
      health: /gone|no ready pod|not running|Pending|Failed|Succeeded/.test(note) ? 'error' : f.errors ? 'warn' : 'ok',
    };
  });
}
