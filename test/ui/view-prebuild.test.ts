// Idle prebuild of the views likely next, against the view's own making: the rows, their health
// and the order by name it leaves in the memo are what the view would build from scratch, in a
// namespace of a cluster-wide cache and across all namespaces; it watches nothing anew, and a
// cache still listing gets nothing built.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterSession } from '../../src/kube/cluster-session.js';
import type { ApiResource } from '../../src/kube/discovery.js';
import type { KubeTransport } from '../../src/kube/transport.js';
import { WatchCache } from '../../src/kube/watch-cache.js';
import type { KubeObject } from '../../src/model/types.js';
import { rowHealth } from '../../src/model/view/row-health.js';
import { TableMemo } from '../../src/model/view/table-memo.js';
import { buildRows, rowBuilds, sortRows } from '../../src/model/view/table-rows.js';
import { viewColumns } from '../../src/ui/hooks/view-columns.js';
import { prebuildViews } from '../../src/ui/hooks/view-prebuild.js';
import { scopedObjects } from '../../src/ui/hooks/view-scope.js';

const NOW = Date.parse('2026-11-28T18:00:00Z');
const deployments: ApiResource = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', singular: 'deployment', namespaced: true, shortNames: ['deploy'], verbs: ['list', 'watch'], categories: [], versions: ['v1'] } as unknown as ApiResource;
const services: ApiResource = { group: '', version: 'v1', resource: 'services', kind: 'Service', singular: 'service', namespaced: true, shortNames: ['svc'], verbs: ['list', 'watch'], categories: [], versions: ['v1'] } as unknown as ApiResource;

const deployment = (ns: string, name: string, replicas: number, available: number, stuck = false): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { namespace: ns, name, uid: `${ns}-${name}`, resourceVersion: '1', creationTimestamp: '2026-11-28T12:00:00Z' },
  spec: { replicas, template: { spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } }, selector: { matchLabels: { app: name } } },
  status: { replicas, readyReplicas: available, updatedReplicas: replicas, availableReplicas: available, conditions: stuck ? [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] : [] },
});
const service = (ns: string, name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace: ns, name, uid: `${ns}-${name}-svc`, resourceVersion: '1', creationTimestamp: '2026-11-28T11:00:00Z' }, spec: { type: 'ClusterIP', clusterIP: '10.0.0.1', ports: [{ port: 80, protocol: 'TCP' }] } });

/** A cluster-wide cache holding `objects`, listed (synced) unless `listed` is false. */
function cacheOf(resource: ApiResource, objects: KubeObject[], listed = true): WatchCache {
  const cache = new WatchCache({} as KubeTransport, resource, undefined, { flushMs: 1_000_000 });
  if (!listed) return cache;
  const sink = (cache as unknown as { listSink(): { take(o: KubeObject): void; finish(rv: string): void } }).listSink();
  for (const o of objects) sink.take(o);
  sink.finish('1');
  return cache;
}

/** A session that holds these caches cluster-wide and opens none (acquire throws). */
function sessionOf(caches: Map<ApiResource, WatchCache>): ClusterSession {
  const byId = new Map([...caches.keys()].map((r) => [r.group ? `${r.resource}.${r.group}` : r.resource, r]));
  return {
    now: () => NOW,
    discovery: { get: (id: string) => byId.get(id), ingress: () => undefined },
    caches: {
      peek: (r: ApiResource, ns: string | undefined) => (ns === undefined ? caches.get(r) : undefined),
      synced: (r: ApiResource, ns: string | undefined) => ns === undefined && caches.get(r)?.getState().phase === 'synced',
      acquire: () => assert.fail('the prebuild opened a cache'),
    },
  } as unknown as ClusterSession;
}

const objects = [deployment('a', 'web', 3, 3), deployment('a', 'api', 2, 1), deployment('b', 'db', 1, 0, true), deployment('a', 'Zeta-10', 1, 1), deployment('a', 'zeta-9', 1, 1)];

for (const namespace of ['a', undefined]) {
  test(`prebuilt deployments rows (${namespace ?? 'all namespaces'}) are the view's: cells, keys, health and the order by name`, async () => {
    const deploy = cacheOf(deployments, objects);
    const svc = cacheOf(services, [service('a', 'web'), service('b', 'db')]);
    const session = sessionOf(new Map([[deployments, deploy], [services, svc]]));
    const memo = new TableMemo();
    try {
      const before = rowBuilds.count;
      for (const _ of prebuildViews(memo, session, 'pods', namespace, false));
      assert.equal(rowBuilds.count - before, namespace === undefined ? objects.length + 2 : 4 + 1, 'deployments and services of the view');
      // What the deployments view makes, from scratch, with the same inputs it would have.
      const { columns, rows } = viewColumns(memo, { id: 'deployments.apps', allNamespaces: namespace === undefined, wide: false, metrics: undefined });
      const scoped = scopedObjects(memo, { resource: 'deployments.apps' }, deploy, deploy.getVersion(), namespace);
      assert.deepEqual(scoped.map((o) => o.metadata?.name), objects.filter((o) => namespace === undefined || o.metadata?.namespace === namespace).map((o) => o.metadata?.name));
      const fresh = buildRows(scoped, columns, NOW);
      const { built, fresh: builtNow } = memo.built(scoped, columns, rows, NOW);
      assert.equal(builtNow.length, 0, 'rows the view had to build');
      assert.deepEqual(built.map((r) => [r.key, r.cells, r.sortKeys]), fresh.map((r) => [r.key, r.cells, r.sortKeys]));
      assert.deepEqual(built.map((r) => r.health), scoped.map((o) => rowHealth('deployments.apps', o)));
      assert.ok(built.some((r) => r.health === 'error') || namespace === 'a');
      const name = columns.findIndex((c) => c.name === 'NAME');
      assert.ok(memo.hasAscending(built, name, name), 'the order by name made');
      assert.deepEqual(memo.ascending(built, name, name).map((r) => r.key), sortRows(fresh, { column: name, descending: false }, name).map((r) => r.key));
    } finally {
      await deploy.stop();
      await svc.stop();
    }
  });
}

test('a cache still listing gets no rows built (the view builds them once its list is in)', async () => {
  const listing = new WatchCache({} as KubeTransport, deployments, undefined, { flushMs: 1_000_000 });
  // A first list applies its objects as they come: in the cache, not listed yet.
  const sink = (listing as unknown as { listSink(): { take(o: KubeObject): void } }).listSink();
  for (const o of objects) sink.take(o);
  const svc = cacheOf(services, [service('a', 'web')]);
  const session = sessionOf(new Map([[deployments, listing], [services, svc]]));
  const memo = new TableMemo();
  try {
    assert.equal(listing.size, objects.length);
    const before = rowBuilds.count;
    for (const _ of prebuildViews(memo, session, 'pods', undefined, false));
    assert.equal(rowBuilds.count - before, 1, 'the service alone');
  } finally {
    await listing.stop();
    await svc.stop();
  }
});
