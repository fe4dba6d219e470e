import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { translateTimestampSince } from '../../src/model/format/duration.js';
import { renderTrace } from '../../src/model/route/route-lines.js';
import { traceRoute } from '../../src/model/route/trace-route.js';
import { readSnapshot } from '../../src/sim/snapshot/read-snapshot.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait.js';

type Run = { status: number | null; stdout: string; stderr: string };
/** Runs bin/kdrill.js without blocking: the simulator answers from this process. */
const kdrill = (...args: string[]) =>
  new Promise<Run>((resolve) =>
    execFile(process.execPath, ['bin/kdrill.js', ...args], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/nonexistent/kubeconfig', NO_COLOR: '' }, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ status: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    ),
  );

describe('kdrill snapshot, and trace and rollout on a snapshot', () => {
  let c: TestCluster;
  let dir: string;
  let session: ClusterSession;
  let capturedAt: string;
  before(async () => {
    c = await startCluster({ scenario: 'demo', clock: 'manual', start: Math.floor(Date.now() / 1000) * 1000 - 120_000 });
    c.sim.advance(120_000);
    c.sim.writeKubeconfig(c.kubeconfigPath, 'kdrill-demo');
    dir = mkdtempSync(join(tmpdir(), 'kdrill-snapcli-'));
    session = await ClusterSession.open(c.kc, {}, true);
    session.watchRelations(undefined);
    await session.relationsReady();
  });
  after(async () => {
    await session?.stop();
    await c?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a snapshot of all namespaces under --readonly: only GET requests, a one-line summary, no progress off a terminal', async () => {
    const from = c.sim.http.requests.length;
    const r = await kdrill('snapshot', '--kubeconfig', c.kubeconfigPath, '--readonly', '-A', '-o', join(dir, 'all'));
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    capturedAt = readSnapshot(join(dir, 'all')).manifest.capturedAt;
    const { manifests, logs: captured, manifest } = readSnapshot(join(dir, 'all'));
    const [objects, logs, kinds] = [manifests.length, captured.size, new Set(manifest.included.map((i) => i.resource)).size];
    assert.ok(kinds > 25);
    assert.equal(r.stdout, `snapshot of kdrill-demo at ${capturedAt}: ${objects} objects of ${kinds} kinds, logs of ${logs} containers, in ${join(dir, 'all')}\n  not served: networkpolicies.networking.k8s.io\n`);
    const sent = c.sim.http.requests.slice(from);
    assert.ok(sent.length > 50);
    assert.deepEqual([...new Set(sent.map((q) => q.method))], ['GET']);
    assert.ok(!sent.some((q) => q.path.includes('selfsubjectaccessreviews')));
  });

  test('on a terminal: progress on one line, redrawn, then cleared before the summary', async () => {
    const log = join(dir, 'typescript');
    const out = join(dir, 'tty');
    const r = await new Promise<number | null>((resolve) =>
      execFile('script', ['-qfec', `${process.execPath} bin/kdrill.js snapshot --kubeconfig ${c.kubeconfigPath} -n shop -o ${out}`, log], { env: { ...process.env, KUBECONFIG: '/nonexistent/kubeconfig' } }, (err) => resolve(err ? ((err as { code?: number }).code ?? null) : 0)),
    );
    assert.equal(r, 0);
    const text = readFileSync(log, 'utf8');
    assert.match(text, /\r\x1b\[2Kkdrill snapshot: \d+ objects \(pods\)/);
    assert.match(text, /\r\x1b\[2Kkdrill snapshot: logs of \d+ containers/);
    assert.match(text, /\r\x1b\[2Ksnapshot of kdrill-demo at \S+: \d+ objects of \d+ kinds/);
  });

  test('kdrill --snapshot DIR: the explorer on it, frozen; the header says so; an action is refused saying why', async (t) => {
    if (!hasTmux) return t.skip('tmux is not installed: the explorer on a snapshot is tested in a real terminal only');
    const term = new TmuxSession(`KUBECONFIG=/nonexistent ${process.execPath} bin/kdrill.js --snapshot ${join(dir, 'all')}`, 160, 40);
    try {
      await term.waitFor(new RegExp(`kdrill \\S+  snapshot of kdrill-demo at ${capturedAt} \\(not live\\)  read-only`));
      await term.waitFor(/^ns all  \[read-only\]  watching \d+ kinds, in sync/m);
      await term.waitFor(/^pods  \(\d+\)/m);
      term.keys(':');
      term.burst('deploy\r');
      await term.waitFor(/^> shop +cart /m);
      // Refused at the key, before any question: the footer says why.
      term.keys('r');
      await term.waitFor(/this is a snapshot taken at \S+, not live: kdrill makes no changes/);
      term.keys('q');
      // The pane closes with the explorer: a screen that cannot be read any more is gone too.
      await waitFor('the explorer to quit', () => {
        try {
          return !/kdrill/.test(term.screen()) || undefined;
        } catch {
          return true;
        }
      });
    } finally {
      term.kill();
    }
  });

  test('kdrill sim --snapshot serves it for kubectl: the same tables and describe text as the live cluster then, writes refused', async (t) => {
    if (spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status !== 0) return t.skip('kubectl is not installed: kubectl against kdrill sim --snapshot cannot run');
    const child = spawn(process.execPath, ['bin/kdrill.js', 'sim', '--snapshot', join(dir, 'all')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    try {
      const kubeconfig = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`kdrill sim exited with ${code}: ${stderr}`)));
      });
      const kubectl = (config: string, ...args: string[]) =>
        new Promise<Run>((resolve) => execFile('kubectl', ['--kubeconfig', config, '--cache-dir', join(dir, 'kubectl-cache'), ...args], { encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => resolve({ status: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr })));
      await waitFor('the serving line', () => stderr.includes('\n'));
      assert.match(stderr, new RegExp(`serving http://127\\.0\\.0\\.1:\\d+ \\(snapshot of kdrill-demo at ${capturedAt}, frozen and read-only\\)`));
      // The live cluster's clock has not moved since the capture (manual): its tables are the snapshot's. (Describes
      // without events, whose ages kubectl reckons by its own clock, and not of Secrets, whose keys it prints in any order.)
      for (const args of [['get', 'pods', '-A', '-o', 'wide'], ['get', 'deploy,svc,ing', '-A'], ['describe', 'svc', '-n', 'shop', 'frontend'], ['describe', 'ing', '-n', 'shop', 'shop']]) {
        const [live, snap] = [await kubectl(c.kubeconfigPath, ...args), await kubectl(kubeconfig, ...args)];
        assert.equal(snap.status, 0, snap.stderr);
        assert.equal(live.status, 0, live.stderr);
        assert.equal(snap.stdout, live.stdout, args.join(' '));
      }
      const scale = await kubectl(kubeconfig, 'scale', 'deploy/frontend', '-n', 'shop', '--replicas=5');
      assert.notEqual(scale.status, 0);
      assert.equal(scale.stderr, `Error from server (MethodNotAllowed): this cluster is a kdrill snapshot of kdrill-demo taken at ${capturedAt}: it is read-only (nothing runs in it and nothing can be changed)\n`);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });

  test('trace HOST --snapshot: the live trace at the capture time, a note that it is not live and that DNS is not resolved offline', async () => {
    for (const [host, exit] of [['shop.example.com', 1], ['holmes.test.shopeekredit.co.id', 0], ['shop.exmple.com', 2]] as const) {
      const r = await kdrill('trace', host, '--snapshot', join(dir, 'all'));
      assert.equal(r.status, exit, r.stderr);
      assert.equal(r.stderr, `kdrill: snapshot of kdrill-demo at ${capturedAt} (not live); DNS is not available offline: the snapshot records no DNS answers\n`);
      assert.equal(r.stdout, renderTrace(traceRoute(session.indexes, { host }, Date.parse(capturedAt))));
    }
  });

  test('trace HOST on a snapshot of one namespace searches that namespace, as a user of it would', async () => {
    const one = join(dir, 'shop-only');
    assert.equal((await kdrill('snapshot', '--kubeconfig', c.kubeconfigPath, '-n', 'shop', '-o', one)).status, 0);
    const part = await kdrill('trace', 'shop.example.com', '--snapshot', one);
    assert.equal(part.status, 1, part.stderr);
    assert.match(part.stderr, /^kdrill: Ingresses cannot be listed in all namespaces; searched namespace shop only \(-n NS for another\)\n/);
    // The route is found and traced (broken, as the demo's shop.example.com is), not refused for the default namespace.
    assert.match(part.stdout, /^shop\.example\.com {2}BROKEN\n└─ FAIL ingress shop\/shop /);
  });

  test('rollout status --snapshot: the status at capture time once, 0 when complete, 1 when not; history as it was', async () => {
    const banner = `kdrill: snapshot of kdrill-demo at ${capturedAt} (not live): the rollout status at capture time\n`;
    const done = await kdrill('rollout', 'status', 'deployment/nginx-deploy', '-n', 'deploy-test', '--snapshot', join(dir, 'all'));
    assert.deepEqual([done.status, done.stdout, done.stderr], [0, 'deployment "nginx-deploy" successfully rolled out\n', banner]);
    const stuck = await kdrill('rollout', 'status', 'deploy/cart', '-n', 'shop', '--snapshot', join(dir, 'all'));
    assert.equal(stuck.status, 1);
    assert.equal(stuck.stdout, 'Waiting for deployment "cart" rollout to finish: 0 of 2 updated replicas are available...\n');
    assert.match(stuck.stderr, new RegExp(`^${banner.replace(/[.()]/g, '\\$&')}warning: rollout stuck: 2 of 2 new pods in ImagePullBackOff: `));
    const history = await kdrill('rollout', 'history', 'deployment/nginx-deploy', '-n', 'deploy-test', '--snapshot', join(dir, 'all'));
    assert.equal(history.status, 0);
    const rs = c.sim.store.list('replicasets.apps', 'deploy-test')[0];
    const age = translateTimestampSince(rs.metadata!.creationTimestamp!, Date.parse(capturedAt)).padEnd(3);
    assert.equal(history.stdout, `deployment.apps/nginx-deploy  (* current)\nREVISION  ${'AGE'.padEnd(age.length)}  IMAGES                                 CHANGE-CAUSE\n1 *       ${age}  nginx:1.14.1,praqma/network-multitool  <none>\n`);
  });

  test('a user who may read only namespace shop: what it read there, and what it could not read and why', async () => {
    const out = join(dir, 'viewer.tar.gz');
    const r = await kdrill('snapshot', '--kubeconfig', c.kubeconfigPath, '--context', 'kdrill-viewer', '-A', '-o', out);
    assert.equal(r.status, 0, r.stderr);
    const { manifest } = readSnapshot(out);
    const cannot = (resource: string, scope: string) => `${resource} is forbidden: User "system:serviceaccount:shop:viewer" cannot list resource "${resource.split('.')[0]}" in API group "${resource.split('.').slice(1).join('.')}" ${scope === 'cluster' || scope === 'all namespaces' ? 'at the cluster scope' : 'in the namespace "shop"'}`;
    for (const [resource, scope] of [['pods', 'all namespaces'], ['nodes', 'cluster'], ['namespaces', 'cluster'], ['secrets', 'all namespaces'], ['secrets', 'namespace shop']]) {
      const { apiVersion: _v, kind: _k, ...u } = manifest.unreadable.find((x) => x.resource === resource && x.scope === scope)!;
      assert.deepEqual(u, { resource, scope, why: cannot(resource, scope) });
    }
    assert.deepEqual(manifest.included.find((i) => i.resource === 'pods'), { resource: 'pods', apiVersion: 'v1', kind: 'Pod', scope: 'namespace shop', objects: c.sim.store.list('pods', 'shop').length });
    assert.equal(manifest.access, 'access: namespace shop only  secrets: not readable');
    assert.equal(manifest.context, 'kdrill-viewer');
    const lines = r.stdout.split('\n');
    assert.match(lines[0], new RegExp(`^snapshot of kdrill-viewer at \\S+: \\d+ objects of \\d+ kinds, logs of \\d+ containers, in ${out.replace(/\./g, '\\.')}$`));
    assert.equal(lines[1], '  access: namespace shop only  secrets: not readable');
    assert.match(lines[2], /^  read in namespace shop only \(not allowed in all namespaces\): pods, replicasets\.apps, deployments\.apps, /);
    assert.ok(lines.includes(`  not readable: secrets (namespace shop): ${cannot('secrets', 'namespace shop')}`));
    assert.ok(lines.includes(`  not readable: nodes (cluster): ${cannot('nodes', 'cluster')}`));
    assert.ok(!lines.includes(`  not readable: secrets (all namespaces): ${cannot('secrets', 'all namespaces')}`));
    assert.equal(lines.at(-2), `  details: ${out}:kdrill-snapshot.yaml`);
    // Explored again: the namespace it could read, made up as a Namespace since namespaces were not readable.
    const trace = await kdrill('trace', 'shop.example.com', '--snapshot', out);
    assert.equal(trace.status, 1, trace.stderr);
    assert.match(trace.stdout, /^shop\.example\.com  BROKEN\n/);
  });

  test('usage errors: no -o, an -o that exists, -n with -A, an unknown kind, --snapshot with --demo, a snapshot that is not one', async () => {
    const cases: [string[], number, RegExp][] = [
      [['snapshot', '--demo'], 2, /^kdrill: kdrill snapshot needs -o DIR or -o FILE\.tar\.gz\n/],
      [['snapshot', '--demo', '-o', join(dir, 'all')], 2, /already exists and is not empty/],
      [['snapshot', '--demo', '-n', 'shop', '-A', '-o', join(dir, 'x')], 2, /-n and -A cannot be combined/],
      [['snapshot', '--kubeconfig', c.kubeconfigPath, '--kinds', 'pods,wombats', '-o', join(dir, 'y')], 2, /the server does not serve "wombats"/],
      [['trace', 'a.example.com', '--snapshot', join(dir, 'all'), '--demo'], 3, /--snapshot cannot be combined with --demo/],
      [['trace', 'a.example.com', '--snapshot', join(dir, 'nothing-here')], 3, /snapshot .* does not exist/],
      [['rollout', 'status', 'deploy/x', '--snapshot', c.kubeconfigPath], 3, /is neither a directory nor a \.tar\.gz archive/],
    ];
    for (const [args, status, message] of cases) {
      const r = await kdrill(...args);
      assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
    }
    assert.ok(!existsSync(join(dir, 'y')), 'nothing written when the kinds are wrong');
  });

  test('kdrill snapshot --demo -o FILE.tar.gz (the settled demo), then trace on it', async () => {
    const out = join(dir, 'demo.tar.gz');
    const r = await kdrill('snapshot', '--demo', '-A', '--logs', '5', '--since', '10m', '-o', out);
    assert.equal(r.status, 0, r.stderr);
    const snap = readSnapshot(out);
    assert.deepEqual(snap.manifest.logs.tailLines, 5);
    assert.deepEqual(snap.manifest.logs.sinceSeconds, 600);
    assert.ok([...snap.logs.values()].every((l) => l.length <= 5));
    const t = await kdrill('trace', 'holmes.test.shopeekredit.co.id', '--snapshot', out);
    assert.equal(t.status, 0, t.stderr);
    assert.match(t.stdout, /^holmes\.test\.shopeekredit\.co\.id  HEALTHY\n/);
  });
});
