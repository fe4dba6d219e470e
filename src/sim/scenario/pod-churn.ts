import type { ObjectStore } from '../store.js';

/**
 * Updates `rate` pods a second (an annotation bump each, as a busy cluster's status
 * updates would be), round-robin over the pods there are, for `seconds` seconds (or until
 * stopped). Ticks catch up with the schedule, so the rate holds even when the loop slips.
 * Calls `done` with the number of updates once finished; returns a stop function.
 */
export function startPodChurn(store: ObjectStore, rate: number, seconds = Infinity, done: (updates: number) => void = () => {}): () => void {
  const pods = store.list('pods').map((p) => [p.metadata!.namespace!, p.metadata!.name!] as const);
  const total = rate * seconds;
  const started = Date.now();
  let sent = 0;
  const timer = setInterval(() => {
    const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * rate));
    for (; sent < due && pods.length; sent++) {
      const [ns, name] = pods[sent % pods.length];
      const cur = store.get('pods', ns, name);
      if (cur) store.update('pods', { ...cur, metadata: { ...cur.metadata, annotations: { ...cur.metadata!.annotations, 'kdrill.dev/churn': String(sent) } } });
    }
    if (sent >= total) {
      clearInterval(timer);
      done(sent);
    }
  }, 10);
  return () => clearInterval(timer);
}
