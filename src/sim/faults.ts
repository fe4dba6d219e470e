import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { SimHttpServer } from './http/server.js';
import { readJson, sendJson } from './http/respond.js';
import type { WatchRegistry } from './http/watch.js';
import { route } from './http/routes.js';
import { resourceKey, type ResourceRegistry } from './resources.js';
import type { ObjectStore } from './store.js';

/** A failure answered instead of the real response. */
export interface InjectedError {
  status: number;
  retryAfterSeconds?: number;
  /** Only requests whose path matches. */
  match?: RegExp;
  /** Only watch requests. */
  watchOnly?: boolean;
  /** The Status message to answer with (a hostile server's, in tests). */
  message?: string;
}

const REASONS: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 410: 'Expired', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable' };

/**
 * The simulated cluster's fault switches, for tests and demos: dropped and stalled watches,
 * 410 storms, 429/5xx answers, forbidden kinds, a slow or silent server, an API server that
 * goes down and comes back on the same port. Also reachable over HTTP at `/kdrill-sim/faults`.
 */
export class Faults {
  private errors: { error: InjectedError; remaining: number; until: number }[] = [];
  private readonly forbidden = new Set<string>();
  private slowMs = 0;
  private silent = false;
  private readonly held = new Set<ServerResponse>();
  private disposed = false;
  private token: string | undefined;

  constructor(
    private readonly http: SimHttpServer,
    private readonly watches: WatchRegistry,
    private readonly store: ObjectStore,
    private readonly registry: ResourceRegistry,
    private readonly port: () => number,
  ) {
    http.interceptor = (req, res) => this.intercept(req, res);
    http.admin = (req, res) => this.adminRequest(req, res);
  }

  /** Answers the next `count` matching requests with an error (or all of them for `forMs`). */
  fail(error: InjectedError, count = 1, forMs = 0): void {
    this.errors.push({ error, remaining: forMs ? Infinity : count, until: forMs ? Date.now() + forMs : Infinity });
  }

  /** An aggregated API down (`metrics.k8s.io/v1beta1`): 503 on its paths, Stale in aggregated discovery. */
  breakGroupVersion(groupVersion: string, on = true): void {
    if (on) this.http.staleGroupVersions.add(groupVersion);
    else this.http.staleGroupVersions.delete(groupVersion);
  }

  /** Answers 403 to every request for a resource (`pods`, `deployments.apps`). */
  forbid(resource: string, on = true): void {
    if (on) this.forbidden.add(resource);
    else this.forbidden.delete(resource);
  }

  /** Answers 401 unless requests carry this bearer token (undefined: no check). */
  requireToken(token: string | undefined): void {
    this.token = token;
  }

  /** Delays every response. */
  slow(ms: number): void {
    this.slowMs = ms;
  }

  /** Accepts requests and never answers them (a server that hangs). */
  setSilent(on: boolean): void {
    this.silent = on;
    if (!on) for (const res of this.held) res.destroy();
    this.held.clear();
  }

  /** Ends every watch cleanly. */
  closeWatches(): void {
    this.watches.closeAll();
  }

  /** Cuts every watch connection. */
  resetWatches(): void {
    this.watches.destroyAll();
  }

  /** Watches keep their connections but send nothing until released. */
  stallWatches(on: boolean): void {
    this.watches.setStalled(on);
  }

  /** Watches send no BOOKMARK events, even when asked for them (a server or proxy that drops them). */
  noBookmarks(on = true): void {
    this.watches.setBookmarks(!on);
  }

  /** Streaming lists (sendInitialEvents) are refused as the recorded server refused them: 200, then one ERROR event 500. */
  refuseWatchList(on = true): void {
    this.watches.watchList = !on;
  }

  /** Drops the watch history, so every resume answers 410 Gone. */
  compact(): void {
    this.store.compact();
  }

  /**
   * The API server goes down (open connections cut at once, new ones refused) until `up()` is
   * called (once or more), then comes back on the same port. Tests hold it down while they check
   * what a client does meanwhile: an outage of fixed length can end before a loaded machine has looked.
   */
  down(): { up(): Promise<void> } {
    const closed = this.http.goDown();
    let back: Promise<void> | undefined;
    return {
      up: () =>
        (back ??= closed.then(async () => {
          if (!this.disposed) await this.http.listen(this.port());
        })),
    };
  }

