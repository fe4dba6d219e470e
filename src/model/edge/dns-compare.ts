import type { Diagnostic } from '../route/route-types.js';
import type { EntryPoint } from '../route/entry-points.js';
import { entriesAt } from '../route/entry-points.js';
import type { DnsAnswer } from './edge-types.js';

/** What a host's DNS answer says about the way to the cluster. */
export type DnsFinding = 'unresolved' | 'direct' | 'elsewhere' | 'partly' | 'no-entries';

const KIND_WORDS: Record<EntryPoint['kind'], (e: EntryPoint) => string> = {
  'ingress-status': () => 'Ingress status',
  'gateway-address': () => 'Gateway address',
  'load-balancer': () => 'load balancer',
  'external-ip': () => 'external IP',
  'host-port': (e) => `hostPort ${e.ports.join(',')}`,
  'node-port': (e) => `nodePort ${e.ports.join(',')}`,
};

/** The cluster's entry addresses in short words, one per address: `172.18.255.200 (Ingress status), 10.128.87.215 (hostPort 80)`. */
export function entryAddressWords(entries: readonly EntryPoint[]): string {
  const seen = new Map<string, EntryPoint>();
  for (const e of entries) if (!seen.has(e.address)) seen.set(e.address, e);
  return [...seen.values()].map((e) => `${e.address} (${KIND_WORDS[e.kind](e)})`).join(', ');
}

/** Why a lookup gave no address, in words. */
function unresolvedWords(a: DnsAnswer): string {
  if (a.error === 'NXDOMAIN') return `${a.host} does not resolve: no such domain (NXDOMAIN from ${a.server})`;
  if (a.error === 'NODATA' || !a.error) return `${a.host} does not resolve: the name exists but has no A or AAAA record (${a.server})`;
  if (a.error === 'timeout') return `${a.host} does not resolve: the lookup timed out after 2 s (${a.server})`;
  return `${a.host} does not resolve: ${a.error} (${a.server})`;
}

/**
 * Compares what a host resolves to with the cluster's entry addresses for it: no answer,
 * direct (every address is an entry), elsewhere (none is: an edge proxy, a CDN or a stale record
 * sits between), partly (some are). Always `info`: a jump host may see another DNS view than users.
 */
export function compareDns(answer: DnsAnswer, entries: readonly EntryPoint[]): { finding: DnsFinding; diagnostic: Diagnostic } {
  const info = (finding: DnsFinding, code: string, message: string) => ({ finding, diagnostic: { severity: 'info' as const, code, message } });
  if (answer.addresses.length === 0) return info('unresolved', 'dns.unresolved', unresolvedWords(answer));
  const addrs = answer.addresses.join(', ');
  if (entries.length === 0) return info('no-entries', 'dns.no-entries', `${answer.host} resolves to ${addrs}; kdrill knows no entry address of the cluster for it to compare with`);
  const hits = answer.addresses.filter((a) => entriesAt(entries, a).length > 0);
  const expects = entryAddressWords(entries);
  if (hits.length === answer.addresses.length) {
    return info('direct', 'dns.direct', `${answer.host} resolves straight to the cluster: ${hits.map((a) => `${a} (${entriesAt(entries, a)[0]!.via})`).join(', ')}`);
  }
  if (hits.length === 0) return info('elsewhere', 'dns.elsewhere', `${answer.host} resolves to ${addrs}, not to an entry address of the cluster (it expects ${expects}): an edge proxy, a CDN or a stale record sits between`);
  const misses = answer.addresses.filter((a) => !hits.includes(a));
  return info('partly', 'dns.partly', `${answer.host} resolves to ${answer.addresses.length} addresses: ${hits.join(', ')} ${hits.length === 1 ? 'is an entry address' : 'are entry addresses'} of the cluster, ${misses.join(', ')} ${misses.length === 1 ? 'is' : 'are'} not (it expects ${expects}): clients given ${misses.length === 1 ? 'that one' : 'those'} may not reach it`);
}
