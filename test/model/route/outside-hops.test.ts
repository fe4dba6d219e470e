import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DnsAnswer } from '../../../src/model/edge/edge-types.js';
import { edgeConfigOf } from '../../../src/model/edge/nginx-config.js';
import { entryPoints } from '../../../src/model/route/entry-points.js';
import { traceJson } from '../../../src/model/route/route-json.js';
import { renderTrace } from '../../../src/model/route/route-lines.js';
import { traceRoute, type TraceQuery } from '../../../src/model/route/trace-route.js';
import type { KubeObject } from '../../../src/model/types.js';
import { indexesOf } from '../../helpers/indexes.js';
import { ingress, nginxClass, pod, service, slice } from './route-fixtures.js';

const node = (name: string, ip: string): KubeObject => ({ kind: 'Node', metadata: { name, uid: `uid-${name}` }, status: { addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }] } });
const controller = (name: string, nodeName: string, hostIP: string, extra: { hostPort?: boolean; args?: string[] } = {}): KubeObject => ({
  kind: 'Pod',
  metadata: { name, namespace: 'ingress-nginx', uid: `uid-${name}`, labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'ingress-nginx-controller-7d9f8c6b5', uid: 'uid-rs', controller: true }] },
  spec: { nodeName, containers: [{ name: 'controller', image: 'registry.k8s.io/ingress-nginx/controller:v1.10.1', args: extra.args ?? ['/nginx-ingress-controller'], ports: [{ name: 'http', containerPort: 80, ...(extra.hostPort ? { hostPort: 80 } : {}) }] }] },
  status: { phase: 'Running', hostIP },
});
const lbService = (policy: string): KubeObject => ({
  kind: 'Service',
  metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx', uid: 'uid-lb' },
  spec: { type: 'LoadBalancer', externalTrafficPolicy: policy, selector: { 'app.kubernetes.io/name': 'ingress-nginx' }, externalIPs: ['198.51.100.7'], ports: [{ name: 'http', port: 80, nodePort: 30080 }] },
  status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } },
});

const APP = [nginxClass(), ingress('shop', 'shop.example.com', [{ path: '/', service: 'web', port: 'http' }]), service('web', { app: 'web' }), pod('web-1', { app: 'web' }, 'ready', { rs: 'web-5d' }), slice('web', [{ ip: '10.244.0.10', ready: true }])];
const namespace = (name: string): KubeObject => ({ kind: 'Namespace', metadata: { name, uid: `uid-ns-${name}` } });
const CLUSTER = [...APP, namespace('web'), namespace('ingress-nginx'), node('n1', '10.0.0.1'), node('n215', '10.128.87.215'), controller('ingress-nginx-controller-7d9f8c6b5-abcde', 'n215', '10.128.87.215', { hostPort: true }), lbService('Local')];

test('entry points: the Ingress status, the controller\'s hostPort on its node, its Service (load balancer, external IP, node ports)', () => {
  const list = (objects: KubeObject[]) => entryPoints(indexesOf(objects), 'shop.example.com').map((e) => `${e.address} ${e.ports.join(',')} ${e.kind}: ${e.via}`);
  assert.deepEqual(list(CLUSTER), [
    '172.18.255.200 80,443 ingress-status: published by Ingress web/shop',
    '10.128.87.215 80 host-port: hostPort 80 of ingress-nginx/ingress-nginx-controller on node n215',
    '203.0.113.10 80 load-balancer: load balancer of Service ingress-nginx/ingress-nginx-controller',
    '198.51.100.7 80 external-ip: external IP of Service ingress-nginx/ingress-nginx-controller',
    // externalTrafficPolicy Local: only the node that runs a controller takes node-port traffic.
    '10.128.87.215 30080 node-port: nodePort 30080 of Service ingress-nginx/ingress-nginx-controller on node n215',
  ]);
  const cluster = list([...APP, node('n1', '10.0.0.1'), node('n215', '10.128.87.215'), controller('ingress-nginx-controller-7d9f8c6b5-abcde', 'n215', '10.128.87.215'), lbService('Cluster')]);
  assert.deepEqual(cluster.filter((l) => l.includes('node-port')), ['10.0.0.1 30080 node-port: nodePort 30080 of Service ingress-nginx/ingress-nginx-controller on node n1', '10.128.87.215 30080 node-port: nodePort 30080 of Service ingress-nginx/ingress-nginx-controller on node n215']);
  // A controller of another class serves none of this host's Ingresses.
  const other = list([...APP, node('n215', '10.128.87.215'), controller('traefik-1', 'n215', '10.128.87.215', { hostPort: true, args: ['--controller-class=traefik.io/ingress-controller'] })]);
  assert.deepEqual(other, ['172.18.255.200 80,443 ingress-status: published by Ingress web/shop']);
});

