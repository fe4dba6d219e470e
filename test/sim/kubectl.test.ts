// Real-client fidelity: the kubectl binary against `kdrill sim`. Needs kubectl on PATH;
// where it is missing these tests say so and skip (CI machines have it).
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../helpers/wait.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const skip = hasKubectl ? false : 'kubectl is not installed on this machine';
const NS = 'deploy-test';

describe('kubectl against kdrill sim', { skip }, () => {
  let sim: ChildProcess;
  let kubeconfig: string;
  let cacheDir: string;

  const kubectl = (...args: string[]): string =>
    execFileSync('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args], { encoding: 'utf8', timeout: 60_000 });

  before(async () => {
    assert.ok(existsSync('dist/cli.js'), 'the CLI bundle is built (npm test builds it first)');
    cacheDir = mkdtempSync(join(tmpdir(), 'kdrill-kubectl-'));
    sim = spawn(process.execPath, ['bin/kdrill.js', 'sim', '--scenario', 'demo', '--speed', '10', '--no-churn'], { stdio: ['ignore', 'pipe', 'pipe'] });
    kubeconfig = await new Promise<string>((resolve, reject) => {
      createInterface({ input: sim.stdout! }).once('line', resolve);
      sim.once('exit', (code) => reject(new Error(`kdrill sim exited with ${code}`)));
    });
    await waitFor('nginx-deploy to be available', () => /3\/3/.test(kubectl('get', 'deploy', '-n', NS, 'nginx-deploy', '--no-headers')), 30_000);
  });

  after(async () => {
    const exited = new Promise((r) => sim.once('exit', r));
    sim.kill('SIGTERM');
    await exited;
    assert.equal(existsSync(kubeconfig), false, 'kdrill sim removes its kubeconfig on exit');
    rmSync(cacheDir, { recursive: true, force: true });
  });

  test('get pods -A prints the server-side table', async () => {
    const out = await waitFor('risk-admin to be ready', () => {
      const text = kubectl('get', 'pods', '-A');
      return /risk-admin-\w+-\w{5}\s+1\/1/.test(text) && text;
    }, 30_000);
    const [header, ...rows] = out.trim().split('\n');
    assert.match(header, /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    assert.ok(rows.some((r) => /^deploy-test\s+nginx-deploy-\w+-\w{5}\s+2\/2\s+Running\s+0\s+/.test(r)), out);
    assert.ok(rows.some((r) => /^credit-risk-admin-test-id\s+risk-admin-\w+-\w{5}\s+1\/1\s+Running/.test(r)), out);
    const wide = kubectl('get', 'pods', '-n', NS, '-o', 'wide');
    assert.match(wide.split('\n')[0], /IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES/);
  });

  test('describe pod, deployment, service and ingress', () => {
    const pod = kubectl('get', 'pods', '-n', NS, '-o', 'name').trim().split('\n')[0];
    const dp = kubectl('describe', '-n', NS, pod);
    for (const line of [/^Name:\s+nginx-deploy-/m, /^Namespace:\s+deploy-test$/m, /^Controlled By:\s+ReplicaSet\/nginx-deploy-\w+$/m, /^Status:\s+Running$/m, /^\s+nginx:$/m, /^\s+Ready:\s+True$/m, /^QoS Class:/m, /Started container nginx/]) {
      assert.match(dp, line);
    }
    const dd = kubectl('describe', 'deploy', '-n', NS, 'nginx-deploy');
    assert.match(dd, /^Replicas:\s+3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable$/m);
    assert.match(dd, /^RollingUpdateStrategy:\s+1 max unavailable, 1 max surge$/m);
    assert.match(dd, /^\s+Available\s+True\s+MinimumReplicasAvailable$/m);
    assert.match(dd, /^NewReplicaSet:\s+nginx-deploy-\w+ \(3\/3 replicas created\)$/m);
    assert.match(dd, /ScalingReplicaSet\s+.*Scaled up replica set nginx-deploy-\w+ from 0 to 3/);
    const ds = kubectl('describe', 'svc', '-n', 'credit-risk-admin-test-id', 'risk-admin');
    assert.match(ds, /^Selector:\s+app=risk-admin$/m);
    assert.match(ds, /^Port:\s+http\s+80\/TCP$/m);
    assert.match(ds, /^Endpoints:\s+10\.244\.\d+\.\d+:80$/m);
    const di = kubectl('describe', 'ing', '-n', 'credit-risk-admin-test-id', 'risk-admin-node');
    assert.match(di, /holmes\.test\.shopeekredit\.co\.id\s*\n\s+\/admin\/\s+risk-admin-node:http \(10\.244\.\d+\.\d+:3001\)/);
  });

  test('get deploy -w sees a rollout, set image and rollout status succeed, history and undo work', async () => {
    const watcher = spawn('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, 'get', 'deploy', '-n', NS, 'nginx-deploy', '-w', '--no-headers']);
    let watched = '';
    watcher.stdout.on('data', (d) => (watched += d));
    await waitFor('the watch to print the current state', () => watched.includes('nginx-deploy'));
    kubectl('set', 'image', '-n', NS, 'deployment/nginx-deploy', 'nginx=nginx:1.16.1');
    const status = kubectl('rollout', 'status', '-n', NS, 'deployment/nginx-deploy', '--timeout=60s');
    assert.match(status, /deployment "nginx-deploy" successfully rolled out/);
    const lastLine = () => watched.trim().split('\n').pop() ?? '';
    await waitFor('the watch to see UP-TO-DATE go below 3 and back', () => /nginx-deploy\s+\d\/3\s+[012]\s/.test(watched) && /^nginx-deploy\s+3\/3\s+3\s+3\s/.test(lastLine()));
    watcher.kill();
    const history = kubectl('rollout', 'history', '-n', NS, 'deployment/nginx-deploy');
    assert.match(history, /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    const rev2 = kubectl('rollout', 'history', '-n', NS, 'deployment/nginx-deploy', '--revision=2');
    assert.match(rev2, /Image:\s+nginx:1\.16\.1/);
    kubectl('rollout', 'undo', '-n', NS, 'deployment/nginx-deploy');
    assert.match(kubectl('rollout', 'status', '-n', NS, 'deployment/nginx-deploy', '--timeout=60s'), /successfully rolled out/);
    const image = kubectl('get', 'deploy', '-n', NS, 'nginx-deploy', '-o', 'jsonpath={.spec.template.spec.containers[0].image}');
    assert.equal(image, 'nginx:1.14.1');
    assert.match(kubectl('rollout', 'history', '-n', NS, 'deployment/nginx-deploy'), /\n2\s+<none>\n3\s+<none>/);
  });

  test('scale and rollout restart', () => {
    assert.match(kubectl('scale', '-n', NS, 'deployment/nginx-deploy', '--replicas=4'), /scaled/);
    assert.match(kubectl('rollout', 'status', '-n', NS, 'deployment/nginx-deploy', '--timeout=60s'), /successfully rolled out/);
    assert.equal(kubectl('get', 'deploy', '-n', NS, 'nginx-deploy', '-o', 'jsonpath={.status.readyReplicas}'), '4');
    assert.match(kubectl('rollout', 'restart', '-n', NS, 'deployment/nginx-deploy'), /restarted/);
    const restartedAt = kubectl('get', 'deploy', '-n', NS, 'nginx-deploy', '-o', "jsonpath={.spec.template.metadata.annotations['kubectl\\.kubernetes\\.io/restartedAt']}");
    assert.match(restartedAt, /^\d{4}-\d\d-\d\dT/);
    assert.match(kubectl('rollout', 'status', '-n', NS, 'deployment/nginx-deploy', '--timeout=60s'), /successfully rolled out/);
    kubectl('scale', '-n', NS, 'deployment/nginx-deploy', '--replicas=3');
  });

  test('logs --tail and logs -f', async () => {
    const pod = kubectl('get', 'pods', '-n', 'shop', '-l', 'app=frontend', '-o', 'name').trim().split('\n')[0];
    const tail = kubectl('logs', '-n', 'shop', pod, '--tail=3');
    assert.equal(tail.trim().split('\n').length, 3);
    const follower = spawn('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, 'logs', '-f', '--tail=1', '-n', 'shop', pod]);
    let out = '';
    follower.stdout.on('data', (d) => (out += d));
    await waitFor('followed lines to arrive', () => out.trim().split('\n').length >= 4, 20_000);
    follower.kill();
    const crash = kubectl('get', 'pods', '-n', 'payments', '-l', 'app=ledger-worker', '-o', 'name').trim();
    await waitFor('a restart of the crash-looping pod', () => Number(kubectl('get', '-n', 'payments', crash, '-o', 'jsonpath={.status.containerStatuses[0].restartCount}')) > 0, 30_000);
    assert.match(kubectl('logs', '-n', 'payments', crash, '--previous'), /panic: runtime error/);
  });

  test('apply -f creates, then updates; create -f of an existing object is AlreadyExists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdrill-apply-'));
    try {
      const file = join(dir, 'cm.yaml');
      const manifest = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: default\ndata:\n  a: "${v}"\n`;
      writeFileSync(file, manifest('1'));
      assert.match(kubectl('apply', '-f', file), /configmap\/applied created/);
      writeFileSync(file, manifest('2'));
      assert.match(kubectl('apply', '-f', file), /configmap\/applied configured/);
      assert.equal(kubectl('get', 'cm', 'applied', '-o', 'jsonpath={.data.a}'), '2');
      assert.throws(() => kubectl('create', '-f', file), /AlreadyExists/);
      assert.match(kubectl('delete', '-f', file), /configmap "applied" deleted/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('get events lists the controllers\' events', () => {
    const out = kubectl('get', 'events', '-n', 'shop');
    assert.match(out.split('\n')[0], /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    assert.match(out, /Warning\s+Failed\s+pod\/cart-\w+-\w+\s+Failed to pull image "registry\.example\.com\/shop\/cart:v2\.0\.1-missing"/);
    assert.match(out, /Normal\s+ScalingReplicaSet\s+deployment\/frontend\s+Scaled up replica set frontend-\w+ from 0 to 3/);
    const byObject = kubectl('get', 'events', '-n', 'shop', '--field-selector', 'involvedObject.kind=Deployment,reason=ScalingReplicaSet', '-o', 'name');
    assert.ok(byObject.trim().split('\n').length >= 4);
  });
});
