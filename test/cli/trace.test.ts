import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { startCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

const kdrill = (...args: string[]) => spawnSync(process.execPath, ['bin/kdrill.js', ...args], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/nonexistent/kubeconfig', NO_COLOR: '' } });

test('kdrill trace --demo: the holmes route as the issue shows it, exit 0, no colour in a pipe', () => {
  const r = kdrill('trace', 'holmes.test.shopeekredit.co.id', '--demo');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.doesNotMatch(r.stdout, /\x1b/);
  assert.match(r.stdout, /^holmes\.test\.shopeekredit\.co\.id  HEALTHY\n/);
  assert.match(r.stdout, /path \/  ImplementationSpecific\n.*service risk-admin:http \(80 → 80\).*\n.*pod risk-admin-[a-z0-9]+-[a-z0-9]+  Running · 1\/1/);
  assert.match(r.stdout, /path \/admin\/  ImplementationSpecific\n.*service risk-admin-node:http \(3001 → 3001\).*\n.*pod risk-admin-node-[a-z0-9]+-[a-z0-9]+  Running · 1\/1/);
});

test('a URL is understood: scheme, port, query and fragment dropped', () => {
  const r = kdrill('trace', 'https://HOLMES.test.shopeekredit.co.id:443/admin/users?x=1#top', '--demo', '-o', 'json');
  assert.equal(r.status, 0, r.stderr);
  const t = JSON.parse(r.stdout);
  assert.deepEqual([t.host, t.path], ['holmes.test.shopeekredit.co.id', '/admin/users']);
});

test('kdrill trace exit statuses: 1 broken, 2 unrouted, 3 usage or cluster error', () => {
  const broken = kdrill('trace', 'legacy.shop.example.com', '--demo');
  assert.equal(broken.status, 1);
  assert.match(broken.stdout, /BROKEN[\s\S]*error: Service shop\/legacy-web does not exist/);
  const unrouted = kdrill('trace', 'shop.exmple.com', '--demo');
  assert.equal(unrouted.status, 2);
  assert.match(unrouted.stdout, /no Ingress serves shop\.exmple\.com \(nearest hosts: shop\.example\.com/);
  for (const [args, message] of [
    [['trace', '--demo'], /^kdrill: kdrill trace needs a host/],
    [['trace', 'bad host!', '--demo'], /^kdrill: "bad host!" is not a host name/],
    [['trace', 'a.example.com', '-o', 'yaml', '--demo'], /^kdrill: -o must be text or json, not "yaml"/],
    [['trace', 'a.example.com', '--bogus'], /^kdrill: unknown flag --bogus for kdrill trace/],
    [['trace', 'a.example.com'], /^kdrill: .*kubeconfig/],
  ] as [string[], RegExp][]) {
    const r = kdrill(...args);
    assert.equal(r.status, 3, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});

test('kdrill trace -o json: the documented schema, a degraded route with its diagnostics', () => {
  const r = kdrill('trace', 'api.shop.example.com/search/q', '--demo', '-o', 'json');
  assert.equal(r.status, 1);
  const t = JSON.parse(r.stdout);
  assert.equal(t.schema, 'kdrill/trace/v1');
  assert.equal(t.host, 'api.shop.example.com');
  assert.equal(t.path, '/search/q');
  assert.equal(t.verdict, 'broken');
  const nodes: any[] = [];
  const walk = (n: any) => (nodes.push(n), n.children.forEach(walk));
  walk(t.root);
  for (const n of nodes) for (const k of ['type', 'id', 'label', 'health', 'facts', 'diagnostics', 'children']) assert.ok(k in n, `${n.id} lacks ${k}`);
  assert.deepEqual(nodes.filter((n) => n.type === 'path').map((n) => n.facts.path), ['/search']);
  const codes = nodes.flatMap((n) => n.diagnostics.map((d: any) => d.code));
  assert.ok(codes.includes('tls.secret-missing'));
  assert.ok(codes.includes('service.no-ready-endpoints'));
  assert.ok(codes.includes('pod.not-ready'));
});

test('kdrill trace --watch against a kubeconfig reprints when the route changes, through an outage', async () => {
  const c = await startCluster({ scenario: 'holmes', speed: 20 });
  const child = spawn(process.execPath, ['bin/kdrill.js', 'trace', 'holmes.test.shopeekredit.co.id/admin/', '--watch', '--kubeconfig', c.kubeconfigPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitFor('a healthy trace with the node back-end pod', () => lines.some((l) => /HEALTHY/.test(l)) && lines.some((l) => /pod risk-admin-node-.*Running · 1\/1/.test(l)), 20_000);
    // The API server goes away and comes back: the watch carries on, and sees what changed meanwhile.
    // outage() cuts every connection before it returns its promise: the change below happens while the server is down.
    const outage = c.sim.faults.outage(1_500);
    c.sim.api.patch(c.sim.registry.get('services')!, 'credit-risk-admin-test-id', 'risk-admin-node', 'application/merge-patch+json', { spec: { selector: { app: 'nothing' } } });
    await outage;
    await waitFor('a second, broken trace', () => lines.some((l) => /BROKEN/.test(l)) && lines.some((l) => /selector app=nothing matches no pods/.test(l)), 20_000);
    // Each new tree comes after a timestamped line saying what changed (issue 21 #21).
    const separator = lines.findIndex((l) => l.startsWith('── ') && l.includes('HEALTHY → BROKEN'));
    assert.match(lines[separator] ?? '', /^── \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ── HEALTHY → BROKEN: changed: service risk-admin-node:http \(3001 → 3001\) \(ok → error\)/, lines.join('\n'));
    assert.ok(separator > 0 && lines[separator - 1] === '' && lines[separator + 1] === 'holmes.test.shopeekredit.co.id/admin/  BROKEN', lines.join('\n'));
    child.kill('SIGINT');
    assert.equal(await exited, 1);
  } finally {
    child.kill('SIGKILL');
    await c.stop();
  }
});

test('--log-file: what kdrill did, as JSON lines, without the kubeconfig\'s token; a bad --log-level is a usage error', async () => {
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-log-'));
  const c = await startCluster({ scenario: 'holmes', speed: 20 });
  try {
    const file = join(dir, 'kdrill.log');
    const r = spawn(process.execPath, ['bin/kdrill.js', 'trace', 'holmes.test.shopeekredit.co.id', '--kubeconfig', c.kubeconfigPath, '--log-file', file, '--log-level', 'debug'], { stdio: 'ignore' });
    await new Promise((resolve) => r.on('exit', resolve));
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual([lines[0].level, lines[0].msg, lines[0].host], ['info', 'trace', 'holmes.test.shopeekredit.co.id']);
    assert.ok(lines.some((l) => l.msg === 'watch cache' && l.phase === 'synced'));
    assert.ok(lines.some((l) => l.msg === 'verdict'));
    assert.ok(!readFileSync(file, 'utf8').includes('kdrill-sim-token'), 'the token is never written');
    const bad = kdrill('trace', 'a.example.com', '--log-level', 'chatty', '--demo');
    assert.equal(bad.status, 3);
    assert.match(bad.stderr, /^kdrill: --log-level must be debug, info, warn or error, not "chatty"/);
  } finally {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kdrill trace on a large cluster lists Ingresses everywhere but pods and Services only where the host routes to', async () => {
  const c = await startCluster({ scenario: 'large', scale: 0.02 });
  try {
    const { healthyHost } = c.sim.large!;
    const ns = healthyHost.split('.')[1];
    // The simulator runs in this process: kdrill must run beside it, not block it.
    const child = spawn(process.execPath, ['bin/kdrill.js', 'trace', healthyHost, '--kubeconfig', c.kubeconfigPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    const r = { stdout: '', stderr: '', status: null as number | null };
    child.stdout!.on('data', (d) => (r.stdout += d));
    child.stderr!.on('data', (d) => (r.stderr += d));
    r.status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /HEALTHY/);
    assert.match(r.stdout, /endpoints 10 ready/);
    // Lists: paged, or streaming (a watch with sendInitialEvents); not the watches that follow them.
    const listed = (query: string) => !/watch=/.test(query) || /sendInitialEvents=true/.test(query);
    const lists = c.sim.http.requests.filter((q) => q.method === 'GET' && listed(q.query) && /\/(pods|services|endpointslices|ingresses)$/.test(q.path)).map((q) => q.path);
    assert.ok(lists.includes('/apis/networking.k8s.io/v1/ingresses'), lists.join(' '));
    assert.ok(lists.includes(`/api/v1/namespaces/${ns}/pods`), lists.join(' '));
    assert.deepEqual(lists.filter((p) => /\/(pods|services|endpointslices)$/.test(p) && !p.includes(`/namespaces/${ns}/`)), []);
  } finally {
    await c.stop();
  }
});
