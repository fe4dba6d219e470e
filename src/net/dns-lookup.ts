import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { DnsAnswer, DnsRecord } from '../model/edge/edge-types.js';

/** How long a whole lookup may take (the CNAME chain and both address families). */
export const DNS_TIMEOUT_MS = 2_000;
const MAX_CNAMES = 8;

/** Where to ask: `system` (the system's resolvers), or `IP[:PORT]` (`--dns-server`, the simulator's resolver). */
export interface DnsServerChoice {
  /** `IP[:PORT]`; undefined: the system's resolvers. */
  server?: string;
  /** How the trace names it (`system resolver`, `demo resolver 127.0.0.1:5353`). */
  label: string;
}

/** Reads `--dns-server IP[:PORT]` (IPv6 as `[::1]:53`); undefined when it is not an address. */
export function parseDnsServer(text: string): string | undefined {
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/.exec(text);
  if (v4 && v4[1]!.split('.').every((o) => Number(o) < 256) && (!v4[2] || Number(v4[2]) < 65536)) return text;
  const v6 = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(text) ?? /^([0-9a-f]*:[0-9a-f:.]*)()$/i.exec(text);
  if (v6 && (!v6[2] || Number(v6[2]) < 65536)) return text;
  return undefined;
}

const ERRORS: Record<string, string> = { ENOTFOUND: 'NXDOMAIN', ENODATA: 'NODATA', ETIMEOUT: 'timeout', ECANCELLED: 'timeout', ECONNREFUSED: 'connection refused', ESERVFAIL: 'SERVFAIL', EREFUSED: 'REFUSED' };
const codeOf = (e: unknown): string => {
  const code = String((e as { code?: string })?.code ?? 'error');
  return ERRORS[code] ?? code;
};

/**
 * Looks a host up as a browser's resolver would: its CNAME chain, then A and AAAA of the last
 * name. One try per query, the whole lookup cut at 2 s; a failure is an answer with `error`, never a throw.
 */
export async function lookupHost(host: string, choice: DnsServerChoice): Promise<DnsAnswer> {
  // An address needs no lookup: it is compared as it is.
  if (isIP(host)) return { host, server: 'no lookup: an address', records: [], addresses: [host] };
  const resolver = new Resolver({ timeout: DNS_TIMEOUT_MS, tries: 1 });
  if (choice.server) resolver.setServers([choice.server]);
  const timer = setTimeout(() => resolver.cancel(), DNS_TIMEOUT_MS);
  const records: DnsRecord[] = [];
  try {
    let name = host;
    for (let i = 0; i < MAX_CNAMES; i++) {
      const next = await resolver.resolveCname(name).then(
        (r) => r[0],
        (e) => {
          const code = codeOf(e);
          // NODATA: the name exists without a CNAME; anything else ends the lookup.
          if (code === 'NODATA') return undefined;
          throw e;
        },
      );
      if (!next) break;
      records.push({ name, type: 'CNAME', value: next });
      name = next;
    }
    const [a, aaaa] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
    const addresses: string[] = [];
    for (const [r, type] of [[a, 'A'], [aaaa, 'AAAA']] as const) {
      if (r.status !== 'fulfilled') continue;
      for (const value of r.value) {
        records.push({ name, type, value });
        addresses.push(value);
      }
    }
    if (addresses.length) return { host, server: choice.label, records, addresses };
    const failed = [a, aaaa].find((r): r is PromiseRejectedResult => r.status === 'rejected' && codeOf(r.reason) !== 'NODATA');
    return { host, server: choice.label, records, addresses, error: failed ? codeOf(failed.reason) : 'NODATA' };
  } catch (e) {
    return { host, server: choice.label, records, addresses: [], error: codeOf(e) };
  } finally {
    clearTimeout(timer);
  }
}
