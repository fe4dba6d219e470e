import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ImageCatalog, fullReference, parseImageRef } from '../../src/sim/images.js';
import { SimCluster } from '../../src/sim/cluster.js';
import { rolloutStatus } from '../../src/model/rollout/rollout-status.js';
import { advanceUntil, container, get, podsWith, SMP, patch, START } from './controllers/helpers.js';

test('image references are normalised as containerd reads them', () => {
  assert.deepEqual(parseImageRef('nginx'), { repository: 'docker.io/library/nginx', tag: 'latest' });
  assert.deepEqual(parseImageRef('nginx:1.25.4'), { repository: 'docker.io/library/nginx', tag: '1.25.4' });
  assert.deepEqual(parseImageRef('praqma/network-multitool'), { repository: 'docker.io/praqma/network-multitool', tag: 'latest' });
  assert.deepEqual(parseImageRef('localhost:5000/app:v1'), { repository: 'localhost:5000/app', tag: 'v1' });
  assert.deepEqual(parseImageRef('registry.example.com/shop/cart:v2'), { repository: 'registry.example.com/shop/cart', tag: 'v2' });
  assert.deepEqual(parseImageRef('nginx@sha256:abc'), { repository: 'docker.io/library/nginx', digest: 'sha256:abc' });
  assert.equal(fullReference('nginx:does-not-exist'), 'docker.io/library/nginx:does-not-exist');
});

test('the registry: an unknown tag of a known repository is missing, an unknown repository pulls, behaviours add tags to known repositories', () => {
  const images = new ImageCatalog();
  images.know('nginx:1.25.4');
  assert.equal(images.get('nginx:1.25.4').pull, 'ok');
  assert.equal(images.get('docker.io/library/nginx:1.25.4').pull, 'ok');
  assert.equal(images.get('nginx:does-not-exist').pull, 'missing');
  assert.equal(images.get('nginx').pull, 'missing', 'nginx:latest is a tag like any other');
  assert.equal(images.get('nginx@sha256:0123').pull, 'ok');
  assert.equal(images.get('example.org/hand-written:v9').pull, 'ok');
  images.set('nginx:slow', { readyAfterSeconds: 20 });
  assert.equal(images.get('nginx:slow').pull, 'ok');
  // A behaviour for an image of an unknown repository does not make the repository known.
  images.set('shop/api:unready', { ready: false });
  assert.equal(images.get('shop/api:1.0').pull, 'ok');
  assert.deepEqual(images.repositories(), { 'docker.io/library/nginx': ['1.25.4', 'slow'] });
});

test('the demo registry knows the repositories and tags its scenario uses (manifests, image behaviours, churn)', async () => {
  const sim = await SimCluster.start({ scenario: 'demo', clock: 'manual', start: START, churn: false });
  try {
    const repos = sim.images.repositories();
    assert.deepEqual(repos['docker.io/library/nginx'], ['1.14.1', '1.16.1', '1.25.4']);
    assert.deepEqual(repos['docker.io/praqma/network-multitool'], ['latest']);
    assert.deepEqual(repos['registry.example.com/shop/cart'], ['v2.0.1-missing']);
  } finally {
    await sim.stop();
  }
});

