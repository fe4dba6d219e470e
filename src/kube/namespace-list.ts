import { CoreV1Api, makeInformer, type KubeConfig, type V1Namespace } from '@kubernetes/client-node';

/** A live list of namespace names, from a list-then-watch of the API server. */
export interface NamespaceList {
  names(): readonly string[];
  subscribe(listener: () => void): () => void;
  /** The last connection error, if the watch is failing. */
  error(): string | undefined;
  stop(): Promise<void>;
}

/** Starts watching namespaces; resolves once the first list has arrived (or failed). */
export async function watchNamespaces(kc: KubeConfig): Promise<NamespaceList> {
  const api = kc.makeApiClient(CoreV1Api);
  const informer = makeInformer<V1Namespace>(kc, '/api/v1/namespaces', () => api.listNamespace());
  const listeners = new Set<() => void>();
  let names: string[] = [];
  let lastError: string | undefined;
  let stopped = false;
  const refresh = () => {
    names = informer.list().map((n) => n.metadata?.name ?? '').sort();
    lastError = undefined;
    for (const l of listeners) l();
  };
  for (const verb of ['add', 'update', 'delete'] as const) informer.on(verb, refresh);
  informer.on('error', (err) => {
    lastError = err instanceof Error ? err.message : String(err);
    for (const l of listeners) l();
    // The informer stops on a non-410 error; resume after a pause unless we were stopped.
    if (!stopped) setTimeout(() => void informer.start().catch(() => {}), 2_000).unref();
  });
  try {
    await informer.start();
    refresh();
  } catch (e) {
    lastError = (e as Error).message;
  }
  return {
    names: () => names,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    error: () => lastError,
    stop: async () => {
      stopped = true;
      await informer.stop();
    },
  };
}
