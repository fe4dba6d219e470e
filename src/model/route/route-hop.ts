import type { DnsAnswer, EdgeConfig } from '../edge/edge-types.js';
import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import type { Diagnostic, RouteNode } from './route-types.js';

/** What to trace: a host, optionally a request path and port, optionally only routes of one namespace. */
export interface TraceQuery {
  host: string;
  path?: string;
  /** The port the request arrives on (from `https://` or `:8443`): only listeners on it are traced. */
  port?: number;
  namespace?: string;
  /** Leave out the pod and container nodes (the verdict and every diagnostic above pods stay the same). */
  summary?: boolean;
  /** What the host resolved to (looked up by the command): the DNS hop's input. */
  dns?: DnsAnswer;
  /** Edge proxies' configurations (read by the command): the edge hop's input. */
  edges?: EdgeConfig[];
}

/** What an entry hop found for a request: its nodes (under the host), findings about the host, and whether it serves it. */
export interface EntryHopResult {
  nodes: RouteNode[];
  /** Findings about the host as a whole (precedence, conflicts, no matching path). */
  diagnostics: Diagnostic[];
  /** Whether something of this kind takes the host's requests (an Ingress rule, an attached route). */
  claimed: boolean;
  /** A word for the host line, e.g. `2 ingresses` (undefined when it found nothing). */
  summary?: string;
}

/**
 * One way a host's traffic enters the cluster (Ingress, Gateway API): the first hop of a route.
 * Each is its own module with this shape and one line in the registry (route-hops.ts); what it
 * leads to (Service, pods, containers) is traced by the shared hops.
 */
export interface EntryHop {
  name: string;
  /** Resources that say where a host's traffic goes: enough to find the namespaces the rest lives in. */
  entryResources: readonly string[];
  /** Every resource its trace reads. */
  resources: readonly string[];
  /** Resources that may legitimately not be served (a cluster without the Gateway API): then the hop is silent. */
  optional?: boolean;
  /** The namespaces its route for a host leads to (where Services and pods must be read). */
  namespaces(indexes: ClusterIndexes, query: TraceQuery): string[];
  /** Every host pattern it knows (for the hosts view and "did you mean"). */
  hosts(indexes: ClusterIndexes): string[];
  /** The hop's nodes and findings for a request. */
  trace(indexes: ClusterIndexes, query: TraceQuery, now: number): EntryHopResult;
}
