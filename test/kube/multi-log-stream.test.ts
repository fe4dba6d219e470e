import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MultiLogStream } from '../../src/kube/multi-log-stream.js';
import { KubeTransport } from '../../src/kube/transport.js';
import { startCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

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
