import type { KubeObject } from '../../model/types.js';
import type { SimClock } from '../clock.js';
import { timestamp, type ObjectStore } from '../store.js';

/** Who reports an event: the component, and the node for kubelet events. */
export interface EventSource {
  component: string;
  host?: string;
}

const EVENTS = 'events';
const EVENT_TTL_MS = 60 * 60_000;

/**
 * Records core/v1 Events the way client-go's recorder does: identical events
 * (same object, type, reason, message and source) are aggregated into one with a
 * count and first/last timestamps; events expire after an hour.
 */
export class EventRecorder {
  private readonly names = new Map<string, { ns: string; name: string }>();
  private seq = 0;

  constructor(private readonly store: ObjectStore, private readonly clock: SimClock) {}

  /** Records an event about `obj`; `fieldPath` names a container (`spec.containers{nginx}`). */
  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const meta = obj.metadata ?? {};
    const ns = meta.namespace || 'default';
    const aggKey = [meta.uid, fieldPath ?? '', type, reason, message, source.component, source.host ?? ''].join('\u0000');
    const now = this.clock.now();
    const ts = timestamp(now);
    const known = this.names.get(aggKey);
    const existing = known ? this.store.get(EVENTS, known.ns, known.name) : undefined;
    if (existing) {
      this.store.update(EVENTS, { ...existing, count: (existing.count ?? 1) + 1, lastTimestamp: ts });
      return;
    }
    const name = `${meta.name}.${(now * 1000 + (this.seq++ % 1000)).toString(16).padStart(16, '0').slice(-16)}`;
    this.names.set(aggKey, { ns, name });
    this.store.create(EVENTS, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: {
        kind: obj.kind,
        namespace: meta.namespace,
        name: meta.name,
        uid: meta.uid,
        apiVersion: obj.apiVersion,
        resourceVersion: meta.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source,
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    });
  }

  /** Deletes events whose last occurrence is older than the TTL. */
  expire(): void {
    const cutoff = this.clock.now() - EVENT_TTL_MS;
    for (const ev of this.store.list(EVENTS)) {
      const last = Date.parse(ev.lastTimestamp ?? ev.metadata?.creationTimestamp ?? '');
      if (last < cutoff) this.store.remove(EVENTS, ev.metadata?.namespace, ev.metadata!.name!);
    }
    for (const [k, { ns, name }] of this.names) if (!this.store.get(EVENTS, ns, name)) this.names.delete(k);
  }
}
