import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { discover } from '../../src/kube/discover.js';
import type { Discovery } from '../../src/kube/discovery.js';
import { KubeTransport } from '../../src/kube/transport.js';
import { WatchCache } from '../../src/kube/watch-cache.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

const FAST = { flushMs: 10, stallMs: 1_500, backoffInitialMs: 50, backoffMaxMs: 400 };
const container = { name: 'app', image: 'example/app:1', env: [{ name: 'SECRET_ISH', value: 'x' }], ports: [{ name: 'http', containerPort: 8080 }] };

describe('slim watch caches keep only what their readers declare, listed and watched', () => {
  let c: TestCluster;
  let transport: KubeTransport;
  let discovery: Discovery;
  before(async () => {
    c = await startCluster({ scenario: 'none' });
    transport = new KubeTransport(c.kc, 5_000);
    discovery = await discover(transport);
    c.sim.api.create(c.sim.registry.get('namespaces')!, undefined, { metadata: { name: 's' } });
    c.sim.api.create(c.sim.registry.get('pods')!, 's', { metadata: { name: 'listed', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'y' } }, spec: { containers: [container] } });
  });
  after(async () => {
    transport.destroy();
    await c.stop();
  });

  test('a listed and a watched pod lose env and last-applied, keep ports and annotations; a whole cache keeps them', async () => {
    const slim = new WatchCache(transport, discovery.get('pods')!, 's', { ...FAST, slim: true }).start();
    const whole = new WatchCache(transport, discovery.get('pods')!, 's', FAST).start();
    try {
      await Promise.all([slim.whenSynced(), whole.whenSynced()]);
      c.sim.api.create(c.sim.registry.get('pods')!, 's', { metadata: { name: 'watched' }, spec: { containers: [container] } });
      await waitFor('both caches to see the watched pod', () => !!slim.get('s', 'watched') && !!whole.get('s', 'watched'));
      for (const name of ['listed', 'watched']) {
        const s = slim.get('s', name)!;
        assert.equal(s.spec?.containers?.[0]?.env, undefined, name);
        assert.equal(s.spec?.containers?.[0]?.ports?.[0]?.containerPort, 8080, name);
        assert.equal(s.kind, 'Pod');
        assert.equal(s.metadata?.managedFields, undefined);
        assert.deepEqual(whole.get('s', name)!.spec?.containers?.[0]?.env, container.env, name);
      }
      assert.deepEqual(slim.get('s', 'listed')!.metadata?.annotations, { keep: 'y' });
      assert.equal(whole.get('s', 'listed')!.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration'], '{}');
    } finally {
      await Promise.all([slim.stop(), whole.stop()]);
    }
  });
});
