import type { OutsideHop } from './outside-hop.js';
import { dnsHop } from './trace-dns-hop.js';
import { edgeHop } from './trace-edge-hop.js';

/** The hops before the cluster, in the order a request meets them (and the trace shows them): one line per kind. */
export const OUTSIDE_HOPS: readonly OutsideHop[] = [dnsHop, edgeHop];
