import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { MultiLogStream } from '../../src/kube/multi-log-stream.js';
import { KubeTransport } from '../../src/kube/transport.js';
import { startCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';
import { kubectlFlags } from '../helpers/kubectl.js';

const run = promisify(execFile);

test('a merged log follows a rollout: the new pods join, the old ones are marked gone', async () => {
  const c = await startCluster({ scenario: 'deploy-test', clock: 'manual' });
  const transport = new KubeTransport(c.kc);
  const merged = new MultiLogStream(transport, { flushMs: 5 });
  const targets = () =>
    c.sim.store
      .list('pods')
      .filter((p) => p.metadata?.namespace === 'deploy-test' && !p.metadata?.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase))
      .map((p) => ({ namespace: 'deploy-test', pod: p.metadata!.name!, container: 'nginx' }));
  try {
    c.sim.advance(60_000);
    const before = targets().map((t) => t.pod);
    merged.setTargets(targets());
    const hash = (pod: string) => pod.split('-').slice(-2, -1)[0];
    const seenHashes = () => new Set(merged.buffer.lines().map((l) => l.split('-')[0]));
    await waitFor('lines from the first revision', () => seenHashes().has(hash(before[0])), 10_000);
    c.sim.api.patch(c.sim.registry.get('deployments.apps')!, 'deploy-test', 'nginx-deploy', 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } } });
    for (let i = 0; i < 60 && !(merged.buffer.lines().filter((l) => /is gone/.test(l)).length === 3 && [...seenHashes()].length >= 2); i++) {
      const version = merged.getVersion();
      c.sim.advance(1_000);
      merged.setTargets(targets());
      // Each simulated second brings log lines: wait for them to reach the merged log.
      await waitFor('the step in the merged log', () => merged.getVersion() !== version, 500).catch(() => undefined);
    }
    const lines = merged.buffer.lines();
    for (const pod of before) assert.ok(lines.some((l) => l.includes(`-- ${pod}/nginx is gone`)), `${pod} marked gone`);
    const fresh = targets().map((t) => hash(t.pod));
    assert.ok(fresh.every((h) => h !== hash(before[0])), 'all pods are of the new revision');
    assert.ok(lines.some((l) => l.startsWith(`${fresh[0]}-`)), 'the new pods\' lines are in the merged log');
    assert.equal(merged.size, 3);
  } finally {
    merged.stop();
    transport.destroy();
    await c.stop();
  }
});

test("a Deployment's merged log is in time order: the backlogs merged by stamp, live lines after (issue 21 #4)", async () => {
  const c = await startCluster({ scenario: 'deploy-test', clock: 'manual' });
  const transport = new KubeTransport(c.kc);
  const merged = new MultiLogStream(transport, { flushMs: 5 });
  try {
    c.sim.advance(60_000);
    const pods = c.sim.store.list('pods').filter((p) => p.metadata?.namespace === 'deploy-test').map((p) => p.metadata!.name!);
    assert.equal(pods.length, 3);
    merged.setTargets(pods.map((pod) => ({ namespace: 'deploy-test', pod, container: 'nginx' })));
    const stamps = () => merged.buffer.lines(true).map((l) => l.split(' ')[0]);
    const podsIn = () => new Set(merged.buffer.lines().map((l) => l.split(' │ ')[0]));
    await waitFor('every backlog', () => podsIn().size === 3, 10_000);
    // The clock stands still: each backlog is what kubectl reads now (the stream's 50 last lines).
    const backlog = async (pod: string) => (await run('kubectl', [...kubectlFlags(c.kubeconfigPath), '-n', 'deploy-test', 'logs', pod, '-c', 'nginx', '--tail', '50'])).stdout.trimEnd().split('\n').length;
    const total = (await Promise.all(pods.map(backlog))).reduce((a, b) => a + b, 0);
    await waitFor('the backlogs in full', () => merged.buffer.length === total, 10_000);
    // The pods' lines interleave in time: pod by pod they would be out of order.
    const pod = merged.buffer.lines().map((l) => l.split(' │ ')[0]);
    assert.ok(pod.some((p, i) => i > 0 && p !== pod[i - 1] && pod.indexOf(pod[i - 1], i) >= 0), 'the pods take turns');
    const sorted = (xs: string[]) => xs.every((s, i) => i === 0 || Date.parse(xs[i - 1]) <= Date.parse(s));
    assert.ok(sorted(stamps()), stamps().join('\n'));
    const before = merged.buffer.length;
    c.sim.advance(20_000);
    await waitFor('live lines', () => merged.buffer.length > before, 10_000);
    assert.ok(sorted(stamps()), stamps().join('\n'));
  } finally {
    merged.stop();
    transport.destroy();
    await c.stop();
  }
});
