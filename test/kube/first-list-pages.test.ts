// A first list is applied page by page (indexes work while the next page is on its way), and
// screens are still notified once, when the whole list is in.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { discover } from '../../src/kube/discover.js';
import { KubeTransport } from '../../src/kube/transport.js';
import { WatchCache } from '../../src/kube/watch-cache.js';
import { startCluster } from '../helpers/sim.js';

test('a first list reaches change handlers page by page and listeners once, after its last page', async () => {
  const c = await startCluster({ scenario: 'none' });
  const transport = new KubeTransport(c.kc, 5_000);
  after(async () => {
    transport.destroy();
    await c.stop();
  });
  const discovery = await discover(transport);
  c.sim.api.create(c.sim.registry.get('namespaces')!, undefined, { metadata: { name: 'p' } });
  for (let i = 0; i < 50; i++) c.sim.api.create(c.sim.registry.get('pods')!, 'p', { metadata: { name: `pod-${String(i).padStart(2, '0')}` }, spec: { containers: [{ name: 'a', image: 'a:1' }] } });
  // Each page is answered 50 ms after it is asked for: ten pages, half a second in all.
  c.sim.faults.slow(50);
  const cache = new WatchCache(transport, discovery.get('pods')!, 'p', { flushMs: 10, pageSize: 5 });
  const pageRequests = () => c.sim.http.requests.filter((r) => r.verb === 'list' && r.path === '/api/v1/namespaces/p/pods').length;
  // For each object the handlers saw: how many pages had been asked for by then.
  const seenAt: number[] = [];
  cache.onChange((ch) => ch.type === 'add' && seenAt.push(pageRequests()));
  const notified: { size: number; phase: string }[] = [];
  cache.subscribe(() => notified.push({ size: cache.size, phase: cache.getState().phase }));
  cache.start();
  after(() => cache.stop());
  await cache.whenSynced();
  assert.equal(seenAt.length, 50);
  assert.equal(pageRequests(), 10);
  // The first page's pods were applied while the list had asked for at most its second page.
  assert.ok(seenAt[0] <= 2, `the first pods were applied once ${seenAt[0]} pages were asked for`);
  assert.deepEqual(notified, [{ size: 50, phase: 'synced' }], 'one notification, with the whole list');
});
