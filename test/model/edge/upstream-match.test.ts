import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EdgeUpstreamServer } from '../../../src/model/edge/edge-types.js';
import { matchUpstream } from '../../../src/model/edge/upstream-match.js';
import type { EntryPoint } from '../../../src/model/route/entry-points.js';

const ENTRIES: EntryPoint[] = [
  { address: '10.128.87.215', ports: [80, 443], kind: 'host-port', via: 'hostPort 80 of ingress-nginx/c on node n215' },
  { address: 'lb.example.net', ports: [80], kind: 'load-balancer', via: 'load balancer of Service ingress-nginx/c' },
  { address: 'fd00::5', ports: [80], kind: 'external-ip', via: 'external IP of Service ingress-nginx/c' },
];
const server = (text: string, ...flags: string[]): EdgeUpstreamServer => {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(text)!;
  return { text, host: m[1]!, port: m[2] ? Number(m[2]) : 80, flags, line: 1 };
};
const run = (servers: EdgeUpstreamServer[], entries = ENTRIES) => matchUpstream(servers, entries).map((m) => [m.server.text, m.entries.map((e) => e.kind).join(',') || '-', m.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`).join(' | ') || '-']);

const HAS = 'it has 10.128.87.215 (hostPort 80,443), lb.example.net (load balancer), fd00::5 (external IP)';

test('upstream servers matched to entry points by address and port', () => {
  assert.deepEqual(run([server('10.128.87.215:80'), server('10.128.87.215'), server('LB.example.net:80'), server('[fd00::5]:80')]), [
    ['10.128.87.215:80', 'host-port', '-'],
    ['10.128.87.215', 'host-port', '-'],
    ['LB.example.net:80', 'load-balancer', '-'],
    ['[fd00::5]:80', 'external-ip', '-'],
  ]);
});

test('no server matches: each is an error (the edge cannot reach the cluster); the right address on a wrong port says so', () => {
  assert.deepEqual(run([server('10.128.87.99:80'), server('10.128.87.215:8080')]), [
    ['10.128.87.99:80', '-', `error upstream.stale: 10.128.87.99:80 is no entry point of the cluster for this host (${HAS}): a stale address?`],
    ['10.128.87.215:8080', '-', 'error upstream.stale: 10.128.87.215 is an entry address of the cluster, but not on port 8080 (ports 80, 443): a stale address?'],
  ]);
});

test('some servers match: the others are warnings; backup and down ones are information; no known entry point proves nothing', () => {
  assert.deepEqual(run([server('10.128.87.215:80'), server('10.0.0.9:80'), server('10.0.0.10:80', 'backup'), server('10.0.0.11:80', 'down')]), [
    ['10.128.87.215:80', 'host-port', '-'],
    ['10.0.0.9:80', '-', `warning upstream.partly: 10.0.0.9:80 is no entry point of the cluster for this host (${HAS}): the requests nginx sends to it fail (a stale address?)`],
    ['10.0.0.10:80', '-', `info upstream.stale: 10.0.0.10:80 is no entry point of the cluster for this host (${HAS}); it is marked backup`],
    ['10.0.0.11:80', '-', `info upstream.stale: 10.0.0.11:80 is no entry point of the cluster for this host (${HAS}); it is marked down`],
  ]);
  // Only a backup matches: the live servers that take the traffic miss the cluster.
  assert.deepEqual(run([server('10.0.0.9:80'), server('10.128.87.215:80', 'backup')])[0]![2], `error upstream.stale: 10.0.0.9:80 is no entry point of the cluster for this host (${HAS}): a stale address?`);
  assert.deepEqual(matchUpstream([server('10.0.0.9:80')], ENTRIES, 'pods: forbidden')[0]!.diagnostics, [{ severity: 'warning', code: 'upstream.unproven', message: `10.0.0.9:80 is no entry point of the cluster for this host (${HAS}); but kdrill cannot see every entry point (pods: forbidden), so this proves nothing` }]);
  assert.deepEqual(run([server('10.0.0.9:80')], []), [['10.0.0.9:80', '-', 'info upstream.unchecked: kdrill knows no entry point of the cluster for this host: cannot check 10.0.0.9:80']]);
});
