import type { EntryHop } from './route-hop.js';
import { GATEWAY_RESOURCES } from '../indexes/gateway-index.js';

/** The Gateway API entry hop (placeholder). */
export const gatewayHop: EntryHop = {
  name: 'gateway',
  entryResources: GATEWAY_RESOURCES,
  resources: GATEWAY_RESOURCES,
  optional: true,
  namespaces: () => [],
  hosts: () => [],
  trace: () => ({ nodes: [], diagnostics: [], claimed: false }),
};
