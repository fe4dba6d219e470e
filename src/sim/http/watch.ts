import type { IncomingMessage, ServerResponse } from 'node:http';
import { bookmarkObject } from './bookmark.js';
import type { KubeObject } from '../../model/types.js';
import type { SimApi } from '../api/api-server.js';
import { storeKey, type SimResource } from '../resources.js';
import { GoneError, type StoreEvent } from '../store.js';

/** The parameters of one watch request. */
export interface WatchRequest {
  resource: SimResource;
  namespace?: string;
  name?: string;
  labelSelector: string | null;
  fieldSelector: string | null;
  resourceVersion: string | null;
  timeoutSeconds: number | null;
  allowBookmarks: boolean;
  /** Converts each object before sending (server-side printing), or sends it as is. */
  encode: (obj: KubeObject) => unknown;
}

/** Options of the watch server, tunable by tests. */
export interface WatchConfig {
  bookmarkIntervalMs: number;
}

/** How much a watcher that does not read may fall behind before the server drops it, as a real one does. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

/** One open watch stream; while the registry is stalled its lines wait, as on a stuck connection. */
class WatchStream {
  private held: string[] = [];
  onEnd: () => void = () => {};
  constructor(readonly res: ServerResponse, private readonly registry: WatchRegistry) {}

  write(line: string): void {
    if (this.res.writableEnded || this.res.destroyed) return;
    if (this.registry.stalled) {
      this.held.push(line);
      return;
    }
    this.res.write(line);
    if (this.res.writableLength > MAX_BUFFERED_BYTES) this.destroy();
  }

  release(): void {
    const lines = this.held;
    this.held = [];
    for (const l of lines) this.write(l);
  }

  /** Ends the stream cleanly (a watch timeout, a server-side close). */
  end(): void {
    this.onEnd();
    if (!this.res.writableEnded) this.res.end();
  }

  /** Cuts the connection. */
  destroy(): void {
    this.onEnd();
    this.res.destroy();
  }
}

/** Tracks open watch streams so that faults can close, cut or stall them and tests can count them. */
export class WatchRegistry {
  readonly open = new Set<WatchStream>();
  private stall = false;

  /** Whether watch streams currently send nothing (bytes are held back, not lost). */
  get stalled(): boolean {
    return this.stall;
  }

  /** Whether streams that allow bookmarks get them (off: a server that sends none). */
  bookmarks = true;

  /** How many BOOKMARK events were due and not sent while bookmarks were off (tests wait on it). */
  bookmarksWithheld = 0;

  /** Stops or resumes the BOOKMARK events of every stream. */
  setBookmarks(on: boolean): void {
    this.bookmarks = on;
  }

  /** Holds back (true) or releases (false) what every watch sends. */
  setStalled(on: boolean): void {
    this.stall = on;
    if (!on) for (const s of this.open) s.release();
  }

  /** Registers a new stream. */
  add(res: ServerResponse): WatchStream {
    const s = new WatchStream(res, this);
    this.open.add(s);
    return s;
  }

  /** Ends every open watch cleanly, as an API server's watch timeout does. */
  closeAll(): void {
    for (const s of [...this.open]) s.end();
  }

  /** Cuts every open watch connection abruptly (a reset). */
  destroyAll(): void {
    for (const s of [...this.open]) s.destroy();
  }
}

/** Maps a store event to what a filtered watch sees, or null when it sees nothing. */
export function filterEvent(ev: StoreEvent, pred: (o: KubeObject) => boolean): { type: string; object: KubeObject } | null {
  const now = ev.type !== 'DELETED' && pred(ev.object);
  if (ev.type === 'ADDED') return now ? { type: 'ADDED', object: ev.object } : null;
  if (ev.type === 'DELETED') return pred(ev.object) ? { type: 'DELETED', object: ev.object } : null;
  const before = ev.prev ? pred(ev.prev) : now;
  if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: ev.object };
  return before ? { type: 'DELETED', object: ev.object } : null;
}

/** Serves `?watch=true`: replays from resourceVersion, then streams live events. */
export function serveWatch(api: SimApi, watches: WatchRegistry, config: WatchConfig, req: IncomingMessage, res: ServerResponse, w: WatchRequest): void {
  // A view (events.k8s.io) follows the objects it views; `encode` converts them.
  const key = storeKey(w.resource);
  const base = api.filter(w.resource, { labelSelector: w.labelSelector, fieldSelector: w.fieldSelector });
  const pred = (o: KubeObject) =>
    (!w.namespace || o.metadata?.namespace === w.namespace) && (!w.name || o.metadata?.name === w.name) && base(o);

  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
  const stream = watches.add(res);
  const send = (type: string, object: unknown) => stream.write(JSON.stringify({ type, object }) + '\n');
  const onEvent = (ev: StoreEvent) => {
    const seen = filterEvent(ev, pred);
    if (seen) send(seen.type, w.encode(seen.object));
  };

  const rv = w.resourceVersion;
  let unsubscribe = () => {};
  const timers: NodeJS.Timeout[] = [];
  const cleanup = () => {
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    watches.open.delete(stream);
  };
  stream.onEnd = cleanup;
  if (!rv || rv === '0') {
    for (const obj of api.store.list(key, w.namespace)) if (pred(obj)) send('ADDED', w.encode(obj));
    unsubscribe = api.store.subscribe(key, onEvent);
  } else {
    try {
      const replay = api.store.since(key, Number(rv));
      unsubscribe = api.store.subscribe(key, onEvent);
      for (const ev of replay) onEvent(ev);
    } catch (e) {
      if (!(e instanceof GoneError)) throw e;
      send('ERROR', { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: e.message, reason: 'Expired', code: 410 });
      stream.end();
      return;
    }
  }

  if (w.allowBookmarks) {
    timers.push(
      setInterval(() => {
        if (!watches.bookmarks) {
          watches.bookmarksWithheld++;
          return;
        }
        send('BOOKMARK', bookmarkObject(w.resource, String(api.store.resourceVersion)));
      }, config.bookmarkIntervalMs),
    );
  }
  if (w.timeoutSeconds && w.timeoutSeconds > 0) timers.push(setTimeout(() => stream.end(), w.timeoutSeconds * 1000));
  res.on('close', cleanup);
  req.on('close', cleanup);
}
