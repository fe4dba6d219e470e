import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { discover } from '../../src/kube/discover.js';
import type { Discovery } from '../../src/kube/discovery.js';
import { ObjectFollower, resourceOfObject } from '../../src/kube/object-follower.js';
import { KubeTransport, type KubeRequest } from '../../src/kube/transport.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

let c: TestCluster;
let transport: KubeTransport;
let discovery: Discovery;
before(async () => {
  c = await startCluster({ scenario: 'none' });
  transport = new KubeTransport(c.kc, 5_000);
  discovery = await discover(transport);
  c.sim.api.create(c.sim.registry.get('namespaces')!, undefined, { metadata: { name: 'f' } });
});
after(async () => {
  transport.destroy();
  await c.stop();
});

test('a followed object: one GET of it, then a watch of it alone; its changes arrive; deleted, it keeps its last state', async () => {
  const pods = c.sim.registry.get('pods')!;
  c.sim.api.create(pods, 'f', { metadata: { name: 'one' }, spec: { containers: [{ name: 'app', image: 'example/app:1', env: [{ name: 'A', value: 'b' }] }] } });
  c.sim.api.create(pods, 'f', { metadata: { name: 'other' }, spec: { containers: [{ name: 'app', image: 'example/app:1' }] } });
  const asked: { how: string; req: KubeRequest }[] = [];
  // The transport, recording what the follower asks of it.
  const recording = {
    json: (req: KubeRequest) => (asked.push({ how: 'json', req }), transport.json(req)),
    lines: (req: KubeRequest, onLine: (l: string) => void, onOpen?: () => void) => (asked.push({ how: 'lines', req }), transport.lines(req, onLine, onOpen)),
  } as unknown as KubeTransport;
  const resource = resourceOfObject(discovery, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'one' } })!;
  assert.equal(resource.resource, 'pods');
  const f = new ObjectFollower(recording, resource, 'f', 'one', 50).start();
  try {
    await waitFor('the whole object', () => f.getState().object?.spec?.containers?.[0]?.env?.[0]?.value === 'b');
    c.sim.api.patch(pods, 'f', 'other', 'application/merge-patch+json', { metadata: { labels: { seen: 'no' } } });
    c.sim.api.patch(pods, 'f', 'one', 'application/merge-patch+json', { metadata: { labels: { seen: 'yes' } } });
    await waitFor('the change followed', () => f.getState().object?.metadata?.labels?.seen === 'yes');
    assert.equal(f.getState().object?.metadata?.name, 'one', 'another object of the kind never stands in');
    c.sim.api.delete(pods, 'f', 'one', { gracePeriodSeconds: 0 });
    await waitFor('the deletion', () => f.getState().deleted);
    assert.equal(f.getState().object?.metadata?.labels?.seen, 'yes', 'the last state is kept');
    assert.deepEqual(asked.map((a) => [a.how, a.req.path, a.req.query?.fieldSelector]), [
      ['json', '/api/v1/namespaces/f/pods/one', undefined],
      ['lines', '/api/v1/namespaces/f/pods', 'metadata.name=one'],
    ]);
  } finally {
    f.stop();
  }
});

test('an object looked at only briefly (a cursor run through an open pane) costs a GET and no watch', async () => {
  const pods = c.sim.registry.get('pods')!;
  c.sim.api.create(pods, 'f', { metadata: { name: 'brief' }, spec: { containers: [{ name: 'app', image: 'example/app:1' }] } });
  const asked: string[] = [];
  const recording = {
    json: (req: KubeRequest) => (asked.push('json'), transport.json(req)),
    lines: (req: KubeRequest, onLine: (l: string) => void, onOpen?: () => void) => (asked.push('lines'), transport.lines(req, onLine, onOpen)),
  } as unknown as KubeTransport;
  const f = new ObjectFollower(recording, discovery.get('pods')!, 'f', 'brief', 50, 60_000).start();
  await waitFor('the object', () => !!f.getState().object);
  f.stop();
  const g = new ObjectFollower(recording, discovery.get('pods')!, 'f', 'brief', 50, 0).start();
  await waitFor('the watch of one looked at longer', () => asked.includes('lines'));
  g.stop();
  assert.deepEqual(asked, ['json', 'json', 'lines']);
});
