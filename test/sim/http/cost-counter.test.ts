import assert from 'node:assert/strict';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { CoreV1Api, Watch } from '@kubernetes/client-node';
import { costBetween, watchLabel } from '../../../src/sim/http/cost-counter.js';
import { ADMIN, startCluster, type TestCluster } from '../../helpers/sim.js';
import { waitFor } from '../../helpers/wait.js';

/**
 * One GET on a fresh connection (closed by the server after the answer); resolves with the bytes
 * the client read on the raw TCP socket, TLS records included, once the connection has closed.
 */
function rawGet(port: number, path: string, tls: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const raw: Socket = netConnect(port, '127.0.0.1');
    const stream = tls ? tlsConnect({ socket: raw, rejectUnauthorized: false }) : raw;
    const send = () => stream.write(`GET ${path} HTTP/1.1\r\nHost: sim\r\nAuthorization: ${ADMIN.Authorization}\r\nConnection: close\r\n\r\n`);
    if (tls) stream.once('secureConnect', send);
    else raw.once('connect', send);
    stream.on('data', () => {});
    stream.on('error', reject);
    raw.once('close', () => resolve(raw.bytesRead));
  });
}

describe("the simulator's cost counter", () => {
  let c: TestCluster;
  before(async () => {
    c = await startCluster({ scenario: 'demo', clock: 'manual', metrics: true });
  });
  after(() => c.stop());
  // Counted bytes include a connection only once it is closed on both sides.
  const settled = () => waitFor('every connection closed', () => c.sim.http.connectionCount() === 0);

  for (const tls of [true, false]) {
    test(`bytes are exactly what the client read on the wire (${tls ? 'HTTPS' : 'plain HTTP'})`, async () => {
      await settled();
      const before = c.sim.http.cost.snapshot();
      let read = 0;
      for (const path of ['/api/v1/pods', '/api/v1/namespaces/shop/services', '/apis', '/version']) read += await rawGet(c.sim.port, path, tls);
      await settled();
      const cost = costBetween(before, c.sim.http.cost.snapshot());
      assert.deepEqual(cost.requests, { list: 2, discovery: 2 });
      assert.equal(cost.bytes, read);
      assert.ok(read > 20_000, `a list of the demo's pods is tens of KB: ${read}`);
    });
  }

  test('metrics.k8s.io requests and their bytes are counted apart', async () => {
    await settled();
    const before = c.sim.http.cost.snapshot();
    const read = await rawGet(c.sim.port, '/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods', false);
    await rawGet(c.sim.port, '/api/v1/namespaces/shop/pods', false);
    await settled();
    const cost = costBetween(before, c.sim.http.cost.snapshot());
    assert.deepEqual(cost.requests, { list: 2 });
    assert.deepEqual(cost.metrics, { requests: 1, bytes: read });
  });

  test('requests by verb and open watches, with client-node', async () => {
    const core = c.kc.makeApiClient(CoreV1Api);
    const before = c.sim.http.cost.snapshot();
    const pods = await core.listNamespacedPod({ namespace: 'shop' });
    await core.readNamespacedPod({ namespace: 'shop', name: pods.items[0].metadata!.name! });
    const watch = new Watch(c.kc);
    const podsWatch = await watch.watch('/api/v1/namespaces/shop/pods', {}, () => {}, () => {});
    const nodesWatch = await watch.watch('/api/v1/nodes', { fieldSelector: 'metadata.name=node-a1' }, () => {}, () => {});
    await waitFor('two open watches', () => c.sim.http.cost.snapshot().openWatches.length === 2);
    assert.deepEqual(c.sim.http.cost.snapshot().openWatches, ['nodes/node-a1@all', 'pods@shop']);
    podsWatch.abort();
    await waitFor('the pods watch closed', () => c.sim.http.cost.snapshot().openWatches.length === 1);
    nodesWatch.abort();
    await waitFor('no watch open', () => c.sim.http.cost.snapshot().openWatches.length === 0);
    assert.deepEqual(costBetween(before, c.sim.http.cost.snapshot()).requests, { list: 1, get: 1, watch: 2 });
  });

  test('watch labels: resource, single object, namespace', () => {
    assert.equal(watchLabel('/api/v1/pods', '?watch=true'), 'pods@all');
    assert.equal(watchLabel('/apis/apps/v1/namespaces/shop/deployments', '?watch=1&resourceVersion=5'), 'deployments@shop');
    assert.equal(watchLabel('/api/v1/namespaces/shop/pods', '?fieldSelector=metadata.name%3Dweb-0&watch=true'), 'pods/web-0@shop');
    assert.equal(watchLabel('/api/v1/namespaces', '?watch=true'), 'namespaces@all');
  });
});
