import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { ended, launch } from '../helpers/rollout-runs.js';
import { waitFor } from '../helpers/wait.js';
import { kubectlFlags } from '../helpers/kubectl.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const skip = hasKubectl ? false : 'kubectl is not installed on this machine';

/** `kdrill sim` with flags, as another process; its kubeconfig path, and a stop that waits for its exit. */
async function sim(...flags: string[]): Promise<{ kubeconfig: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['bin/kdrill.js', 'sim', '--scenario', 'deploy-test', '--no-churn', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
  const kubeconfig = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const exit = new Promise((resolve) => child.once('exit', resolve));
  return { kubeconfig, stop: async () => void (child.kill('SIGINT'), await exit) };
}

async function kubectl(kubeconfig: string, ...args: string[]) {
  const run = launch('kubectl', [...kubectlFlags(kubeconfig), ...args]);
  const status = await ended(run);
  return { stdout: run.stdout, stderr: run.stderr, status };
}

test('kubectl top pods -A and top nodes against kdrill sim; --no-metrics: the Metrics API is not available', { skip }, async () => {
  const s = await sim('--metric-resolution', '5s');
  try {
    // Its pods start running within seconds: then each has a line.
    const pods = await waitFor('the three nginx pods measured', async () => {
      const r = await kubectl(s.kubeconfig, 'top', 'pods', '-A');
      return r.status === 0 && (r.stdout.match(/^deploy-test +nginx-deploy-\S+ +\d+m +\d+Mi +$/gm) ?? []).length === 3 && r;
    }, 30_000);
    assert.match(pods.stdout, /^NAMESPACE +NAME +CPU\(cores\) +MEMORY\(bytes\) +\n/);
    const nodes = await kubectl(s.kubeconfig, 'top', 'nodes');
    assert.equal(nodes.status, 0);
    assert.match(nodes.stdout, /^NAME +CPU\(cores\) +CPU% +MEMORY\(bytes\) +MEMORY% +\n(sim-node-\d +\d+m +\d+% +\d+Mi +\d+% +\n){3}$/);
    const raw = JSON.parse((await kubectl(s.kubeconfig, 'get', '--raw', '/apis/metrics.k8s.io/v1beta1/nodes')).stdout);
    assert.equal(raw.items[0].window, '5s');
  } finally {
    await s.stop();
  }
  const none = await sim('--no-metrics');
  try {
    const r = await kubectl(none.kubeconfig, 'top', 'pods', '-A');
    assert.deepEqual([r.status, r.stderr], [1, 'error: Metrics API not available\n']);
  } finally {
    await none.stop();
  }
});