const EDGE = edgeConfigOf(
  'edge',
  new Map([
    [
      'nginx.conf',
      `http {
  upstream k8s { server 10.128.87.215:80; }
  upstream old { server 10.9.9.9:80; }
  server { listen 80 default_server; server_name _; return 444; }
  server { listen 80; server_name shop.example.com; return 301 https://$host$request_uri; }
  server { listen 443 ssl; server_name shop.example.com;
    location / { proxy_pass http://k8s; }
    location /old/ { proxy_pass http://old; }
    location = /health { return 200; }
    location /static/ { root /srv; }
    location /direct/ { proxy_pass http://203.0.113.10; }
    location /var/ { proxy_pass http://$backend; }
    location /away/ { return 302 https://elsewhere.example.org/; }
  }
}`,
    ],
  ]),
);
const DNS: DnsAnswer = { host: 'shop.example.com', server: 'demo resolver', records: [{ name: 'shop.example.com', type: 'A', value: '143.92.64.63' }], addresses: ['143.92.64.63'] };

const outside = (q: Partial<TraceQuery>, objects = CLUSTER) => {
  const t = traceRoute(indexesOf(objects), { host: 'shop.example.com', summary: true, edges: [EDGE], ...q }, Date.parse('2026-11-22T10:05:00Z'));
  const text = renderTrace(t).split('\n');
  return [text[0], ...text.slice(1, text.findIndex((l) => /^[├└]─ \S+ +ingress /.test(l)))];
};

test('the edge hop: HOST alone is https when a 443 block names it; the upstream reaches the controller\'s hostPort', () => {
  assert.deepEqual(outside({ dns: DNS }), [
    'shop.example.com  HEALTHY',
    '├─ info dns shop.example.com  A 143.92.64.63 · demo resolver',
    '│     info: shop.example.com resolves to 143.92.64.63, not to an entry address of the cluster (it expects 172.18.255.200 (Ingress status), 10.128.87.215 (hostPort 80), 203.0.113.10 (load balancer), 198.51.100.7 (external IP)): an edge proxy, a CDN or a stale record sits between',
    '├─ ok   edge server shop.example.com:443  ssl · exact name · edge/nginx.conf:6',
    '│  └─ ok   location /  longest prefix · proxy_pass http://k8s · nginx.conf:7',
    '│     └─ ok   upstream k8s server 10.128.87.215:80  → hostPort 80 of ingress-nginx/ingress-nginx-controller on node n215 · nginx.conf:2',
  ]);
});