  /** The API server goes down (connections refused) for `ms`, then comes back on the same port. */
  async outage(ms: number): Promise<void> {
    const outage = this.down();
    await delay(ms);
    await outage.up();
  }

  /** Turns every switch off for good (the cluster is stopping). */
  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  /** Clears every switch. */
  clear(): void {
    this.errors = [];
    this.forbidden.clear();
    this.slowMs = 0;
    this.token = undefined;
    this.setSilent(false);
    this.watches.setStalled(false);
    this.watches.setBookmarks(true);
    this.watches.watchList = true;
    this.http.staleGroupVersions.clear();
  }

  private async intercept(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (this.silent) {
      this.held.add(res);
      res.on('close', () => this.held.delete(res));
      return true;
    }
    if (this.slowMs) await delay(this.slowMs);
    if (this.token !== undefined && req.headers.authorization !== `Bearer ${this.token}`) {
      this.answer(res, 401, 'Unauthorized');
      return true;
    }
    const url = new URL(req.url ?? '/', 'http://sim');
    for (const gv of this.http.staleGroupVersions) {
      if (url.pathname === `/apis/${gv}` || url.pathname.startsWith(`/apis/${gv}/`)) {
        this.answer(res, 503, 'the server is currently unable to handle the request');
        return true;
      }
    }
    const watch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
    const r = route(this.registry, url.pathname);
    if (r.type === 'resource' && this.forbidden.has(resourceKey(r.resource))) {
      const what = r.resource.group ? `${r.resource.resource}.${r.resource.group}` : r.resource.resource;
      this.answer(res, 403, `${what} is forbidden: User "kdrill-sim-user" cannot ${watch ? 'watch' : 'list'} resource "${r.resource.resource}" in API group "${r.resource.group}"${r.namespace ? ` in the namespace "${r.namespace}"` : ' at the cluster scope'}`);
      return true;
    }
    const now = Date.now();
    this.errors = this.errors.filter((e) => e.remaining > 0 && e.until > now);
    const hit = this.errors.find((e) => (!e.error.match || e.error.match.test(url.pathname)) && (!e.error.watchOnly || watch));
    if (!hit) return false;
    hit.remaining--;
    this.answer(res, hit.error.status, hit.error.message ?? (hit.error.status === 410 ? 'too old resource version' : `injected fault ${hit.error.status}`), hit.error.retryAfterSeconds);
    return true;
  }

  private answer(res: ServerResponse, code: number, message: string, retryAfter?: number): void {
    if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
    sendJson(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: REASONS[code] ?? 'Unknown', code });
  }

  /** POST /kdrill-sim/faults {"action": ...}: the same switches for a simulator in another process. */
  private async adminRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname !== '/kdrill-sim/faults' || req.method !== 'POST') return false;
    const body = ((await readJson(req)) ?? {}) as Record<string, any>;
    const actions: Record<string, () => void | Promise<void>> = {
      fail: () => this.fail({ status: Number(body.status ?? 500), retryAfterSeconds: body.retryAfterSeconds, match: body.match ? new RegExp(body.match) : undefined, watchOnly: !!body.watchOnly }, Number(body.count ?? 1), Number(body.forMs ?? 0)),
      forbid: () => this.forbid(String(body.resource), body.on !== false),
      slow: () => this.slow(Number(body.ms ?? 0)),
      requireToken: () => this.requireToken(body.token === undefined ? undefined : String(body.token)),
      silent: () => this.setSilent(body.on !== false),
      closeWatches: () => this.closeWatches(),
      resetWatches: () => this.resetWatches(),
      stallWatches: () => this.stallWatches(body.on !== false),
      noBookmarks: () => this.noBookmarks(body.on !== false),
      refuseWatchList: () => this.refuseWatchList(body.on !== false),
      compact: () => this.compact(),
      outage: () => void this.outage(Number(body.ms ?? 5_000)),
      breakGroupVersion: () => this.breakGroupVersion(String(body.groupVersion), body.on !== false),
      clear: () => this.clear(),
    };
    const action = actions[String(body.action)];
    if (!action) {
      sendJson(res, 400, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 400, reason: 'BadRequest', message: `unknown fault action; one of: ${Object.keys(actions).join(', ')}` });
      return true;
    }
    // Answer before an outage takes the server down.
    sendJson(res, 200, { ok: true });
    await action();
    return true;
  }
}
