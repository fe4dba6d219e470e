import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { startCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

const listPath = (q: { path: string; query: string; verb: string }) => (q.verb === 'list' ? q.path : undefined);

test('held background caches wait for the screen: the pods list ends before any relation list begins', async () => {
  const c = await startCluster({ scenario: 'large', scale: 0.05 });
  after(() => c.stop());
  // Paged lists, as from a server that refuses streaming lists (the streaming case is the next test).
  const session = await ClusterSession.open(loadKubeConfig({ kubeconfig: c.kubeconfigPath }), { flushMs: 10, pageSize: 100, watchList: false });
  after(() => session.stop());
  const from = c.sim.http.requests.length;
  session.watchRelations(undefined, { afterScreen: true });
  assert.equal(session.caches.caches().filter((k) => k.stats.lists > 0).length, 0, 'nothing is listed before a screen asks');
  const screen = session.caches.acquire(session.discovery.get('pods')!, undefined);
  after(() => screen.release());
  await session.relationsReady();
  const paths = c.sim.http.requests.slice(from).map(listPath).filter((p): p is string => !!p);
  const lastPods = paths.lastIndexOf('/api/v1/pods');
  const firstOther = paths.findIndex((p) => p !== '/api/v1/pods');
  assert.ok(paths.filter((p) => p === '/api/v1/pods').length >= 15, 'the pods came in pages');
  assert.ok(lastPods < firstOther, `pods pages then the rest, not ${paths.slice(0, 30).join(' ')}`);
  assert.equal(session.indexes.unavailable.has('services'), false);
});

test('held background caches wait for the screen\'s streaming list: no relation is asked for before the pods are in', async () => {
  const c = await startCluster({ scenario: 'large', scale: 0.05 });
  after(() => c.stop());
  const session = await ClusterSession.open(loadKubeConfig({ kubeconfig: c.kubeconfigPath }), { flushMs: 10, pageSize: 100 });
  after(() => session.stop());
  const from = c.sim.http.requests.length;
  session.watchRelations(undefined, { afterScreen: true });
  const screen = session.caches.acquire(session.discovery.get('pods')!, undefined);
  after(() => screen.release());
  let atSync = -1;
  void screen.cache.whenSynced().then(() => (atSync = c.sim.http.requests.length));
  await session.relationsReady();
  assert.equal(screen.cache.stats.streamedLists, 1);
  assert.ok(atSync > from, 'the pods synced');
  // Lists and watches (the access reviews that decide what to watch may go first).
  const reads = (qs: typeof c.sim.http.requests) => qs.filter((q) => q.verb === 'list' || q.verb === 'watch').map((q) => `${q.verb} ${q.path}`);
  assert.deepEqual(reads(c.sim.http.requests.slice(from, atSync)), ['watch /api/v1/pods'], 'one streaming list, and nothing else while it streamed');
  assert.ok(reads(c.sim.http.requests.slice(atSync)).some((r) => r !== 'watch /api/v1/pods'), 'the relations after it');
});

test('held background caches start anyway when no screen comes', async () => {
  const c = await startCluster({ scenario: 'holmes' });
  after(() => c.stop());
  const session = await ClusterSession.open(loadKubeConfig({ kubeconfig: c.kubeconfigPath }), { flushMs: 10 });
  after(() => session.stop());
  session.caches.holdBackground(300);
  session.addRelations(['services'], [undefined]);
  const cache = session.caches.caches()[0];
  assert.equal(cache.stats.lists, 0);
  await waitFor('the held cache to list after its wait', () => cache.getState().phase === 'synced', 5_000);
});

test('the hold bounds a stall, not the load: a screen list that keeps receiving pages for longer than the bound still goes first', async () => {
  const c = await startCluster({ scenario: 'large', scale: 0.05 });
  after(() => c.stop());
  // Paged lists: a slow server makes each page late (a streaming list is one request).
  const session = await ClusterSession.open(loadKubeConfig({ kubeconfig: c.kubeconfigPath }), { flushMs: 10, pageSize: 100, watchList: false });
  after(() => session.stop());
  // Every request waits 200 ms: the pods' 15 pages take about three seconds, three times the 1 s bound, and a page
  // may come 800 ms late (a loaded machine) before the bound takes it for a stall.
  c.sim.faults.slow(200);
  const from = c.sim.http.requests.length;
  session.caches.holdBackground(1_000);
  session.addRelations(['services', 'events'], [undefined]);
  const screen = session.caches.acquire(session.discovery.get('pods')!, undefined);
  after(() => screen.release());
  await session.relationsReady();
  const paths = c.sim.http.requests.slice(from).map(listPath).filter((p): p is string => !!p);
  const pods = paths.filter((p) => p === '/api/v1/pods').length;
  assert.ok(pods >= 15, `the pods came in ${pods} pages`);
  assert.ok(paths.lastIndexOf('/api/v1/pods') < paths.findIndex((p) => p !== '/api/v1/pods'), `pods pages then the rest, not ${paths.slice(0, 30).join(' ')}`);
});
