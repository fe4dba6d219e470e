import type { ApiResource } from './discovery.js';
import type { KubeTransport } from './transport.js';

/** What a SelfSubjectAccessReview said of a cluster-wide list and watch: allowed, denied, or unknown. */
export type ClusterWideAccess = 'allowed' | 'denied' | 'unknown';

interface ReviewStatus {
  status?: { allowed?: boolean; denied?: boolean };
}

// Reviews in flight at once: each one in flight needs its own connection (a TLS handshake on both
// sides), and thirty at once at start-up cost the server and this process more than they save.
const REVIEWS_AT_ONCE = 4;

/**
 * Asks the API server whether the user may list and watch each resource across all namespaces
 * (SelfSubjectAccessReview, one per resource and verb, a few at a time). A hint only: where the review
 * cannot be made (read-only sessions send no POST, old or locked-down servers refuse it) the answer
 * is `unknown`, and a real 403 on the list always wins. Once `signal` aborts (the session stopped),
 * no review is sent and those in flight are abandoned: their answers are `unknown`.
 */
export async function reviewClusterWide(transport: KubeTransport, resources: readonly ApiResource[], signal?: AbortSignal): Promise<Map<ApiResource, ClusterWideAccess>> {
  const asks = resources.flatMap((r) => ['list', 'watch'].map((verb) => ({ r, verb })));
  const answers = new Map<ApiResource, ClusterWideAccess[]>();
  let next = 0;
  const worker = async () => {
    while (next < asks.length && !signal?.aborted) {
      const { r, verb } = asks[next++];
      const answer = await reviewAccess(transport, { verb, group: r.group, resource: r.resource }, signal);
      answers.set(r, [...(answers.get(r) ?? []), answer]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(REVIEWS_AT_ONCE, asks.length) }, worker));
  const out = new Map<ApiResource, ClusterWideAccess>();
  for (const r of resources) {
    const a = answers.get(r) ?? [];
    out.set(r, a.includes('denied') ? 'denied' : a.length === 2 && a.every((x) => x === 'allowed') ? 'allowed' : 'unknown');
  }
  return out;
}

/** What a SelfSubjectAccessReview says of one request (e.g. get pods/proxy in a namespace); `unknown` when it cannot be asked. */
export async function reviewAccess(transport: KubeTransport, attrs: { verb: string; group?: string; resource: string; subresource?: string; namespace?: string }, signal?: AbortSignal): Promise<ClusterWideAccess> {
  try {
    const res = await transport.json<ReviewStatus>({
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      method: 'POST',
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: attrs } },
      idleTimeoutMs: 10_000,
      signal,
    });
    return res.status?.allowed ? 'allowed' : 'denied';
  } catch {
    return 'unknown';
  }
}

/**
 * What the user may not read, in one short phrase for the header: the namespaces kinds refused
 * cluster-wide are read in, and the two unreadable kinds a person misses (Secrets, for TLS checks;
 * events, every pane's history). The rest (quotas, cluster-scoped kinds) is said where it is
 * missing, not in the header. Undefined: nothing is limited.
 */
export function accessNote(refusedClusterWide: Iterable<string>, home: readonly string[], unavailable: ReadonlyMap<string, string>): string | undefined {
  const notes: string[] = [];
  if ([...refusedClusterWide].some((id) => id !== 'secrets')) notes.push(`access: ${home.length === 1 ? `namespace ${home[0]}` : `namespaces ${home.join(', ')}`} only`);
  const unreadable = new Set([...unavailable].filter(([, why]) => /forbidden/i.test(why)).map(([id]) => id));
  for (const id of ['secrets', 'events']) if (unreadable.has(id)) notes.push(`${id}: not readable`);
  return notes.length ? notes.join('  ') : undefined;
}
