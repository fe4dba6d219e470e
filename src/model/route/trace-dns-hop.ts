import { compareDns } from '../edge/dns-compare.js';
import type { DnsAnswer } from '../edge/edge-types.js';
import type { OutsideHop } from './outside-hop.js';
import type { RouteNode } from './route-types.js';

/** The chain of an answer in short words: `CNAME a.example.net → A 192.0.2.1`. */
export function dnsChainWords(a: DnsAnswer): string {
  if (a.records.length === 0) return a.error ?? 'no records';
  return a.records.map((r) => `${r.type} ${r.value}`).join(' → ');
}

/** The DNS hop: what the host resolves to, compared with the cluster's entry addresses (findings are information only). */
export const dnsHop: OutsideHop = {
  name: 'dns',
  resources: ['nodes', 'pods', 'services'],
  trace: (_indexes, query, { entries }) => {
    const answer = query.dns;
    if (!answer) return [];
    const { finding, diagnostic } = compareDns(answer, entries);
    const node: RouteNode = {
      type: 'dns',
      id: `host/${query.host}/dns`,
      label: `dns ${answer.host}`,
      summary: [dnsChainWords(answer), answer.server],
      facts: { server: answer.server, records: answer.records, addresses: answer.addresses, error: answer.error ?? null, finding, entries },
      diagnostics: [diagnostic],
      // Information, never a fault: only a direct answer reads as ok.
      health: finding === 'direct' ? 'ok' : 'info',
      children: [],
    };
    return [node];
  },
};
