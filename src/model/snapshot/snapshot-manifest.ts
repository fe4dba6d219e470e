/** The name of a snapshot's manifest file, at its top. */
export const SNAPSHOT_MANIFEST = 'kdrill-snapshot.yaml';

/** One kind a snapshot holds, in one scope. */
export interface IncludedKind {
  resource: string;
  apiVersion: string;
  kind: string;
  /** `cluster`, `all namespaces`, or `namespace NAME`. */
  scope: string;
  objects: number;
}

/** Something a snapshot could not read, and the server's reason. */
export interface UnreadableKind {
  resource: string;
  scope: string;
  why: string;
  /** The kind's apiVersion and kind (absent for pods/log): a snapshot serves the kind, refusing it as the cluster did. */
  apiVersion?: string;
  kind?: string;
}

/** `kdrill-snapshot.yaml`: when and where a snapshot was taken, what it holds and what it could not read. */
export interface SnapshotManifest {
  apiVersion: string;
  kind: 'Snapshot';
  capturedAt: string;
  context: string;
  server: string;
  serverVersion: string;
  /** The kubeconfig's user entry name (never its credentials). */
  user: string;
  /** The context's namespace (where kinds refused across all namespaces were read). */
  namespace: string;
  namespaces: string[] | 'all';
  included: IncludedKind[];
  unreadable: UnreadableKind[];
  /** Kinds asked for that the server does not serve. */
  notServed: string[];
  /** Where the user's access was limited, in the explorer header's words (absent: it was not). */
  access?: string;
  logs: { tailLines: number; sinceSeconds?: number; containers: number; unavailable: { container: string; why: string }[] };
  redaction: { secrets: string; env: string; credentials: string };
}

/** The path of a container's captured log inside a snapshot (`previous`: the instance before the last restart). */
export function logPath(namespace: string, pod: string, container: string, previous: boolean): string {
  return `logs/${namespace}/${pod}/${container}${previous ? '.previous' : ''}.log`;
}

/** The first line of the explorer's header on a snapshot: whose and when, and that it is not live. */
export function snapshotBanner(m: Pick<SnapshotManifest, 'context' | 'capturedAt'>): string {
  return `snapshot of ${m.context} at ${m.capturedAt} (not live)`;
}

/**
 * What the route trace says of DNS in a snapshot: no DNS answers are recorded at capture, so a DNS
 * hop (when there is one) is not available offline rather than resolved against today's DNS.
 */
export const SNAPSHOT_DNS_NOTE = 'DNS is not available offline: the snapshot records no DNS answers';
