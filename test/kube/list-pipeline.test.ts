import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeTransport } from '../../src/kube/transport.js';
import { continueInHead, WatchCache } from '../../src/kube/watch-cache.js';
import { waitFor } from '../helpers/wait.js';

const pods = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, verbs: ['list', 'watch'], shortNames: [], categories: [], versions: ['v1'] };
const pod = (i: number) => ({ metadata: { name: `p-${i}`, namespace: 'ns', resourceVersion: String(i) } });

test('the continue token is read from the head of a list, only from the list\'s own metadata', () => {
  assert.equal(continueInHead('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"9","continue":"abc","remainingItemCount":5},"items":[{"metadata":{"na'), 'abc');
  assert.equal(continueInHead('{"kind":"PodList","metadata":{"resourceVersion":"9"},"items":['), undefined);
  // Not yet seen, or items first: the token must wait for the whole page.
  assert.equal(typeof continueInHead('{"kind":"PodList","metadata":{"resourceVer'), 'symbol');
  assert.equal(typeof continueInHead('{"items":[{"metadata":{"name":"x","continue":"no"}}],"metadata":{"continue":"abc"}}'), 'symbol');
});

test('the next page is asked for while the current one is still arriving (pipelined list)', async () => {
  // The server sends each page's metadata at once but holds the rest of page 1 until page 2 is asked for:
  // a client that waits for a whole page before asking for the next never finishes.
  const requests: string[] = [];
  let releaseFirst: (() => void) | undefined;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (url.searchParams.get('watch')) return void res.writeHead(200, { 'Content-Type': 'application/json' });
    const page = Number(url.searchParams.get('continue') ?? 0);
    requests.push(`page ${page}`);
    if (page === 1) releaseFirst?.();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const head = `{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7"${page < 2 ? `,"continue":"${page + 1}"` : ''}},"items":[`;
    const body = `${[0, 1].map((i) => JSON.stringify(pod(page * 2 + i))).join(',')}]}`;
    res.write(head.padEnd(head.length, ' '));
    if (page === 0) new Promise<void>((r) => (releaseFirst = r)).then(() => res.end(body));
    else res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [{ name: 'c', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
  const transport = new KubeTransport(kc);
  const cache = new WatchCache(transport, pods, undefined, { pageSize: 2, flushMs: 5 }).start();
  try {
    await waitFor('the list to finish (a client that waits for whole pages never does)', () => cache.getState().phase === 'synced', 5_000);
    assert.equal(cache.size, 6);
    assert.deepEqual(requests, ['page 0', 'page 1', 'page 2']);
  } finally {
    await cache.stop();
    transport.destroy();
    server.closeAllConnections();
    server.close();
  }
});

test('a watch cache remembers one state back per object, not every version', async () => {
  const { startCluster } = await import('../helpers/sim.js');
  const c = await startCluster({ scenario: 'none' });
  const transport = new KubeTransport(c.kc);
  const cms = c.sim.registry.get('configmaps')!;
  const cache = new WatchCache(transport, { ...pods, resource: 'configmaps', kind: 'ConfigMap' }, 'default', { flushMs: 5 }).start();
  try {
    await cache.whenSynced();
    c.sim.api.create(cms, 'default', { metadata: { name: 'a' }, data: { v: '0' } });
    await waitFor('the configmap', () => cache.get('default', 'a') !== undefined);
    const versions = [cache.get('default', 'a')!];
    for (let i = 1; i <= 3; i++) {
      c.sim.api.update(cms, 'default', 'a', { ...versions.at(-1)!, data: { v: String(i) } });
      await waitFor(`version ${i}`, () => cache.get('default', 'a')?.data?.v === String(i));
      versions.push(cache.get('default', 'a')!);
    }
    assert.equal(cache.previousOf(versions[3]), versions[2]);
    assert.equal(cache.previousOf(versions[2]), undefined, 'the link of a replaced state is let go');
  } finally {
    await cache.stop();
    transport.destroy();
    await c.stop();
  }
});
