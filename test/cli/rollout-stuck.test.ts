import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';
import { driveToEnd, ended, kdrillInterleaved, kdrillRollout, kubectlRollout, started } from '../helpers/rollout-runs.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';
import { kubectlFlags } from '../helpers/kubectl.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const NS = 'deploy-test';
const DEPLOY = 'deployment/nginx-deploy';

/**
 * A simulated cluster on a clock the test moves. `behindMs`: its time lags the real time by
 * this much, so that kdrill (which reads the real clock) sees conditions as that much older.
 */
async function cluster(behindMs = 0): Promise<TestCluster> {
  const c = await startCluster({ scenario: 'deploy-test', clock: 'manual', start: Date.now() - behindMs - 60_000 });
  c.sim.advance(60_000);
  return c;
}

function rollTo(c: TestCluster, image: string, container: Record<string, unknown> = {}) {
  c.sim.api.patch(c.sim.registry.get('deployments.apps')!, NS, 'nginx-deploy', 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'nginx', image, ...container }] } } } });
  c.sim.settle();
}

const kubectlNow = async (c: TestCluster) => (await promisify(execFile)('kubectl', [...kubectlFlags(c.kubeconfigPath), 'rollout', 'status', DEPLOY, '-n', NS, '--watch=false'], { encoding: 'utf8' })).stdout;
const inBackOff = (c: TestCluster) => c.sim.store.list('pods').some((p) => p.status?.containerStatuses?.some((s: any) => s.state?.waiting?.reason === 'ImagePullBackOff'));

describe('kdrill rollout status: the stuck diagnosis warns by default, and ends it with --fail-early', { skip: hasKubectl ? false : 'kubectl is not installed on this machine' }, () => {
  test('a pull refused once (a registry rate limit) is warned about, and the rollout is followed to its end (0) as kubectl follows it', async () => {
    const c = await cluster();
    try {
      c.sim.images.set('nginx:1.17.0', { pullFailures: 1 });
      rollTo(c, 'nginx:1.17.0');
      const kubectl = kubectlRollout(c, DEPLOY, NS);
      const kdrill = kdrillRollout(c, DEPLOY, NS, '--timeout', '120s');
      await started(kubectl, kdrill);
      for (let i = 0; i < 30 && !inBackOff(c); i++) c.sim.advance(1_000);
      assert.ok(inBackOff(c), 'a new pod in its pull back-off');
      await waitFor('the warning', () => kdrill.stderr, 20_000);
      assert.equal(kdrill.status, undefined, 'still following the rollout');
      await driveToEnd(c, 'deployments.apps', NS, 'nginx-deploy', 'Deployment', [kubectl, kdrill]);
      assert.equal(kubectl.status, 0);
      assert.equal(kdrill.status, 0, kdrill.stderr);
      assert.equal(kdrill.stdout, kubectl.stdout);
      assert.match(kdrill.stdout, /\ndeployment "nginx-deploy" successfully rolled out\n$/);
      // Said once, when the back-off began (not at the first ErrImagePull), though the pods went through it one after another.
      assert.match(kdrill.stderr, /^warning: rollout stuck: \d of \d new pods in ImagePullBackOff: Back-off pulling image "nginx:1\.17\.0": ErrImagePull: rpc error: [^\n]*\n$/);
    } finally {
      await c.stop();
    }
  });

  test('a slow starter past its probes\' budget is warned about and followed to its end (0); --fail-early exits 1 on it', async () => {
    // Five minutes behind: to kdrill the new containers have been unready far longer than their 30 s budget + 30 s margin.
    const c = await cluster(300_000);
    try {
      c.sim.images.set('nginx:slow', { readyAfterSeconds: 20 });
      rollTo(c, 'nginx:slow', { readinessProbe: { httpGet: { path: '/', port: 80 } } });
      c.sim.advance(5_000);
      const early = kdrillRollout(c, DEPLOY, NS, '--fail-early');
      assert.equal(await ended(early), 1);
      assert.equal(early.stdout, await kubectlNow(c));
      assert.match(early.stderr, /^error: rollout stuck: 2 of 2 new pods failing readiness: container nginx has been running \d+s without becoming ready \(its probes allow 30s\)\n$/);
      const kubectl = kubectlRollout(c, DEPLOY, NS);
      const kdrill = kdrillRollout(c, DEPLOY, NS, '--timeout', '120s');
      await started(kubectl, kdrill);
      await driveToEnd(c, 'deployments.apps', NS, 'nginx-deploy', 'Deployment', [kubectl, kdrill]);
      assert.equal(kdrill.status, 0, kdrill.stderr);
      assert.equal(kdrill.stdout, kubectl.stdout);
      assert.match(kdrill.stderr, /^warning: rollout stuck: \d of \d new pods? failing readiness: container nginx has been running \d+s without becoming ready \(its probes allow 30s\)\n$/);
    } finally {
      await c.stop();
    }
  });

  test('stuck at start: kubectl\'s waiting line on stdout first, then the diagnosis on stderr', async () => {
    const c = await cluster();
    try {
      c.sim.images.set('nginx:9.9.9', { pull: 'missing' });
      rollTo(c, 'nginx:9.9.9');
      c.sim.advance(30_000);
      const waiting = await kubectlNow(c);
      assert.match(waiting, /^Waiting for deployment "nginx-deploy" rollout to finish: /);
      const diagnosis = /^rollout stuck: 2 of 2 new pods in ImagePullBackOff: Back-off pulling image "nginx:9\.9\.9": ErrImagePull: rpc error: code = NotFound [^\n]*$/;
      // Both streams on one file: the order in which kdrill wrote them.
      const both = await kdrillInterleaved(c, DEPLOY, NS, (t) => /\nwarning: /.test(t));
      const [line, warning, ...rest] = both.split('\n');
      assert.equal(`${line}\n`, waiting);
      assert.match(warning.replace(/^warning: /, ''), diagnosis);
      assert.ok(warning.startsWith('warning: '), warning);
      assert.deepEqual(rest, ['']);
      // Each on its stream; with --fail-early the diagnosis is the error it exits 1 with.
      const failing = kdrillRollout(c, DEPLOY, NS, '--fail-early');
      assert.equal(await ended(failing), 1);
      assert.equal(failing.stdout, waiting);
      assert.ok(failing.stderr.startsWith('error: '), failing.stderr);
      assert.match(failing.stderr.replace(/^error: /, '').trimEnd(), diagnosis);
    } finally {
      await c.stop();
    }
  });
});
