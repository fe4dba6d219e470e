import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { SimDnsServer } from '../../src/sim/dns/dns-server.js';
import { startCluster } from '../helpers/sim.js';

const kdrill = (...args: string[]) => spawnSync(process.execPath, ['bin/kdrill.js', ...args], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/nonexistent/kubeconfig', NO_COLOR: '' } });

// What varies from run to run: a pod's random name suffix and the ages on pod and container lines.
const masked = (text: string) => text.split('\n').map((l) => (/ (pod|container) /.test(l) ? l.replace(/(pod \S+-)[a-z0-9]{5}(  )/, '$1*****$2').replace(/ · (Running )?\d+[smhd](\d+[smhd])? · /g, ' · $1AGE · ') : l));

const HOLMES = 'holmes.test.shopeekredit.co.id';
const DNS_LINES = [
  `├─ info dns ${HOLMES}  A 143.92.64.63 · demo resolver`,
  `│     info: ${HOLMES} resolves to 143.92.64.63, not to an entry address of the cluster (it expects 172.18.255.200 (Ingress status), 10.128.87.215 (hostPort 80)): an edge proxy, a CDN or a stale record sits between`,
];
const CLUSTER_LINES = [
  '├─ ok   ingress credit-risk-admin-test-id/risk-admin  class nginx · k8s.io/ingress-nginx · 172.18.255.200 · host holmes.test.shopeekredit.co.id',
  '│  │  info: use-regex: ingress-nginx reads its paths as regular expressions',
  '│  └─ ok   path /  ImplementationSpecific',
  '│     └─ ok   service risk-admin:http (80 → 80)  ClusterIP · 100.127.184.204 · app=risk-admin · endpoints 1 ready',
  '│        └─ ok   pod risk-admin-c846f478d-*****  Running · 1/1 · 0 restarts · 10.244.1.2 · node-a2 · AGE · rev 1',
  '│           └─ ok   container risk-admin  harbor.shopeemobile.com/airpay/credit-risk-admin-id-test:v1.0.51.t09 · Running AGE · ready · 0 restarts · port 80',
  '└─ ok   ingress credit-risk-admin-test-id/risk-admin-node  class nginx · k8s.io/ingress-nginx · 172.18.255.200 · host holmes.test.shopeekredit.co.id',
  '   │  info: use-regex: ingress-nginx reads its paths as regular expressions',
  '   └─ ok   path /admin/  ImplementationSpecific',
  '      └─ ok   service risk-admin-node:http (3001 → 3001)  ClusterIP · 100.127.190.186 · app=risk-admin-node · endpoints 1 ready',
  '         └─ ok   pod risk-admin-node-7db9fbc774-*****  Running · 1/1 · 0 restarts · 10.244.2.2 · node-b1 · AGE · rev 1',
  '            └─ ok   container risk-admin-node  harbor.shopeemobile.com/airpay/credit-risk-admin-node-id-test:v1.0.51.t04 · Running AGE · ready · 0 restarts · port 3001',
  '',
];

test('the seed walk as one command: DNS → edge server block → upstream 10.128.87.215:80 → node hostPort → ingress-nginx → Ingress → Service → pods, exit 0', () => {
  const r = kdrill('trace', HOLMES, '--demo', '--edge-config', 'fixtures/edge/holmes');
  assert.equal(r.stderr, '');
  assert.deepEqual(masked(r.stdout), [
    `${HOLMES}  HEALTHY`,
    ...DNS_LINES,
    `├─ ok   edge server ${HOLMES}:443  ssl · exact name · fixtures/edge/holmes/id-conf.d/${HOLMES}.conf:12`,
    `│  └─ ok   location /  longest prefix · proxy_pass http://id-nonlive-k8s · id-conf.d/${HOLMES}.conf:25`,
    '│     └─ ok   upstream id-nonlive-k8s server 10.128.87.215:80  → hostPort 80 of ingress-nginx/ingress-nginx-controller on node sg2-shopee-kredit-kubernetes-test-10-128-87-215 · id-upstream/id-nonlive-k8s.conf:4',
    ...CLUSTER_LINES,
  ]);
  assert.equal(r.status, 0);
});

test('without --edge-config: the DNS hop says something sits between; http:// takes the 80 block, named as a redirect to https', () => {
  const r = kdrill('trace', HOLMES, '--demo');
  assert.equal(r.stderr, '');
  assert.deepEqual(masked(r.stdout), [`${HOLMES}  HEALTHY`, ...DNS_LINES, ...CLUSTER_LINES]);
  assert.equal(r.status, 0);
  const http = kdrill('trace', `http://${HOLMES}`, '--demo', '--edge-config', 'fixtures/edge/holmes');
  assert.equal(http.status, 0, http.stderr);
  assert.deepEqual(masked(http.stdout).slice(0, 7), [
    `${HOLMES}  HEALTHY`,
    ...DNS_LINES,
    `├─ ok   edge server ${HOLMES}:80  exact name · fixtures/edge/holmes/id-conf.d/${HOLMES}.conf:2`,
    `│  └─ ok   location /  longest prefix · return 307 · id-conf.d/${HOLMES}.conf:6`,
    `│        info: redirects to the same host over https (return 307 https://${HOLMES}/): browsers come back on port 443; trace https://${HOLMES} for that request`,
    CLUSTER_LINES[0],
  ]);
});

test('-o json: node types dns, edge-server, edge-location, upstream above the cluster\'s, with their facts', () => {
  const r = kdrill('trace', HOLMES, '--demo', '--edge-config', 'fixtures/edge/holmes', '-o', 'json');
  assert.equal(r.status, 0, r.stderr);
  const t = JSON.parse(r.stdout);
  assert.deepEqual([t.verdict, t.root.health], ['healthy', 'ok']);
  assert.deepEqual(t.root.children.map((n: any) => n.type), ['dns', 'edge-server', 'ingress', 'ingress']);
  const [dns, edge] = t.root.children;
  const node = `sg2-shopee-kredit-kubernetes-test-10-128-87-215`;
  assert.deepEqual(dns, {
    type: 'dns',
    id: `host/${HOLMES}/dns`,
    label: `dns ${HOLMES}`,
    health: 'info',
    facts: {
      server: 'demo resolver',
      records: [{ name: HOLMES, type: 'A', value: '143.92.64.63' }],
      addresses: ['143.92.64.63'],
      error: null,
      finding: 'elsewhere',
      entries: [
        { address: '172.18.255.200', ports: [80, 443], kind: 'ingress-status', via: 'published by Ingress credit-risk-admin-test-id/risk-admin' },
        { address: '172.18.255.200', ports: [80, 443], kind: 'ingress-status', via: 'published by Ingress credit-risk-admin-test-id/risk-admin-node' },
        { address: '10.128.87.215', ports: [80], kind: 'host-port', via: `hostPort 80 of ingress-nginx/ingress-nginx-controller on node ${node}` },
        { address: '10.128.87.215', ports: [443], kind: 'host-port', via: `hostPort 443 of ingress-nginx/ingress-nginx-controller on node ${node}` },
        { address: '10.128.87.215', ports: [30080, 30081], kind: 'node-port', via: `nodePort 30080,30081 of Service ingress-nginx/ingress-nginx-controller on node ${node}` },
      ],
    },
    diagnostics: [{ severity: 'info', code: 'dns.elsewhere', message: DNS_LINES[1]!.replace(/^│ +info: /, '') }],
    children: [],
  });
  const edgeId = `host/${HOLMES}/edge/0`;
  assert.deepEqual(edge, {
    type: 'edge-server',
    id: edgeId,
    label: `edge server ${HOLMES}:443`,
    health: 'ok',
    facts: { config: 'fixtures/edge/holmes', file: `id-conf.d/${HOLMES}.conf`, line: 12, port: 443, ssl: true, names: [HOLMES], match: 'exact', serverName: HOLMES },
    diagnostics: [],
    children: [
      {
        type: 'edge-location',
        id: `${edgeId}/location//`,
        label: 'location /',
        health: 'ok',
        facts: { modifier: '', pattern: '/', match: 'prefix', proxyPass: 'http://id-nonlive-k8s', redirect: null, answers: null, file: `id-conf.d/${HOLMES}.conf`, line: 25 },
        diagnostics: [],
        children: [
          {
            type: 'upstream',
            id: `${edgeId}/location///upstream/10.128.87.215:80`,
            label: 'upstream id-nonlive-k8s server 10.128.87.215:80',
            health: 'ok',
            facts: { upstream: 'id-nonlive-k8s', server: '10.128.87.215:80', address: '10.128.87.215', port: 80, flags: [], entries: [{ address: '10.128.87.215', ports: [80], kind: 'host-port', via: `hostPort 80 of ingress-nginx/ingress-nginx-controller on node ${node}` }], file: 'id-upstream/id-nonlive-k8s.conf', line: 4 },
            diagnostics: [],
            children: [],
          },
        ],
      },
    ],
  });
});

test('shop.example.com resolves straight to the ingress controller; the seed\'s cluster-internal name does not resolve; neither changes the exit status', () => {
  const shop = kdrill('trace', 'shop.example.com', '--demo');
  assert.equal(shop.status, 1);
  assert.deepEqual(shop.stdout.split('\n').slice(0, 4), [
    'shop.example.com  BROKEN',
    '├─ ok   dns shop.example.com  A 172.18.255.200 · demo resolver',
    '│     info: shop.example.com resolves straight to the cluster: 172.18.255.200 (published by Ingress shop/shop)',
    '└─ FAIL ingress shop/shop  class nginx · k8s.io/ingress-nginx · 172.18.255.200 · host shop.example.com',
  ]);
  const internal = kdrill('trace', 'risk-admin.credit-risk-admin-test-id.api.ingress', '--demo');
  assert.equal(internal.status, 0, internal.stderr);
  assert.deepEqual(internal.stdout.split('\n').slice(0, 4), [
    'risk-admin.credit-risk-admin-test-id.api.ingress  HEALTHY',
    '├─ info dns risk-admin.credit-risk-admin-test-id.api.ingress  NXDOMAIN · demo resolver',
    '│     info: risk-admin.credit-risk-admin-test-id.api.ingress does not resolve: no such domain (NXDOMAIN from demo resolver)',
    '└─ ok   ingress credit-risk-admin-test-id/risk-admin  class nginx · k8s.io/ingress-nginx · 172.18.255.200 · host risk-admin.credit-risk-admin-test-id.api.ingress',
  ]);
});

test('--dns-server asks another resolver; bad --dns-server and --edge-config are usage errors (exit 3)', async () => {
  const dns = new SimDnsServer(new Map([['shop.example.com', { A: ['172.18.255.200', '203.0.113.50'] }]]));
  const server = await dns.listen();
  try {
    // The simulator's resolver serves on this process's event loop: kdrill must run beside it.
    const child = spawn(process.execPath, ['bin/kdrill.js', 'trace', 'shop.example.com/', '--demo', '--dns-server', server], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KUBECONFIG: '/nonexistent/kubeconfig' } });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(status, 0, out);
    assert.deepEqual(out.split('\n').slice(1, 3), [
      `├─ info dns shop.example.com  A 172.18.255.200 → A 203.0.113.50 · dns server ${server}`,
      '│     info: shop.example.com resolves to 2 addresses: 172.18.255.200 is an entry address of the cluster, 203.0.113.50 is not (it expects 172.18.255.200 (Ingress status), 10.128.87.215 (hostPort 80)): clients given that one may not reach it',
    ]);
    assert.deepEqual(dns.asked, ['shop.example.com 5', 'shop.example.com 1', 'shop.example.com 28']);
  } finally {
    await dns.close();
  }
  for (const [args, message] of [
    [['--dns-server', 'dns.example.com'], /^kdrill: --dns-server must be IP\[:PORT\], not "dns\.example\.com"/],
    [['--edge-config', 'fixtures/edge/nope'], /^kdrill: cannot read --edge-config fixtures\/edge\/nope: ENOENT/],
  ] as [string[], RegExp][]) {
    const r = kdrill('trace', 'shop.example.com', '--demo', ...args);
    assert.equal(r.status, 3);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
});

test('against kdrill sim\'s kubeconfig: kdrill asks the resolver the kubeconfig names', async () => {
  const c = await startCluster({ scenario: 'demo' });
  try {
    const child = spawn(process.execPath, ['bin/kdrill.js', 'trace', HOLMES, '--kubeconfig', c.kubeconfigPath, '--edge-config', 'fixtures/edge/holmes/id-conf.d'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(c.sim.dns.asked[0], `${HOLMES} 5`);
    assert.match(out, new RegExp(`^├─ info dns ${HOLMES.replace(/\./g, '\\.')}  A 143\\.92\\.64\\.63 · the kubeconfig's resolver$`, 'm'));
    // The directory of server blocks alone has no upstream block: proxy_pass names a host kdrill cannot match.
    assert.match(out, /info: no upstream block named id-nonlive-k8s in fixtures\/edge\/holmes\/id-conf\.d: read as a host name \(is the file with the upstream block under the path given\?\)\n.*└─ FAIL upstream id-nonlive-k8s\n.*error: id-nonlive-k8s is no entry point of the cluster for this host/);
    assert.equal(status, 1, out);
  } finally {
    await c.stop();
  }
});
