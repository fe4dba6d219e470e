import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import type { EntryPoint } from './entry-points.js';
import type { TraceQuery } from './route-hop.js';
import type { RouteNode } from './route-types.js';

/** What every hop before the cluster compares with: where the cluster takes the host's traffic. */
export interface OutsideContext {
  entries: EntryPoint[];
  /** Why `entries` may be incomplete (see entryBlindSpot): then a miss proves nothing. */
  blind?: string;
}

/**
 * One hop before the cluster (DNS, an edge proxy): each is its own module with this shape and
 * one line in the registry (outside-hops.ts). Its inputs (a DNS answer, parsed configuration)
 * come with the query: the model never looks anything up itself.
 */
export interface OutsideHop {
  name: string;
  /** Resources its trace reads beyond the entry hops': nodes (cluster-wide) and controller pods and Services (in controllerNamespaces()). */
  resources: readonly string[];
  /** Its nodes, shown above the cluster's, with their findings (none when it has no input). */
  trace(indexes: ClusterIndexes, query: TraceQuery, context: OutsideContext): RouteNode[];
}
