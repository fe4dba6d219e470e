import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { parseDuration, parseWorkload } from '../../src/cli/rollout-command.js';
import { startCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

const kdrill = (...args: string[]) => spawnSync(process.execPath, ['bin/kdrill.js', ...args], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/nonexistent/kubeconfig' } });

/** Runs kdrill to its end without blocking this process (an in-process simulated cluster must keep serving). */
function run(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/kdrill.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

test('workloads and durations as kubectl spells them', () => {
  assert.deepEqual(parseWorkload(['deploy/web']), { kind: 'Deployment', name: 'web' });
  assert.deepEqual(parseWorkload(['sts', 'db']), { kind: 'StatefulSet', name: 'db' });
  assert.deepEqual(parseWorkload(['daemonset.apps/agent']), { kind: 'DaemonSet', name: 'agent' });
  assert.throws(() => parseWorkload(['pod/x']), /not "pod"/);
  // Every TYPE[.VERSION][.GROUP] spelling kubectl accepts (issue 21 #8).
  for (const type of ['deploy', 'deployment', 'deployments', 'Deployment', 'deployments.apps', 'deployment.apps', 'deploy.apps', 'deployments.v1.apps']) {
    assert.deepEqual(parseWorkload([`${type}/nginx-deploy`]), { kind: 'Deployment', name: 'nginx-deploy' }, type);
    assert.deepEqual(parseWorkload([type, 'nginx-deploy']), { kind: 'Deployment', name: 'nginx-deploy' }, type);
  }
  for (const type of ['sts', 'statefulset', 'statefulsets', 'statefulsets.apps', 'StatefulSet.v1.apps']) assert.deepEqual(parseWorkload([`${type}/db`]), { kind: 'StatefulSet', name: 'db' }, type);
  for (const type of ['ds', 'daemonset', 'daemonsets', 'daemonsets.apps', 'ds.v1.apps']) assert.deepEqual(parseWorkload([type, 'agent']), { kind: 'DaemonSet', name: 'agent' }, type);
  assert.throws(() => parseWorkload(['deployments.extensions/x']), /not "deployments.extensions"/);
  assert.throws(() => parseWorkload(['deploy/a', 'b']), /KIND\/NAME/);
  assert.throws(() => parseWorkload(['web']), /KIND\/NAME/);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('90s'), 90_000);
  assert.equal(parseDuration('0'), 0);
  assert.throws(() => parseDuration('soon'), /--timeout must be a duration/);
});

test('kdrill rollout: usage errors exit 2, cluster errors 3, with --fail-early a stuck rollout 1 with its reason', () => {
  for (const args of [['rollout'], ['rollout', 'status'], ['rollout', 'frobnicate', 'deploy/x'], ['rollout', 'status', 'pod/x', '--demo'], ['rollout', 'status', 'deploy/x', '--timeout', 'soon', '--demo']]) {
    const r = kdrill(...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^kdrill: .*\nrun 'kdrill rollout --help' for usage\n$/);
  }
  const missing = kdrill('rollout', 'status', 'deploy/nope', '--demo');
  assert.equal(missing.status, 3);
  assert.match(missing.stderr, /^kdrill: deployment deploy-test\/nope not found/);
  const noConfig = kdrill('rollout', 'status', 'deploy/web');
  assert.equal(noConfig.status, 3);
  const stuck = kdrill('rollout', 'status', 'deploy/cart', '-n', 'shop', '--demo', '--fail-early');
  assert.equal(stuck.status, 1);
  assert.match(stuck.stderr, /^error: rollout stuck: 2 of 2 new pods in ImagePullBackOff: .*cart:v2\.0\.1-missing/m);
});

test('kdrill rollout status follows a real rollout to the end (0), and with --fail-early a broken one fails early (1)', async () => {
  const c = await startCluster({ scenario: 'deploy-test', speed: 2 });
  try {
    const deployments = c.sim.registry.get('deployments.apps')!;
    await waitFor('the first revision available', () => c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy')?.status?.availableReplicas === 3, 20_000);
    c.sim.api.patch(deployments, 'deploy-test', 'nginx-deploy', 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } } });
    const ok = await run('rollout', 'status', 'deployment/nginx-deploy', '-n', 'deploy-test', '--kubeconfig', c.kubeconfigPath, '--timeout', '60s');
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /Waiting for deployment "nginx-deploy" rollout to finish: .*\n[\s\S]*deployment "nginx-deploy" successfully rolled out\n$/);
    c.sim.images.set('nginx:9.9.9', { pull: 'missing' });
    c.sim.api.patch(deployments, 'deploy-test', 'nginx-deploy', 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:9.9.9' }] } } } });
    // Stuck is said long before the 600 s progress deadline: before --timeout 60s, which would say it timed out instead.
    const bad = await run('rollout', 'status', 'deployment/nginx-deploy', '-n', 'deploy-test', '--kubeconfig', c.kubeconfigPath, '--timeout', '60s', '--fail-early');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /error: rollout stuck: \d of \d new pods? in ImagePullBackOff/);
  } finally {
    await c.stop();
  }
});

test('kdrill rollout status rides out an API server outage and still reports the end of the rollout', async () => {
  const c = await startCluster({ scenario: 'deploy-test', speed: 2 });
  try {
    await waitFor('the first revision available', () => c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy')?.status?.availableReplicas === 3, 20_000);
    c.sim.api.patch(c.sim.registry.get('deployments.apps')!, 'deploy-test', 'nginx-deploy', 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } } });
    const child = spawn(process.execPath, ['bin/kdrill.js', 'rollout', 'status', 'deployment/nginx-deploy', '-n', 'deploy-test', '--kubeconfig', c.kubeconfigPath, '--timeout', '90s'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Once it is following the rollout, the API server goes away for two seconds.
    await waitFor('the rollout followed', () => /Waiting for deployment/.test(stdout), 20_000);
    await c.sim.faults.outage(2_000);
    assert.equal(await exited, 0, stderr);
    assert.match(stdout, /deployment "nginx-deploy" successfully rolled out\n$/);
  } finally {
    await c.stop();
  }
});

