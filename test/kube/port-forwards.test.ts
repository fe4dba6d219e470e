// The forwards registry against the simulator: traffic counted, a pod that goes away said, stop closes the port.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { PodConnector } from '../../src/kube/pod-connect.js';
import { PortForwards } from '../../src/kube/port-forwards.js';
import { forwardRows } from '../../src/ui/forward-rows.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

describe('port-forwards', () => {
  let c: TestCluster;
  before(async () => {
    c = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 60_000 });
    c.sim.advance(60_000);
  });
  after(() => c?.stop());

  test('a pod forward: answers, counts bytes, says when its pod is gone, and stop closes the local port', async () => {
    const pod = c.sim.store.list('pods', 'shop').find((p) => p.metadata!.name!.startsWith('frontend-') && p.status?.phase === 'Running')!.metadata!.name!;
    const forwards = new PortForwards();
    const exists = () => !!c.sim.store.get('pods', 'shop', pod);
    const f = await forwards.start(new PodConnector(c.kc, false), { context: 'kdrill-sim', namespace: 'shop', target: `pod/${pod}`, remote: 'http (80)', address: '127.0.0.1', localPort: 0, via: pod }, async () => (exists() ? { pod, port: 80 } : { gone: `pod ${pod} is gone` }));
    const res = await fetch(`http://127.0.0.1:${f.localPort}/`);
    assert.equal(res.status, 200);
    await res.text();
    await waitFor('the bytes counted', () => forwards.list()[0].bytesDown > 0 && forwards.list()[0].bytesUp > 0);
    assert.deepEqual(forwardRows(forwards.list(), () => true)[0].cells.slice(0, 7), ['kdrill-sim', 'shop', `pod/${pod}`, 'http (80)', `127.0.0.1:${f.localPort}`, pod, '1']);
    // The pod goes away: the view says so at once, and the next connection finds out too.
    c.sim.store.remove('pods', 'shop', pod);
    assert.equal(forwardRows(forwards.list(), exists)[0].cells[10], `pod ${pod} is gone: the forward has nowhere to go`);
    assert.equal(forwardRows(forwards.list(), exists)[0].health, 'error');
    await assert.rejects(fetch(`http://127.0.0.1:${f.localPort}/`));
    await waitFor('the note', () => forwards.list()[0].note === `pod ${pod} is gone`);
    assert.equal(forwards.stop(f.id), true);
    assert.deepEqual(forwards.list(), []);
    const refused = await new Promise<string | undefined>((resolve) => connect(f.localPort, '127.0.0.1').on('connect', () => resolve(undefined)).on('error', (e: NodeJS.ErrnoException) => resolve(e.code)));
    assert.equal(refused, 'ECONNREFUSED', 'the local port is closed');
  });

  test('a Service forward whose pod goes away says which pod it uses now', async () => {
    const pods = c.sim.store.list('pods', 'shop').filter((p) => p.metadata!.name!.startsWith('frontend-') && p.status?.phase === 'Running').map((p) => p.metadata!.name!);
    const forwards = new PortForwards();
    let using = pods[0];
    const f = await forwards.start(new PodConnector(c.kc, false), { context: 'kdrill-sim', namespace: 'shop', target: 'service/frontend', remote: 'http (80)', address: '127.0.0.1', localPort: 0, via: using }, async () => ({ pod: using, port: 80 }));
    assert.equal((await fetch(`http://127.0.0.1:${f.localPort}/`, { headers: { connection: 'close' } })).status, 200);
    using = pods[1];
    assert.equal((await fetch(`http://127.0.0.1:${f.localPort}/`, { headers: { connection: 'close' } })).status, 200);
    await waitFor('the note', () => forwards.list()[0].note === `pod ${pods[0]} went away: now pod ${pods[1]}` && forwards.list()[0].via === pods[1]);
    forwards.stopAll();
    assert.deepEqual(forwards.list(), []);
  });
});
