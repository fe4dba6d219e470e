import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareDns } from '../../../src/model/edge/dns-compare.js';
import type { DnsAnswer } from '../../../src/model/edge/edge-types.js';
import type { EntryPoint } from '../../../src/model/route/entry-points.js';

const ENTRIES: EntryPoint[] = [
  { address: '172.18.255.200', ports: [80, 443], kind: 'ingress-status', via: 'published by Ingress web/shop' },
  { address: '10.128.87.215', ports: [80], kind: 'host-port', via: 'hostPort 80 of ingress-nginx/ingress-nginx-controller on node n215' },
  { address: '10.128.87.215', ports: [30080], kind: 'node-port', via: 'nodePort 30080 of Service ingress-nginx/ingress-nginx-controller on node n215' },
  { address: '2001:db8::1', ports: [80, 443], kind: 'load-balancer', via: 'load balancer of Service ingress-nginx/ingress-nginx-controller' },
];
const answer = (addresses: string[], error?: string): DnsAnswer => ({ host: 'h.test', server: 'demo resolver', records: addresses.map((a) => ({ name: 'h.test', type: a.includes(':') ? 'AAAA' : 'A', value: a })), addresses, ...(error ? { error } : {}) });

test('DNS compared with the cluster entry addresses: every finding is information', () => {
  const expects = 'it expects 172.18.255.200 (Ingress status), 10.128.87.215 (hostPort 80), 2001:db8::1 (load balancer)';
  const table: [DnsAnswer, EntryPoint[], string, string][] = [
    [answer([], 'NXDOMAIN'), ENTRIES, 'unresolved', 'h.test does not resolve: no such domain (NXDOMAIN from demo resolver)'],
    [answer([], 'NODATA'), ENTRIES, 'unresolved', 'h.test does not resolve: the name exists but has no A or AAAA record (demo resolver)'],
    [answer([], 'timeout'), ENTRIES, 'unresolved', 'h.test does not resolve: the lookup timed out after 2 s (demo resolver)'],
    [answer([], 'connection refused'), ENTRIES, 'unresolved', 'h.test does not resolve: connection refused (demo resolver)'],
    [answer(['172.18.255.200']), ENTRIES, 'direct', 'h.test resolves straight to the cluster: 172.18.255.200 (published by Ingress web/shop)'],
    [answer(['10.128.87.215', '2001:DB8::1']), ENTRIES, 'direct', 'h.test resolves straight to the cluster: 10.128.87.215 (hostPort 80 of ingress-nginx/ingress-nginx-controller on node n215), 2001:DB8::1 (load balancer of Service ingress-nginx/ingress-nginx-controller)'],
    [answer(['143.92.64.63']), ENTRIES, 'elsewhere', `h.test resolves to 143.92.64.63, not to an entry address of the cluster (${expects}): an edge proxy, a CDN or a stale record sits between`],
    [answer(['172.18.255.200', '203.0.113.9']), ENTRIES, 'partly', `h.test resolves to 2 addresses: 172.18.255.200 is an entry address of the cluster, 203.0.113.9 is not (${expects}): clients given that one may not reach it`],
    [answer(['143.92.64.63']), [], 'no-entries', 'h.test resolves to 143.92.64.63; kdrill knows no entry address of the cluster for it to compare with'],
  ];
  for (const [a, entries, finding, message] of table) {
    const r = compareDns(a, entries);
    assert.deepEqual([r.finding, r.diagnostic.severity, r.diagnostic.message], [finding, 'info', message], a.addresses.join(',') || a.error);
  }
});
