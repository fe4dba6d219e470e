import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { ClusterSession, EXPLORER_ON_DEMAND } from '../../src/kube/cluster-session.js';
import { describe } from '../../src/model/describe/describe.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { fromMap } from '../../src/model/label-selector.js';
import { startCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

test('a session feeds the indexes live, and stopping it leaks no watch or socket', async () => {
  const c = await startCluster({ scenario: 'holmes', speed: 20 });
  try {
    const session = await ClusterSession.open(loadKubeConfig({ kubeconfig: c.kubeconfigPath }), { flushMs: 10 });
    after(() => session.stop());
    assert.equal(session.discovery.find('ing')?.group, 'networking.k8s.io');
    assert.equal(session.discovery.find('deploy')?.resource, 'deployments');
    assert.equal(session.discovery.find('widgets'), undefined);
    session.watchRelations();
    const ns = 'credit-risk-admin-test-id';
    const selector = fromMap({ app: 'risk-admin' });
    await waitFor('the risk-admin pod in the index', () => session.indexes.podsFor(ns, selector).length === 1);
    await waitFor('both holmes Ingresses in the index', () => session.indexes.ingresses.forHost('holmes.test.shopeekredit.co.id').length === 2);
    assert.deepEqual(session.indexes.ingresses.forHost('holmes.test.shopeekredit.co.id').map((i) => i.metadata?.name).sort(), ['risk-admin', 'risk-admin-node']);
    // Scale up: the new pods arrive in the index through the watch.
    c.sim.api.patch(c.sim.registry.get('deployments.apps')!, ns, 'risk-admin', 'application/merge-patch+json', { spec: { replicas: 3 } });
    await waitFor('three pods in the index', () => session.indexes.podsFor(ns, selector).length === 3);
    await waitFor('their events', () => session.indexes.podsFor(ns, selector).every((p) => session.indexes.eventsFor(p).some((e) => e.reason === 'Scheduled')));
    // Switching scope (a namespace) rebuilds the indexes from the new caches.
    session.watchRelations('default');
    assert.equal(session.indexes.podsFor(ns, selector).length, 0);
    await session.stop();
    assert.equal(session.caches.caches().length, 0);
    await waitFor('the server to see no watches and no connections', () => c.sim.watches.open.size === 0 && c.sim.http.connectionCount() === 0);
  } finally {
    await c.stop();
  }
});

test('Secrets are held as metadata only: a TLS Secret is known to exist, and no value of any Secret is in memory', async () => {
  const c = await startCluster({ scenario: 'demo', clock: 'manual' });
  try {
    const session = await ClusterSession.open(c.kc, { flushMs: 10 });
    after(() => session.stop());
    session.watchRelations();
    await session.relationsReady();
    const tls = session.indexes.secrets.get('shop', 'shop-example-com-tls');
    assert.equal(tls?.kind, 'PartialObjectMetadata');
    assert.equal(tls?.metadata?.name, 'shop-example-com-tls');
    const secretCaches = session.caches.caches().filter((cache) => cache.resource.resource === 'secrets');
    assert.ok(secretCaches.length > 0);
    for (const cache of secretCaches) for (const s of cache.list()) assert.deepEqual(Object.keys(s).sort(), ['apiVersion', 'kind', 'metadata'], `${s.metadata?.name} holds only metadata`);
    // A Secret created later arrives through the watch, metadata only too.
    c.sim.api.create(c.sim.registry.get('secrets')!, 'shop', { metadata: { name: 'late' }, type: 'Opaque', stringData: { password: 'hunter2' } });
    await waitFor('the late Secret in the index', () => session.indexes.secrets.get('shop', 'late'));
    assert.equal(JSON.stringify(session.indexes.secrets.get('shop', 'late')).includes('aHVudGVyMg'), false);
    await session.stop();
  } finally {
    await c.stop();
  }
});

test('leaving a namespace lets go of the relation caches only it needed, and of their objects (review H3)', async () => {
  const c = await startCluster({ scenario: 'demo', clock: 'manual' });
  try {
    const session = await ClusterSession.open(c.kc, { flushMs: 10 });
    after(() => session.stop());
    session.watchRelations('shop');
    await session.relationsReady();
    assert.ok(session.indexes.deployments.get('shop', 'frontend'));
    for (const ns of ['payments', 'deploy-test', 'kube-system']) {
      session.addRelations(session.indexes.resources, [ns]);
      await session.relationsReady();
      session.releaseRelations(ns === 'payments' ? 'shop' : ns === 'deploy-test' ? 'payments' : 'deploy-test');
    }
    // Only kube-system's namespaced relation caches are still held; shop's pods are gone from the indexes.
    assert.equal(session.indexes.deployments.get('shop', 'frontend'), undefined);
    assert.equal(session.indexes.deployments.get('payments', 'ledger-worker'), undefined);
    assert.ok(session.indexes.deployments.get('kube-system', 'coredns'));
    assert.deepEqual(session.indexes.podsFor('shop', fromMap({ app: 'frontend' })), []);
    await session.stop();
  } finally {
    await c.stop();
  }
});

test('on-demand events: not read until a screen asks, then only in its namespace, loading until listed; the latest four namespaces are kept', async () => {
  const c = await startCluster({ scenario: 'demo', clock: 'manual' });
  try {
    const session = await ClusterSession.open(c.kc, { flushMs: 10 });
    after(() => session.stop());
    session.watchRelations(undefined, { onDemand: EXPLORER_ON_DEMAND });
    await session.relationsReady();
    const eventCaches = () => session.caches.caches().filter((cache) => cache.resource.resource === 'events').map((cache) => cache.namespace ?? '*');
    assert.deepEqual(eventCaches(), []);
    const pod = session.indexes.podsFor('shop', fromMap({ app: 'frontend' }))[0];
    assert.ok(pod);
    // Not asked for yet: whoever shows events asks, so they are loading, never "none".
    assert.equal(session.relationState('events', 'shop'), 'loading');
    const loading = describe(pod, session.indexes, session.now(), { eventsLoading: true }).trimEnd().split('\n');
    assert.equal(loading.at(-1), 'Events:          loading…');
    session.needRelations(['events'], 'shop');
    assert.deepEqual(eventCaches(), ['shop']);
    await waitFor('the events of shop', () => session.relationState('events', 'shop') === 'loaded');
    assert.ok(session.indexes.eventsFor(pod).length > 0, 'the pod has events');
    assert.equal(session.relationState('events', 'payments'), 'loading');
    session.needRelations(['events'], 'payments');
    await waitFor('the events of payments', () => session.relationState('events', 'payments') === 'loaded');
    const ledger = session.indexes.podsFor('payments', fromMap({ app: 'ledger-worker' }))[0];
    assert.ok(ledger && session.indexes.eventsFor(ledger).length > 0, 'a payments pod has events');
    for (const ns of ['deploy-test', 'kube-system', 'shop', 'default']) session.needRelations(['events'], ns);
    // shop was asked for again: payments is the one asked for longest ago, and is let go with its
    // events (its cache lingers ten seconds, as every released cache does).
    assert.deepEqual(eventCaches().sort(), ['default', 'deploy-test', 'kube-system', 'payments', 'shop']);
    assert.deepEqual(session.indexes.eventsFor(ledger), []);
    assert.ok(session.indexes.eventsFor(pod).length > 0, 'shop keeps its events');
    // Kinds that are not on demand are read as before (nothing new is opened).
    const before = session.caches.caches().length;
    session.needRelations(['pods'], 'payments');
    assert.equal(session.caches.caches().length, before);
    await session.stop();
  } finally {
    await c.stop();
  }
});

test('a session stopped at once sends no more access reviews: those in flight go with it (a context switch leaves the old cluster alone)', async () => {
  const c = await startCluster({ scenario: 'demo' });
  try {
    const reviews = () => c.sim.http.requests.filter((r) => r.path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews').length;
    // Each answer 300 ms late: the reviews (four at a time, two per relation kind) would take seconds.
    c.sim.faults.slow(300);
    const session = await ClusterSession.open(loadKubeConfig({ kubeconfig: c.kubeconfigPath }), { flushMs: 10 });
    await session.stop();
    await session.reviewed;
    // At most the four in flight when it stopped; a review loop that went on would send all of them.
    assert.ok(reviews() <= 4, `${reviews()} reviews sent`);
  } finally {
    await c.stop();
  }
});
