/**
 * Streaming lists (watch-list.ts): against a scripted server, what ends a streaming list and what
 * makes it fall back (remembered for the transport or not); against the simulator, a WatchCache
 * with `watchList` syncs from one request with one notification, falls back to pages when the
 * server refuses (an ERROR event, a 422) without asking again on that transport, and relists
 * after a 410 with the true differences.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { discover } from '../../src/kube/discover.js';
import type { ApiResource, Discovery } from '../../src/kube/discovery.js';
import { KubeTransport } from '../../src/kube/transport.js';
import { WatchCache, objectKeyOf, type CacheChange } from '../../src/kube/watch-cache.js';
import { streamList, watchListRefused } from '../../src/kube/watch-list.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

const FAST = { flushMs: 10, stallMs: 1_500, backoffInitialMs: 50, backoffMaxMs: 400, forbiddenRetryMs: 300, pageSize: 7 };
const cm = (name: string, rv: string) => ({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name, namespace: 'a', resourceVersion: rv } });
const line = (type: string, object: unknown) => JSON.stringify({ type, object });
const CONFIGMAPS: ApiResource = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', singular: 'configmap', namespaced: true, shortNames: ['cm'], verbs: ['list', 'watch'], categories: [], versions: ['v1'] };
const END = line('BOOKMARK', { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: '42', annotations: { 'k8s.io/initial-events-end': 'true' } } });

describe('streamList against a scripted server', () => {
  let server: Server;
  // What the next watch request is answered with: a status and its body.
  let answer: { status: number; body: string } = { status: 200, body: '' };
  const queries: string[] = [];
  // Answers differently from `answer` when set (a stream the test writes to as it goes).
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const transport = () => {
    const kc = new KubeConfig();
    const port = (server.address() as AddressInfo).port;
    kc.loadFromOptions({ clusters: [{ name: 'c', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
    return new KubeTransport(kc, 2_000);
  };
  before(async () => {
    server = createServer((req, res) => {
      queries.push(new URL(req.url!, 'http://x').search);
      if (handle) return handle(req, res);
      res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(answer.body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  after(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  async function run(body: string, status = 200) {
    answer = { status, body };
    const t = transport();
    const got = { items: [] as string[], end: '', live: [] as string[] };
    try {
      const outcome = await streamList(t, { path: '/api/v1/configmaps' }, { item: (o) => got.items.push(o.metadata!.name!), end: (rv) => (got.end = rv), live: (l) => got.live.push(l) }).catch((e: Error) => `threw ${e.message}`);
      return { outcome, refused: watchListRefused(t), ...got };
    } finally {
      t.destroy();
    }
  }

  test('the initial events, the end bookmark, then live lines: streamed, with the query of a streaming list', async () => {
    const live = line('MODIFIED', cm('x', '43'));
    assert.deepEqual(await run([line('ADDED', cm('x', '40')), line('ADDED', cm('y', '41')), END, live, ''].join('\n')), { outcome: 'streamed', refused: false, items: ['x', 'y'], end: '42', live: [live] });
    assert.equal(queries.at(-1), '?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true');
  });

  test('a WatchCache takes the objects as they stream and notifies once, at the end bookmark, however long it takes', async () => {
    let finish: (() => void) | undefined;
    handle = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write([line('ADDED', cm('x', '40')), line('ADDED', cm('y', '41')), ''].join('\n'));
      finish = () => res.write(END + '\n');
    };
    const t = transport();
    const cache = new WatchCache(t, CONFIGMAPS, undefined, { flushMs: 0, stallMs: 5_000, watchList: true });
    let notes = 0;
    cache.subscribe(() => notes++);
    try {
      cache.start();
      await waitFor('both objects, applied as they came', () => cache.size === 2 && finish);
      assert.deepEqual([notes, cache.getState().phase], [0, 'syncing']);
      finish!();
      await cache.whenSynced();
      assert.deepEqual([notes, cache.resourceVersion], [1, '42']);
    } finally {
      handle = undefined;
      await cache.stop();
      t.destroy();
    }
  });

  test('refusals fall back and are remembered: the recorded ERROR 500, a 422, a plain watch (a change or a plain bookmark before the end)', async () => {
    const error500 = line('ERROR', { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'a watch stream was requested by the client but the required storage feature RequestWatchProgress is disabled', reason: 'InternalError', code: 500 });
    const plainBookmark = line('BOOKMARK', { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: '42' } });
    for (const [body, status] of [
      [error500, 200],
      ['{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"invalid","reason":"Invalid","code":422}', 422],
      [[line('ADDED', cm('x', '40')), line('MODIFIED', cm('x', '41'))].join('\n'), 200],
      [[line('ADDED', cm('x', '40')), plainBookmark].join('\n'), 200],
    ] as const) {
      const r = await run(body, status);
      assert.deepEqual([r.outcome, r.refused, r.end], ['fallback', true, ''], body);
    }
  });

  test('passing failures fall back without being remembered: 410 and 504 ERROR events, a 503, an end before the end bookmark', async () => {
    for (const [body, status] of [
      [line('ERROR', { kind: 'Status', code: 410, message: 'gone' }), 200],
      [line('ERROR', { kind: 'Status', code: 504, message: 'Timeout: Too large resource version' }), 200],
      ['{"kind":"Status","code":503,"message":"unavailable"}', 503],
      [line('ADDED', cm('x', '40')), 200],
    ] as const) {
      const r = await run(body, status);
      assert.deepEqual([r.outcome, r.refused], ['fallback', false], body);
    }
  });
});

describe('a WatchCache with watchList on the simulator', () => {
  let c: TestCluster;
  let transport: KubeTransport;
  let discovery: Discovery;
  before(async () => {
    c = await startCluster({ scenario: 'none', bookmarkIntervalMs: 300 });
    transport = new KubeTransport(c.kc, 5_000);
    discovery = await discover(transport);
    c.sim.api.create(c.sim.registry.get('namespaces')!, undefined, { metadata: { name: 'a' } });
    for (let i = 0; i < 30; i++) c.sim.api.create(c.sim.registry.get('configmaps')!, 'a', { metadata: { name: `cm-${String(i).padStart(2, '0')}` }, data: { v: '0' } });
  });
  after(async () => {
    transport.destroy();
    await c.stop();
  });
  const configmaps = () => discovery.find('configmaps')!;
  // Ours and each namespace's kube-root-ca.crt.
  const all = () => c.sim.store.count('configmaps');
  const requests = () => c.sim.http.requests.filter((r) => r.path === '/api/v1/configmaps');

  test('first sync from one streaming list: objects applied in key order, one notification at the end bookmark, then live', async () => {
    const before = requests().length;
    const cache = new WatchCache(transport, configmaps(), undefined, { ...FAST, watchList: true });
    const seen: string[] = [];
    cache.onChange((ch) => seen.push(objectKeyOf(ch.object)));
    let notes = 0;
    cache.subscribe(() => notes++);
    try {
      await cache.start().whenSynced();
      assert.equal(cache.size, all());
      assert.deepEqual(seen, [...seen].sort());
      assert.equal(notes, 1, 'one notification for the whole list');
      assert.equal(cache.resourceVersion, String(c.sim.store.resourceVersion));
      assert.deepEqual({ ...cache.stats, events: 0, notifications: 0 }, { lists: 0, pages: Math.floor(all() / FAST.pageSize), watches: 1, events: 0, notifications: 0, relists: 0, malformed: 0, renewals: 0, streamedLists: 1, fallbacks: 0 });
      assert.deepEqual(requests().slice(before).map((r) => r.query), ['?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=' + /timeoutSeconds=(\d+)/.exec(requests().at(-1)!.query)![1]]);
      c.sim.api.create(c.sim.registry.get('configmaps')!, 'a', { metadata: { name: 'live' } });
      await waitFor('the live object', () => cache.get('a', 'live'));
      assert.equal(cache.stats.streamedLists, 1, 'the same stream carries live events');
    } finally {
      await cache.stop();
      if (c.sim.store.get('configmaps', 'a', 'live')) c.sim.api.delete(c.sim.registry.get('configmaps')!, 'a', 'live');
    }
  });

  for (const [how, refuse] of [
    ['by the recorded ERROR event', (t: TestCluster) => t.sim.faults.refuseWatchList()],
    // Every watch for a while: a watch request of an earlier test, still in flight, may take the first.
    ['by a 422', (t: TestCluster) => t.sim.faults.fail({ status: 422, watchOnly: true, message: 'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled' }, 1, 60_000)],
  ] as const) {
    test(`refused ${how}: pages instead, and the transport does not ask again for another kind`, async () => {
      const t = new KubeTransport(c.kc, 5_000);
      refuse(c);
      const first = new WatchCache(t, configmaps(), undefined, { ...FAST, watchList: true });
      const second = new WatchCache(t, discovery.find('namespaces')!, undefined, { ...FAST, watchList: true });
      try {
        await first.start().whenSynced();
        assert.equal(first.size, all());
        assert.deepEqual([first.stats.streamedLists, first.stats.fallbacks, first.stats.lists, first.stats.pages], [1, 1, 1, Math.ceil(all() / FAST.pageSize)]);
        assert.equal(watchListRefused(t), true);
        await second.start().whenSynced();
        assert.deepEqual([second.stats.streamedLists, second.stats.lists], [0, 1]);
        assert.equal(watchListRefused(transport), false, 'remembered per transport');
      } finally {
        c.sim.faults.clear();
        await first.stop();
        await second.stop();
        t.destroy();
      }
    });
  }

  test('the listed objects are let go once replaced, though the stream that listed them goes on as the watch', async () => {
    // gc is exposed here even when node was not started with --expose-gc (the test runner does not).
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const cache = new WatchCache(transport, configmaps(), undefined, { ...FAST, watchList: true });
    const names = Array.from({ length: 30 }, (_, i) => `cm-${String(i).padStart(2, '0')}`);
    try {
      await cache.start().whenSynced();
      const listed = names.map((n) => new WeakRef(cache.get('a', n)!));
      for (const n of names) c.sim.api.patch(c.sim.registry.get('configmaps')!, 'a', n, 'application/merge-patch+json', { data: { v: `${Date.now()}` } });
      await waitFor('every object replaced', () => names.every((n, i) => cache.get('a', n) !== listed[i].deref()));
      assert.equal(cache.stats.streamedLists, 1, 'the same stream as the list');
      // The cache keeps the states replaced by its last two batches (a screen compares rows with them): two more batches let them go.
      for (const v of ['1', '2']) {
        const version = cache.getVersion();
        c.sim.api.patch(c.sim.registry.get('configmaps')!, 'a', 'cm-00', 'application/merge-patch+json', { data: { v } });
        await waitFor(`batch ${v}`, () => cache.getVersion() > version && cache.get('a', 'cm-00')?.data?.v === v);
      }
      await waitFor('the listed states collected', () => {
        gc();
        return listed.filter((w) => w.deref()).length === 0;
      }, 5_000);
    } finally {
      await cache.stop();
    }
  });

  test('a 410 after the end bookmark relists by a streaming list, with the true differences', async () => {
    const cache = new WatchCache(transport, configmaps(), undefined, { ...FAST, watchList: true });
    const changes: CacheChange[] = [];
    cache.onChange((ch) => changes.push(ch));
    try {
      await cache.start().whenSynced();
      changes.length = 0;
      // Changes the cache cannot see (its watch is stalled, then cut), and a history that no longer reaches its resourceVersion.
      c.sim.faults.stallWatches(true);
      c.sim.api.delete(c.sim.registry.get('configmaps')!, 'a', 'cm-03');
      c.sim.api.patch(c.sim.registry.get('configmaps')!, 'a', 'cm-04', 'application/merge-patch+json', { data: { v: '1' } });
      c.sim.faults.compact();
      c.sim.faults.resetWatches();
      c.sim.faults.stallWatches(false);
      await waitFor('the relist', () => cache.stats.relists >= 1 && cache.stats.streamedLists >= 2 && cache.getState().phase === 'synced' && !cache.get('a', 'cm-03'));
      assert.equal(cache.stats.lists, 0, 'no paged list');
      assert.equal(cache.size, all());
      assert.equal(cache.get('a', 'cm-04')!.data?.v, '1');
      assert.deepEqual(changes.map((ch) => `${ch.type} ${objectKeyOf(ch.object)}`), ['delete a/cm-03', 'update a/cm-04']);
    } finally {
      c.sim.faults.clear();
      await cache.stop();
    }
  });
});
