import type { KubeObject } from '../model/types.js';
import { abortableDelay } from './abortable-delay.js';
import { ApiError } from './api-error.js';
import { collectionPath, type ApiResource, type Discovery } from './discovery.js';
import type { KubeTransport } from './transport.js';

/** What a followed object is: loading, its whole latest state, or why it could not be read. */
export interface FollowedObject {
  object?: KubeObject;
  /** The object was deleted: `object` is its last state. */
  deleted: boolean;
  error?: string;
}

/** The served resource of an object (its kind in its apiVersion's group). */
export function resourceOfObject(discovery: Discovery, o: KubeObject): ApiResource | undefined {
  const apiVersion = String(o.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return discovery.resources.find((r) => r.kind === o.kind && (r.group ?? '') === group);
}

/**
 * One object, whole, as the server has it: a GET, then a watch of that object alone
 * (fieldSelector metadata.name=) while it is followed. The caches keep slim objects; the YAML
 * and describe panes show this. A deletion keeps the last state; a dropped watch resumes, a
 * 410 reads the object again.
 */
export class ObjectFollower {
  private state: FollowedObject = { deleted: false };
  private readonly abort = new AbortController();
  private readonly listeners = new Set<() => void>();
  private rv = '';
  /** Requests made, for tests: GETs and watches. */
  readonly stats = { gets: 0, watches: 0 };

  constructor(
    private readonly transport: KubeTransport,
    private readonly resource: ApiResource,
    private readonly namespace: string | undefined,
    private readonly name: string,
    private readonly retryMs = 1_000,
    /** The watch opens only once the object has been looked at this long: a cursor run through a pane costs a GET a row, not a watch. */
    private readonly watchAfterMs = 500,
  ) {}

  /** Starts the GET and the watch; returns this. */
  start(): this {
    void this.run();
    return this;
  }

  stop(): void {
    this.abort.abort();
  }

  /** The state now (a new object at each change: a useSyncExternalStore snapshot). */
  getState = (): FollowedObject => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private get collection(): string {
    return collectionPath(this.resource, this.resource.namespaced ? this.namespace : undefined);
  }

  private async run(): Promise<void> {
    let needGet = true;
    while (!this.abort.signal.aborted && !this.state.deleted) {
      try {
        if (needGet) {
          this.stats.gets++;
          const o = await this.transport.json<KubeObject>({ path: `${this.collection}/${encodeURIComponent(this.name)}`, signal: this.abort.signal });
          this.rv = String(o.metadata?.resourceVersion ?? '');
          this.set({ object: o, deleted: false });
          if (!this.stats.watches) await this.pause(this.watchAfterMs);
          if (this.abort.signal.aborted) return;
          needGet = false;
        }
        this.stats.watches++;
        await this.transport.lines(
          { path: this.collection, query: { watch: 1, fieldSelector: `metadata.name=${this.name}`, resourceVersion: this.rv, allowWatchBookmarks: true, timeoutSeconds: 300 }, signal: this.abort.signal, idleTimeoutMs: 0 },
          (line) => this.onLine(line),
        );
      } catch (e) {
        if (this.abort.signal.aborted || this.state.deleted) return;
        const err = e instanceof ApiError ? e : new ApiError('other', String(e));
        if (err.kind === 'gone') needGet = true;
        else if (needGet && err.kind === 'not-found') return this.set({ ...this.state, deleted: true });
        else if (needGet) this.set({ ...this.state, error: err.message });
        await this.pause(this.retryMs);
      }
    }
  }

  /** Waits, or less when stopped. */
  private pause(ms: number): Promise<void> {
    return abortableDelay(ms, this.abort.signal);
  }

  private onLine(line: string): void {
    const ev = JSON.parse(line) as { type?: string; object?: KubeObject & { code?: number; message?: string } };
    const o = ev.object;
    if (!o) return;
    if (ev.type === 'ERROR') throw new ApiError(o.code === 410 ? 'gone' : 'server', o.message ?? 'watch error', o.code);
    if (o.metadata?.resourceVersion) this.rv = o.metadata.resourceVersion;
    if (ev.type === 'BOOKMARK' || o.metadata?.name !== this.name) return;
    if (ev.type === 'DELETED') {
      this.set({ object: this.state.object ?? o, deleted: true });
      // Nothing more to follow: the pane keeps the last state.
      throw new ApiError('other', 'deleted');
    }
    this.set({ object: o, deleted: false });
  }

  private set(state: FollowedObject): void {
    this.state = state;
    for (const l of [...this.listeners]) l();
  }
}
