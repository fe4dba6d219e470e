import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CacheRegistry } from '../../src/kube/cache-registry.js';
import { discover } from '../../src/kube/discover.js';
import type { Discovery } from '../../src/kube/discovery.js';
import { KubeTransport } from '../../src/kube/transport.js';
import { WatchCache, objectKeyOf } from '../../src/kube/watch-cache.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

const FAST = { flushMs: 10, stallMs: 1_500, backoffInitialMs: 50, backoffMaxMs: 400, forbiddenRetryMs: 300 };

describe('watch caches hold the truth through faults', () => {
  let c: TestCluster;
  let transport: KubeTransport;
  let discovery: Discovery;
  let n = 0;

  before(async () => {
    c = await startCluster({ scenario: 'none', bookmarkIntervalMs: 300 });
    transport = new KubeTransport(c.kc, 5_000);
    discovery = await discover(transport);
    for (const ns of ['a', 'b']) c.sim.api.create(c.sim.registry.get('namespaces')!, undefined, { metadata: { name: ns } });
  });
  after(async () => {
    transport.destroy();
    await c.stop();
  });

  const cm = () => c.sim.registry.get('configmaps')!;
  /** Creates, updates and deletes config maps straight in the cluster while the test's fault is on. */
  function churn(rounds = 20): void {
    for (let i = 0; i < rounds; i++) {
      const ns = i % 2 ? 'a' : 'b';
      const name = `cm-${n++}`;
      c.sim.api.create(cm(), ns, { metadata: { name }, data: { v: '0' } });
      c.sim.api.patch(cm(), ns, name, 'application/merge-patch+json', { data: { v: '1' } });
      if (i % 3 === 0) c.sim.api.delete(cm(), ns, name);
    }
    // Touch and delete some older objects too, so that stale and ghost entries would show.
    for (const o of c.sim.store.list('configmaps').slice(0, 3)) {
      if (o.metadata?.name?.startsWith('cm-')) c.sim.api.delete(cm(), o.metadata.namespace, o.metadata.name);
    }
  }

  async function truth(): Promise<Map<string, string>> {
    const list = await transport.json({ path: '/api/v1/configmaps' });
    return new Map(list.items.map((o: any) => [objectKeyOf(o), o.metadata.resourceVersion]));
  }

  async function converged(cache: WatchCache): Promise<void> {
    await waitFor('the cache to equal a fresh list', async () => {
      const want = await truth();
      const have = new Map(cache.list().map((o) => [objectKeyOf(o), o.metadata?.resourceVersion]));
      if (want.size !== have.size) return false;
      for (const [k, rv] of want) if (have.get(k) !== rv) return false;
      return cache.getState().phase === 'synced';
    }, 15_000);
    // The index by namespace (started in withCache, before the fault) holds the same objects, in the same order.
    for (const ns of ['a', 'b']) {
      const want = cache.list().filter((o) => o.metadata?.namespace === ns);
      assert.deepEqual(cache.listIn(ns).map(objectKeyOf), want.map(objectKeyOf), `the objects of ${ns}`);
      assert.ok(cache.listIn(ns).every((o, i) => o === want[i]), `the objects of ${ns} are the cache's`);
    }
  }

  async function withCache(fn: (cache: WatchCache) => Promise<void>): Promise<void> {
    const cache = new WatchCache(transport, discovery.find('configmaps')!, undefined, FAST).start();
    try {
      await cache.whenSynced();
      // The index by namespace from the start, so that every fault below tests its upkeep too.
      cache.listIn('a');
      await waitFor('the watch to be open', () => c.sim.watches.open.size > 0);
      await fn(cache);
    } finally {
      await cache.stop();
      c.sim.faults.clear();
    }
  }

  test('syncs and follows live changes', () =>
    withCache(async (cache) => {
      churn();
      await converged(cache);
      assert.equal(cache.stats.lists, 1);
    }));

  test('a namespace\'s objects are one array until that namespace changes: changes elsewhere leave it as it was', () =>
    withCache(async (cache) => {
      c.sim.api.create(cm(), 'a', { metadata: { name: 'still' }, data: { v: '0' } });
      await waitFor('the new map in a', () => cache.listIn('a').some((o) => o.metadata?.name === 'still'));
      const a = cache.listIn('a');
      const version = cache.getVersion();
      c.sim.api.create(cm(), 'b', { metadata: { name: 'elsewhere' }, data: { v: '0' } });
      await waitFor('the change in b', () => cache.getVersion() !== version && cache.listIn('b').some((o) => o.metadata?.name === 'elsewhere'));
      assert.equal(cache.listIn('a'), a);
      c.sim.api.patch(cm(), 'a', 'still', 'application/merge-patch+json', { data: { v: '1' } });
      await waitFor('the change in a', () => cache.listIn('a') !== a);
      assert.deepEqual(cache.listIn('a').find((o) => o.metadata?.name === 'still')?.data, { v: '1' });
      c.sim.api.delete(cm(), 'a', 'still');
      await waitFor('the map gone from a', () => !cache.listIn('a').some((o) => o.metadata?.name === 'still'));
      await converged(cache);
    }));

  test('a watch that ends is resumed from the last resourceVersion, without a relist', () =>
    withCache(async (cache) => {
      c.sim.faults.closeWatches();
      await waitFor('a new watch after the clean end', () => cache.stats.watches >= 2);
      churn();
      c.sim.faults.resetWatches();
      await waitFor('a new watch after the reset', () => cache.stats.watches >= 3);
      churn();
      await converged(cache);
      assert.equal(cache.stats.lists, 1, 'no relist');
    }));

  test('a quiet watch on a server that sends no bookmarks is renewed in place: no relist, never shown as a problem', () =>
    withCache(async (cache) => {
      c.sim.faults.noBookmarks(true);
      const states: string[] = [];
      const unsubscribe = cache.subscribe(() => states.push(cache.getState().phase));
      try {
        // Nothing happens for longer than stallMs (1.5 s) twice over: the watch is renewed, silently.
        await waitFor('two renewals of the quiet watch', () => cache.stats.renewals >= 2, 10_000);
        churn(4);
        await converged(cache);
        assert.equal(cache.stats.lists, 1, 'no relist');
        assert.deepEqual(states.filter((p) => p !== 'synced'), [], 'never reconnecting or syncing');
      } finally {
        unsubscribe();
      }
    }));

  test('410 Gone as a watch ERROR event relists and drops ghosts', () =>
    withCache(async (cache) => {
      c.sim.faults.stallWatches(true);
      churn();
      c.sim.faults.compact();
      c.sim.faults.resetWatches();
      c.sim.faults.stallWatches(false);
      await converged(cache);
      assert.ok(cache.stats.relists >= 1, 'relisted after 410');
    }));

  test('410 Gone as an HTTP status relists too', () =>
    withCache(async (cache) => {
      c.sim.faults.fail({ status: 410, watchOnly: true }, 3);
      c.sim.faults.resetWatches();
      churn();
      await converged(cache);
      assert.ok(cache.stats.relists >= 1);
    }));

  test('refused connections while the API server is down, then back on the same port', () =>
    withCache(async (cache) => {
      // Down until the reconnecting state is seen: after a fixed-length outage it could be over before a loaded machine looks.
      const outage = c.sim.faults.down();
      try {
        await waitFor('the reconnecting state', () => cache.getState().phase === 'reconnecting');
        churn();
      } finally {
        // Back up whatever failed, for the next test.
        await outage.up();
      }
      churn();
      await converged(cache);
    }));

  test('500s and 429 with Retry-After back off and recover', () =>
    withCache(async (cache) => {
      c.sim.faults.fail({ status: 500 }, 4);
      c.sim.faults.resetWatches();
      await waitFor('a reconnect after a 500', () => cache.getState().phase === 'reconnecting');
      churn();
      await converged(cache);
      // The 429 is answered after `asked`, so an honoured Retry-After: 1 puts the retry a second or more after it
      // (backoff alone is at most 400 ms), however late this test looks at the state.
      const asked = Date.now();
      c.sim.faults.fail({ status: 429, retryAfterSeconds: 1, watchOnly: true }, 1);
      c.sim.faults.resetWatches();
      const state = await waitFor('the 429 back-off', () => {
        const s = cache.getState();
        return s.phase === 'reconnecting' && s.reason.includes('429') && s;
      });
      assert.ok(state.retryAt - asked >= 1_000, 'Retry-After is honoured');
      churn();
      await converged(cache);
    }));

  test('a stalled watch (no bytes, no bookmarks) is detected and replaced', () =>
    withCache(async (cache) => {
      const watches = cache.stats.watches;
      c.sim.faults.stallWatches(true);
      churn();
      await waitFor('a new watch after the stall', () => cache.stats.watches > watches + 1, 10_000);
      c.sim.faults.stallWatches(false);
      await converged(cache);
    }));

  test('403 on one kind: that cache is forbidden, the others keep working', async () => {
    c.sim.faults.forbid('secrets');
    const registry = new CacheRegistry(transport, FAST, 0);
    try {
      const secrets = registry.acquire(discovery.find('secrets')!);
      const maps = registry.acquire(discovery.find('cm')!);
      await waitFor('the forbidden state', () => secrets.cache.getState().phase === 'forbidden');
      await maps.cache.whenSynced();
      churn();
      await converged(maps.cache);
      c.sim.faults.forbid('secrets', false);
      await waitFor('secrets to recover once allowed', () => secrets.cache.getState().phase === 'synced', 5_000);
    } finally {
      await registry.stopAll();
      c.sim.faults.clear();
    }
  });

  test('notifications are batched: a burst of 1,000 changes costs a handful of flushes', () =>
    withCache(async (cache) => {
      let notified = 0;
      const unsubscribe = cache.subscribe(() => notified++);
      const before = cache.stats.events;
      for (let i = 0; i < 500; i++) {
        c.sim.api.create(cm(), 'a', { metadata: { name: `burst-${i}` } });
        c.sim.api.delete(cm(), 'a', `burst-${i}`);
      }
      await waitFor('all 1,000 events', () => cache.stats.events >= before + 1_000);
      await converged(cache);
      unsubscribe();
      assert.ok(notified < 30, `${notified} notifications for 1,000 events`);
    }));

  test('shared caches are reference-counted and stopped when released', async () => {
    const registry = new CacheRegistry(transport, FAST, 0);
    const a = registry.acquire(discovery.find('configmaps')!);
    const b = registry.acquire(discovery.find('cm')!);
    assert.equal(a.cache, b.cache);
    assert.equal(registry.caches().length, 1);
    a.release();
    assert.equal(registry.caches().length, 1);
    b.release();
    await waitFor('the cache to be dropped', () => registry.caches().length === 0);
    await waitFor('its watch connection to close', () => c.sim.watches.open.size === 0);
    await registry.stopAll();
  });
});

