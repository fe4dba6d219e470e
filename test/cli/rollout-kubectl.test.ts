import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import type { KubeObject } from '../../src/model/types.js';
import { driveToEnd, kdrillRollout, kubectlRollout, started } from '../helpers/rollout-runs.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const NS = 'deploy-test';
const skip = hasKubectl ? false : 'kubectl is not installed on this machine';

/**
 * A simulated cluster whose clock only moves when the test says. Its time starts at the real
 * time and runs ahead of it, so kdrill's time-based stuck diagnosis stays quiet: these runs
 * compare kdrill's kubectl contract alone.
 */
async function cluster(): Promise<TestCluster> {
  const c = await startCluster({ scenario: 'deploy-test', clock: 'manual', start: Date.now() });
  c.sim.advance(60_000);
  return c;
}

const podSpec = (image: string, extra: Record<string, unknown> = {}) => ({ containers: [{ name: 'app', image, ...extra }] });

function workload(kind: 'StatefulSet' | 'DaemonSet', name: string, image: string): KubeObject {
  const labels = { app: name };
  const spec: Record<string, unknown> = { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec(image) } };
  if (kind === 'StatefulSet') Object.assign(spec, { replicas: 3, serviceName: name });
  return { apiVersion: 'apps/v1', kind, metadata: { name, namespace: NS }, spec };
}

/** Starts kubectl's and kdrill's `rollout status` on the same workload, drives the cluster to kubectl's verdict, and compares. */
async function compare(c: TestCluster, resource: string, kind: string, name: string, change: () => void) {
  change();
  c.sim.settle();
  const workloadArg = `${kind.toLowerCase()}/${name}`;
  const kubectl = kubectlRollout(c, workloadArg, NS);
  const kdrill = kdrillRollout(c, workloadArg, NS, '--timeout', '120s');
  await started(kubectl, kdrill);
  await driveToEnd(c, resource, NS, name, kind, [kubectl, kdrill]);
  assert.equal(kdrill.stdout, kubectl.stdout, 'stdout');
  assert.equal(kdrill.stderr, kubectl.stderr, 'stderr');
  assert.equal(kdrill.status, kubectl.status, 'exit status');
  return kubectl;
}

const patch = (c: TestCluster, resource: string, name: string, body: unknown) =>
  c.sim.api.patch(c.sim.registry.get(resource)!, NS, name, 'application/strategic-merge-patch+json', body);

describe('kdrill rollout status prints what kubectl rollout status prints, watching the same rollout', { skip }, () => {
  test('a Deployment rolling update, to the end', async () => {
    const c = await cluster();
    try {
      const kubectl = await compare(c, 'deployments.apps', 'Deployment', 'nginx-deploy', () =>
        patch(c, 'deployments.apps', 'nginx-deploy', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } } }),
      );
      assert.equal(kubectl.status, 0);
      assert.match(kubectl.stdout, /^Waiting for deployment "nginx-deploy" rollout to finish: [\s\S]*\ndeployment "nginx-deploy" successfully rolled out\n$/);
    } finally {
      await c.stop();
    }
  });

  test('a StatefulSet rolling update, to the end', async () => {
    const c = await cluster();
    try {
      c.sim.api.create(c.sim.registry.get('statefulsets.apps')!, NS, workload('StatefulSet', 'db', 'postgres:16.1'));
      c.sim.advance(60_000);
      const kubectl = await compare(c, 'statefulsets.apps', 'StatefulSet', 'db', () => patch(c, 'statefulsets.apps', 'db', { spec: { template: { spec: podSpec('postgres:16.2') } } }));
      assert.equal(kubectl.status, 0);
      assert.match(kubectl.stdout, /^Waiting for 1 pods to be ready...\n[\s\S]*\npartitioned roll out complete: 3 new pods have been updated...\n$/);
    } finally {
      await c.stop();
    }
  });

  test('a DaemonSet rolling update, to the end', async () => {
    const c = await cluster();
    try {
      c.sim.api.create(c.sim.registry.get('daemonsets.apps')!, NS, workload('DaemonSet', 'agent', 'fluent-bit:3.0'));
      c.sim.advance(60_000);
      const kubectl = await compare(c, 'daemonsets.apps', 'DaemonSet', 'agent', () => patch(c, 'daemonsets.apps', 'agent', { spec: { template: { spec: podSpec('fluent-bit:3.1') } } }));
      assert.equal(kubectl.status, 0);
      assert.match(kubectl.stdout, /^Waiting for daemon set "agent" rollout to finish: [\s\S]*\ndaemon set "agent" successfully rolled out\n$/);
    } finally {
      await c.stop();
    }
  });

  test('a Deployment past its progress deadline fails as kubectl fails (exit 1, its error on stderr)', async () => {
    const c = await cluster();
    try {
      c.sim.images.set('nginx:never-ready', { ready: false });
      const kubectl = await compare(c, 'deployments.apps', 'Deployment', 'nginx-deploy', () =>
        patch(c, 'deployments.apps', 'nginx-deploy', {
          spec: { progressDeadlineSeconds: 20, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:never-ready', readinessProbe: { httpGet: { path: '/', port: 80 } } }] } } },
        }),
      );
      assert.equal(kubectl.status, 1);
      assert.equal(kubectl.stderr, 'error: deployment "nginx-deploy" exceeded its progress deadline\n');
    } finally {
      await c.stop();
    }
  });
});
