import type { KubeObject } from '../model/types.js';
import { ApiError } from './api-error.js';
import type { KubeRequest, KubeTransport } from './transport.js';
import { withoutManagedFields } from './without-managed-fields.js';

/** The annotation of the BOOKMARK that ends a streaming list's initial events. */
export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/** The query that turns a watch into a streaming list (watch-list, `sendInitialEvents`). */
export const WATCH_LIST_QUERY = { watch: 1, sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: true } as const;

// Servers (one per transport, that is per session) that refused a streaming list: their caches list page by page.
const refusedBy = new WeakSet<KubeTransport>();

/** Whether this transport's server refused a streaming list this session. */
export function watchListRefused(transport: KubeTransport): boolean {
  return refusedBy.has(transport);
}

/** What a streaming list hands to its cache. */
export interface WatchListSink {
  /** One object of the initial events. */
  item(obj: KubeObject): void;
  /** The initial-events-end bookmark: the list is whole as of this resourceVersion. */
  end(resourceVersion: string): void;
  /** A line after the end bookmark: a live watch event. */
  live(line: string): void;
}

/** A streaming list that did not reach its end bookmark; `refused` when the server will not serve one. */
class NotStreamed extends Error {
  constructor(readonly refused: boolean, message: string) {
    super(message);
  }
}

// HTTP answers that say "not this request" (an old server, the WatchList gate off), not "not now".
const REFUSING_STATUS = new Set([400, 404, 405, 406, 415, 422]);
// ERROR events that may pass: gone, throttled, unavailable, a storage still catching up.
const PASSING_ERROR = new Set([410, 429, 503, 504]);

function refusal(e: unknown): boolean {
  if (e instanceof NotStreamed) return e.refused;
  return e instanceof ApiError && e.status !== undefined && REFUSING_STATUS.has(e.status);
}

/**
 * Lists and then watches in one request (`sendInitialEvents=true`): the objects come as ADDED events,
 * then a BOOKMARK annotated `k8s.io/initial-events-end` carries the list's resourceVersion, then
 * live events follow on the same stream. Resolves 'streamed' when the stream ended after its end
 * bookmark (the caller resumes watching from there) and 'fallback' when it failed before it (the
 * caller lists page by page); a server that refused it is remembered for the transport. Failures
 * after the end bookmark reject as a watch's do.
 */
export async function streamList(transport: KubeTransport, req: KubeRequest, sink: WatchListSink): Promise<'streamed' | 'fallback'> {
  let ended = false;
  const onLine = (line: string) => {
    if (ended) return sink.live(line);
    let ev: { type?: string; object?: KubeObject & { code?: number; message?: string } };
    try {
      // No cache keeps managedFields (half a real object's bytes): cut before parsing, never made into objects.
      ev = JSON.parse(withoutManagedFields(line));
    } catch {
      throw new NotStreamed(false, 'the API server sent a watch event that is not JSON');
    }
    const obj = ev.object;
    if (!obj || typeof obj !== 'object') return;
    if (ev.type === 'ADDED') return sink.item(obj);
    if (ev.type === 'ERROR') throw new NotStreamed(!PASSING_ERROR.has(Number(obj.code)), obj.message ?? 'watch error');
    if (ev.type === 'BOOKMARK' && obj.metadata?.annotations?.[INITIAL_EVENTS_END] === 'true') {
      ended = true;
      return sink.end(obj.metadata.resourceVersion ?? '');
    }
    // A plain bookmark or a change before the end: a server that ignored sendInitialEvents and serves a plain watch.
    throw new NotStreamed(true, `a ${ev.type} event before the initial-events-end bookmark`);
  };
  try {
    await transport.lines({ ...req, query: { ...WATCH_LIST_QUERY, ...req.query } }, onLine);
  } catch (e) {
    if (ended || req.signal?.aborted) throw e;
    if (refusal(e)) refusedBy.add(transport);
    return 'fallback';
  }
  return ended ? 'streamed' : 'fallback';
}