test('set image to a tag the registry lacks: the new pods fail to pull (ErrImagePull, then ImagePullBackOff, as kubelet reports them) and the rollout never completes', async () => {
  const sim = await SimCluster.start({ scenario: 'demo', clock: 'manual', start: START, churn: false });
  try {
    sim.advance(60_000);
    // What `kubectl set image deploy/nginx-deploy nginx=nginx:does-not-exist` sends.
    patch(sim, 'deployments.apps', 'deploy-test', 'nginx-deploy', SMP, { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:does-not-exist' }] } } } });
    const newPods = () => podsWith(sim, 'deploy-test', { app: 'nginx' }).filter((p) => container(p)?.image === 'nginx:does-not-exist');
    const ref = 'docker.io/library/nginx:does-not-exist';
    const cause = `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
    const waiting = (p: any) => p.status?.containerStatuses?.find((s: any) => s.name === 'nginx')?.state?.waiting;
    advanceUntil(sim, 'ErrImagePull', () => newPods().some((p) => waiting(p)?.reason === 'ErrImagePull'), { limitMs: 30_000 });
    assert.equal(waiting(newPods().find((p) => waiting(p)?.reason === 'ErrImagePull'))?.message, `Failed to pull image "nginx:does-not-exist": ${cause}`);
    advanceUntil(sim, 'ImagePullBackOff', () => newPods().some((p) => waiting(p)?.reason === 'ImagePullBackOff'), { limitMs: 30_000 });
    assert.equal(waiting(newPods().find((p) => waiting(p)?.reason === 'ImagePullBackOff'))?.message, `Back-off pulling image "nginx:does-not-exist": ErrImagePull: ${cause}`);
    const events = sim.store.list('events', 'deploy-test').map((e) => `${e.type} ${e.reason} ${e.message}`);
    assert.ok(events.includes(`Warning Failed Failed to pull image "nginx:does-not-exist": ${cause}`), events.join('\n'));
    assert.ok(events.includes('Warning Failed Error: ErrImagePull'));
    assert.ok(events.includes('Normal BackOff Back-off pulling image "nginx:does-not-exist"'));
    assert.ok(events.includes('Warning Failed Error: ImagePullBackOff'));
    sim.advance(120_000);
    const d = get(sim, 'deployments.apps', 'deploy-test', 'nginx-deploy')!;
    const status = rolloutStatus({ ...d, kind: 'Deployment' });
    assert.equal(status.done, false);
    assert.equal(status.message, 'Waiting for deployment "nginx-deploy" rollout to finish: 2 out of 3 new replicas have been updated...');
    // A known tag and an unknown repository both pull and run.
    patch(sim, 'deployments.apps', 'deploy-test', 'nginx-deploy', SMP, { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } } });
    advanceUntil(sim, 'the rollout to nginx:1.16.1', () => rolloutStatus({ ...get(sim, 'deployments.apps', 'deploy-test', 'nginx-deploy')!, kind: 'Deployment' }).done, { limitMs: 300_000 });
    patch(sim, 'deployments.apps', 'deploy-test', 'nginx-deploy', SMP, { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'example.org/hand-written/web:v9' }] } } } });
    advanceUntil(sim, 'the rollout to an unknown repository', () => rolloutStatus({ ...get(sim, 'deployments.apps', 'deploy-test', 'nginx-deploy')!, kind: 'Deployment' }).done, { limitMs: 300_000 });
  } finally {
    await sim.stop();
  }
});

test('a scenario lists more tags with registry:, and kubectl set image to a missing tag leaves the rollout stuck', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-registry-'));
  try {
    writeFileSync(join(dir, 'kdrill-scenario.yaml'), 'name: reg\nregistry:\n  nginx: ["1.27.0"]\n');
    writeFileSync(
      join(dir, 'web.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: default}\nspec:\n  replicas: 1\n  progressDeadlineSeconds: 30\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: "nginx:1.26.0"}]}\n',
    );
    const sim = await SimCluster.start({ scenario: dir, clock: 'real', speed: 50, churn: false });
    const kc = join(dir, 'kubeconfig');
    sim.writeKubeconfig(kc);
    // Asynchronous: the simulator answers from this process's event loop.
    const kubectl = (...args: string[]) =>
      new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
        execFile('kubectl', ['--kubeconfig', kc, '--cache-dir', join(dir, 'cache'), ...args], { encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr })),
      );
    try {
      assert.deepEqual(sim.images.repositories()['docker.io/library/nginx'], ['1.26.0', '1.27.0']);
      assert.match((await kubectl('rollout', 'status', 'deploy/web', '--timeout=30s')).stdout, /successfully rolled out/);
      assert.equal((await kubectl('set', 'image', 'deploy/web', 'web=nginx:1.27.0')).status, 0);
      assert.match((await kubectl('rollout', 'status', 'deploy/web', '--timeout=30s')).stdout, /successfully rolled out/);
      assert.equal((await kubectl('set', 'image', 'deploy/web', 'web=nginx:does-not-exist')).status, 0);
      const stuck = await kubectl('rollout', 'status', 'deploy/web', '--timeout=30s');
      assert.notEqual(stuck.status, 0);
      assert.match(stuck.stderr, /error: deployment "web" exceeded its progress deadline/);
      const pods = (await kubectl('get', 'pods', '-l', 'app=web', '--no-headers')).stdout;
      assert.match(pods, /0\/1\s+(ErrImagePull|ImagePullBackOff)/);
    } finally {
      await sim.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
