import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ClusterSession } from '../../../src/kube/cluster-session.js';
import { eventLines } from '../../../src/model/view/detail-text.js';
import type { KubeObject } from '../../../src/model/types.js';
import { asCreated } from '../../helpers/corpus-sim.js';
import { hasCorpus, recordedObjects } from '../../helpers/recorded-corpus.js';
import { ADMIN, startCluster, type TestCluster } from '../../helpers/sim.js';
import { waitFor } from '../../helpers/wait.js';

// The recorded pairs: every core Event of the corpus and the same event through events.k8s.io/v1.
const skip = !hasCorpus && 'no corpus';
const recorded = hasCorpus ? [...recordedObjects().values()] : [];
const pairs = recorded
  .filter((o) => o.kind === 'Event' && o.apiVersion === 'v1')
  .map((core) => ({ core, view: recorded.find((v) => v.apiVersion === 'events.k8s.io/v1' && v.metadata?.uid === core.metadata?.uid) }))
  .filter((p): p is { core: KubeObject; view: KubeObject } => !!p.view);
const withoutServerFields = (o: KubeObject) => ({ ...o, metadata: { name: o.metadata?.name, namespace: o.metadata?.namespace } });

let c: TestCluster;
before(async () => {
  if (!hasCorpus) return;
  c = await startCluster({ scenario: 'none', clock: 'manual' });
  for (const ns of new Set(pairs.map((p) => p.core.metadata!.namespace!))) c.sim.api.create(c.sim.registry.get('namespaces')!, undefined, { metadata: { name: ns } });
  for (const { core } of pairs) c.sim.api.create(c.sim.registry.get('events')!, core.metadata!.namespace, asCreated(core));
});
after(() => c?.stop());

const get = async (path: string) => {
  const res = await fetch(`${c.sim.url}${path}`, { headers: ADMIN });
  return (await res.json()) as KubeObject & { items?: KubeObject[] };
};

test('events.k8s.io/v1 serves the core events again, renamed, field for field as the real server did', { skip }, async () => {
  assert.ok(pairs.length > 50, `${pairs.length} recorded pairs`);
  for (const { core, view } of pairs) {
    const served = await get(`/apis/events.k8s.io/v1/namespaces/${core.metadata!.namespace}/events/${core.metadata!.name}`);
    // Key order too: clients that print objects (kubectl get -o json) show the server's order.
    assert.deepEqual(Object.keys(served), Object.keys(view), core.metadata!.name);
    assert.deepEqual(withoutServerFields(served), withoutServerFields(view), core.metadata!.name);
  }
  const list = await get('/apis/events.k8s.io/v1/namespaces/corpus-web/events');
  assert.equal(list.items?.length, pairs.filter((p) => p.core.metadata!.namespace === 'corpus-web').length);
  assert.ok(list.items!.every((e) => 'regarding' in e && !('involvedObject' in e)));
});

test('one event through both APIs is one event to kdrill: shown once, with the count and ages the series says', { skip }, async () => {
  const session = await ClusterSession.open(c.kc, { flushMs: 5 });
  after(() => session.stop());
  session.watchRelations();
  await session.relationsReady();
  const watched = () => c.sim.http.requests.filter((q) => q.verb === 'watch').map((q) => q.path);
  await waitFor('the core events watched', () => watched().includes('/api/v1/events'));
  assert.ok(!watched().some((p) => p.includes('events.k8s.io')), 'events.k8s.io is not watched: it would bring every event twice');
  assert.ok(!c.sim.http.requests.some((q) => q.verb === 'list' && q.path.startsWith('/apis/events.k8s.io') && !q.path.includes('/namespaces/')), 'nor listed');
  const series = pairs.find((p) => p.core.series)!.core;
  const regarding = { kind: series.involvedObject.kind, metadata: { name: series.involvedObject.name, namespace: series.involvedObject.namespace, uid: series.involvedObject.uid } } as KubeObject;
  await waitFor('the events of the object', () => session.indexes.eventsFor(regarding).length > 0);
  const events = session.indexes.eventsFor(regarding);
  assert.equal(events.filter((e) => e.metadata?.name === series.metadata!.name).length, 1, 'once');
  // Half a second past the minute: clear of the rounding of microsecond timestamps.
  const at = Date.parse(series.series.lastObservedTime) + 60_500;
  const [line] = eventLines(events.filter((e) => e.metadata?.name === series.metadata!.name), at, regarding);
  assert.match(line ?? '', new RegExp(`60s \\(x${series.series.count} over `), `the count and last time of the series: ${line}`);
});
