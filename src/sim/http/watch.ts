import type { IncomingMessage, ServerResponse } from 'node:http';
import { bookmarkObject } from './bookmark.js';
import { initialEventsEnd, watchListRefusal } from './watch-list.js';
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
  /** `sendInitialEvents` (a streaming list): true, false, or null when not asked (validated before). */
  sendInitialEvents: boolean | null;
  /** Converts each object before sending (server-side printing), or sends it as is. */
  encode: (obj: KubeObject) => unknown;
}

/** Options of the watch server, tunable by tests. */
export interface WatchConfig {
  bookmarkIntervalMs: number;
}

/** How much a watcher that does not read may fall behind before the server drops it, as a real one does. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

// A streaming list's initial events wait for the client to read past this before more are written.
const INITIAL_EVENTS_HIGH_WATER = 1024 * 1024;

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

  /** Resolves when the client has read what was written (below a high-water mark), or the stream is gone. */
  async drained(): Promise<void> {
    while (!this.res.writableEnded && !this.res.destroyed && this.res.writableLength > INITIAL_EVENTS_HIGH_WATER) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.res.off('drain', done);
          this.res.off('close', done);
          resolve();
        };
        this.res.once('drain', done);
        this.res.once('close', done);
      });
    }
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

  /** Whether streaming lists (sendInitialEvents) are served; off: refused as the recorded server did (200, one ERROR event 500). */
  watchList = true;

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

/**
 * Serves `?watch=true`: replays from resourceVersion, then streams live events. With
 * `sendInitialEvents=true` (a streaming list) it sends every object as ADDED in key order, then a
 * BOOKMARK annotated `k8s.io/initial-events-end` with the list's resourceVersion, then live events.
 */
export function serveWatch(api: SimApi, watches: WatchRegistry, config: WatchConfig, req: IncomingMessage, res: ServerResponse, w: WatchRequest): void {
  // A view (events.k8s.io) follows the objects it views; `encode` converts them.
  const key = storeKey(w.resource);
  const base = api.filter(w.resource, { labelSelector: w.labelSelector, fieldSelector: w.fieldSelector });
  const pred = (o: KubeObject) =>
    (!w.namespace || o.metadata?.namespace === w.namespace) && (!w.name || o.metadata?.name === w.name) && base(o);

  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
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
  // No periodic BOOKMARK comes before a streaming list's initial events are out, as on a real server.
  let initialEventsOut = true;
  if (w.sendInitialEvents === true) {
    // As recorded: the server took the request (200), then refused it with one ERROR event.
    if (!watches.watchList && w.allowBookmarks) {
      send('ERROR', watchListRefusal());
      stream.end();
      return;
    }
    const objects = api.store.list(key, w.namespace);
    const listRv = String(api.store.resourceVersion);
    // Changes made while the initial events stream wait for them, so that they follow the end bookmark.
    let queued: StoreEvent[] | undefined = [];
    initialEventsOut = false;
    unsubscribe = api.store.subscribe(key, (ev) => (queued ? queued.push(ev) : onEvent(ev)));
    void (async () => {
      for (const obj of objects) {
        if (res.destroyed || res.writableEnded) return;
        if (pred(obj)) send('ADDED', w.encode(obj));
        await stream.drained();
      }
      if (w.allowBookmarks) send('BOOKMARK', initialEventsEnd(bookmarkObject(w.resource, listRv)));
      const later = queued ?? [];
      queued = undefined;
      initialEventsOut = true;
      for (const ev of later) onEvent(ev);
    })();
  } else if (w.sendInitialEvents === false && !rv) {
    unsubscribe = api.store.subscribe(key, onEvent);
  } else if (!rv || rv === '0') {
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
        if (!initialEventsOut) return;
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
