import type { EntryHop } from './route-hop.js';
import { gatewayHop } from './trace-gateway-hop.js';
import { ingressHop } from './trace-ingress-hop.js';

/** The ways a host's traffic enters the cluster, in the order the trace shows them: one line per kind of entry. */
export const ENTRY_HOPS: readonly EntryHop[] = [ingressHop, gatewayHop];