test('the edge hop\'s findings: redirects, no server block, stale upstreams, answers and files served by the edge', () => {
  const table: [Partial<TraceQuery>, string[]][] = [
    [{ port: 80 }, ['shop.example.com  HEALTHY', '├─ ok   edge server shop.example.com:80  exact name · edge/nginx.conf:5', '│     info: redirects to the same host over https (return 301 https://shop.example.com/): browsers come back on port 443; trace https://shop.example.com for that request']],
    [{ host: 'www.example.com', port: 80 }, ['www.example.com  UNROUTED', '│  error: no Ingress serves www.example.com (nearest hosts: shop.example.com)', '└─ FAIL edge server _:80  default server · edge/nginx.conf:4', '      error: no server block of edge names www.example.com on port 80: the default server (nginx.conf:4, server_name _) takes it', '      error: the edge answers 444 itself (return 444 in the server block): requests never reach the cluster']],
    [{ port: 8443 }, ['shop.example.com  BROKEN', '├─ FAIL edge edge :8443  no server', '│     error: no server block of edge listens on port 8443: the edge refuses http://shop.example.com']],
    [{ path: '/old/x' }, ['shop.example.com/old/x  BROKEN', '├─ FAIL edge server shop.example.com:443  ssl · exact name · edge/nginx.conf:6', '│  └─ FAIL location /old/  longest prefix · proxy_pass http://old · nginx.conf:8', '│     └─ FAIL upstream old server 10.9.9.9:80  nginx.conf:3', '│           error: 10.9.9.9:80 is no entry point of the cluster for this host (it has 172.18.255.200 (Ingress status), 10.128.87.215 (hostPort 80), 203.0.113.10 (load balancer), 198.51.100.7 (external IP)): a stale address?']],
    [{ path: '/health' }, ['shop.example.com/health  BROKEN', '├─ FAIL edge server shop.example.com:443  ssl · exact name · edge/nginx.conf:6', '│  └─ FAIL location = /health  exact · return 200 · nginx.conf:9', '│        error: the edge answers 200 itself (return 200): requests for /health never reach the cluster']],
    [{ path: '/static/a.css' }, ['shop.example.com/static/a.css  BROKEN', '├─ FAIL edge server shop.example.com:443  ssl · exact name · edge/nginx.conf:6', '│  └─ FAIL location /static/  longest prefix · no proxy_pass · nginx.conf:10', '│        error: location /static/ has no proxy_pass: the edge serves /static/a.css itself, the request never reaches the cluster']],
    [{ path: '/direct/' }, ['shop.example.com/direct/  HEALTHY', '├─ ok   edge server shop.example.com:443  ssl · exact name · edge/nginx.conf:6', '│  └─ ok   location /direct/  longest prefix · proxy_pass http://203.0.113.10 · nginx.conf:11', '│     └─ ok   upstream 203.0.113.10  → load balancer of Service ingress-nginx/ingress-nginx-controller']],
    [{ path: '/var/' }, ['shop.example.com/var/  HEALTHY', '├─ ok   edge server shop.example.com:443  ssl · exact name · edge/nginx.conf:6', '│  └─ ok   location /var/  longest prefix · proxy_pass http://$backend · nginx.conf:12', '│        info: proxy_pass http://$backend is chosen at request time (a variable): kdrill cannot follow it']],
    [{ path: '/away/' }, ['shop.example.com/away/  DEGRADED', '├─ warn edge server shop.example.com:443  ssl · exact name · edge/nginx.conf:6', '│  └─ warn location /away/  longest prefix · return 302 · nginx.conf:13', '│        warning: redirects (return 302 https://elsewhere.example.org/): this request does not go on to the cluster']],
  ];
  for (const [q, want] of table) assert.deepEqual(outside(q), want, JSON.stringify(q));
  // Without the namespaces kdrill cannot know where controllers run: a miss proves nothing.
  assert.deepEqual(outside({ path: '/old/x' }, CLUSTER.filter((o) => o.kind !== 'Namespace')).slice(0, 5), [
    'shop.example.com/old/x  DEGRADED',
    '├─ warn edge server shop.example.com:443  ssl · exact name · edge/nginx.conf:6',
    '│  └─ warn location /old/  longest prefix · proxy_pass http://old · nginx.conf:8',
    '│     └─ warn upstream old server 10.9.9.9:80  nginx.conf:3',
    '│           warning: 10.9.9.9:80 is no entry point of the cluster for this host (it has 172.18.255.200 (Ingress status), 10.128.87.215 (hostPort 80), 203.0.113.10 (load balancer), 198.51.100.7 (external IP)); but kdrill cannot see every entry point (no namespace where an ingress controller runs is known), so this proves nothing',
  ]);
});

test('HOST alone is http/80 without a 443 block or TLS in the cluster, https/443 when the cluster serves TLS; JSON node types', () => {
  const plain = edgeConfigOf('plain', new Map([['a.conf', 'upstream k8s { server 10.128.87.215:80; } server { listen 80; server_name shop.example.com; location / { proxy_pass http://k8s; } }']]));
  assert.match(outside({ edges: [plain] })[1]!, /edge server shop\.example\.com:80 /);
  // The TLS Secret is missing too: the ingress fails on its own.
  const tls = [...CLUSTER.filter((o) => o.kind !== 'Ingress'), ingress('shop', 'shop.example.com', [{ path: '/', service: 'web', port: 'http' }], { tls: 'shop-tls' })];
  const t = traceRoute(indexesOf(tls), { host: 'shop.example.com', summary: true, edges: [plain], dns: DNS }, 0);
  const kids = traceJson(t).root.children;
  assert.deepEqual(kids.map((n) => [n.type, n.health, n.diagnostics.map((d) => d.code)]), [['dns', 'info', ['dns.elsewhere']], ['edge-server', 'error', ['edge.no-listen']], ['ingress', 'error', []]]);
  assert.deepEqual(kids[1]!.facts, { config: 'plain', port: 443, match: null });
  // DNS findings are information: the verdict is the cluster's own.
  assert.equal(traceRoute(indexesOf(CLUSTER), { host: 'shop.example.com', summary: true, dns: { ...DNS, addresses: [], records: [], error: 'NXDOMAIN' } }, 0).verdict, 'healthy');
  const json = traceJson(traceRoute(indexesOf(CLUSTER), { host: 'shop.example.com', summary: true, edges: [EDGE] }, 0)).root.children[0]!;
  assert.deepEqual([json.type, json.children[0]!.type, json.children[0]!.children[0]!.type, json.children[0]!.children[0]!.facts], ['edge-server', 'edge-location', 'upstream', { upstream: 'k8s', server: '10.128.87.215:80', address: '10.128.87.215', port: 80, flags: [], entries: [{ address: '10.128.87.215', ports: [80], kind: 'host-port', via: 'hostPort 80 of ingress-nginx/ingress-nginx-controller on node n215' }], file: 'nginx.conf', line: 2 }]);
});