test('objects without a usable identity (a name that is not a string) are left out of the cache, not trusted', async () => {
  const { createServer } = await import('node:http');
  const { loadKubeConfig } = await import('../../src/kube/kubeconfig.js');
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (!req.url?.includes('watch=')) {
      res.end(JSON.stringify({ metadata: { resourceVersion: '5' }, items: [{ metadata: { name: 'good', namespace: 'a', resourceVersion: '4' } }, { metadata: { name: { evil: true }, namespace: 'a' } }, { metadata: 'nope' }] }));
      return;
    }
    res.write(`${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 7, namespace: 'a', resourceVersion: '6' } } })}\n`);
    res.write(`${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'also-good', namespace: 'a', resourceVersion: '7' } } })}\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const kc = loadKubeConfig({ inline: { apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'c', cluster: { server: `http://127.0.0.1:${port}`, 'insecure-skip-tls-verify': true } }], users: [{ name: 'u', user: {} }], contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }], 'current-context': 'x' } });
  const transport = new KubeTransport(kc);
  const resource = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', singular: 'configmap', namespaced: true, shortNames: [], verbs: ['list', 'watch'], categories: [], versions: ['v1'] };
  const cache = new WatchCache(transport, resource, undefined, { flushMs: 5 }).start();
  try {
    await waitFor('both good objects', () => cache.size === 2, 5_000);
    assert.deepEqual(cache.list().map((o) => o.metadata?.name).sort(), ['also-good', 'good']);
    assert.equal(cache.stats.malformed, 3);
  } finally {
    await cache.stop();
    transport.destroy();
    server.closeAllConnections();
    server.close();
  }
});
