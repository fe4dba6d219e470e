// The watch cache's index by namespace against a simple reference (every object, filtered by
// namespace): whatever watch events and relists come, in whatever order, a namespace's objects
// are the cache's own, in the cache's order, and its array changes exactly when that namespace does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { WatchCache, objectKeyOf } from '../../src/kube/watch-cache.js';
import type { KubeTransport } from '../../src/kube/transport.js';
import type { KubeObject } from '../../src/model/types.js';

const resource = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', singular: 'configmap', namespaced: true, shortNames: [], verbs: ['list', 'watch'], categories: [], versions: ['v1'] };
const NAMESPACES = ['a', 'b', 'c'];

type Op = { type: 'event'; event: 'ADDED' | 'MODIFIED' | 'DELETED'; ns: string; name: string } | { type: 'relist'; objects: { ns: string; name: string }[] } | { type: 'ask'; ns: string };

const ref = fc.record({ ns: fc.constantFrom(...NAMESPACES), name: fc.constantFrom('p', 'q', 'r', 's') });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant('event' as const), event: fc.constantFrom('ADDED' as const, 'MODIFIED' as const, 'DELETED' as const), ns: ref.map((r) => r.ns), name: ref.map((r) => r.name) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('relist' as const), objects: fc.uniqueArray(ref, { selector: (r) => `${r.ns}/${r.name}`, maxLength: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('ask' as const), ns: fc.constantFrom(...NAMESPACES, 'none') }) },
);

/** A cache driven straight through its list and watch steps (no server): the index's upkeep alone. */
function drive(cache: WatchCache): { event(type: string, o: KubeObject): void; relist(objects: KubeObject[]): void } {
  const c = cache as unknown as { onLine(line: string, progress: () => void): void; listSink(): { take(o: KubeObject): void; finish(rv: string): void; abandon(): void } };
  return {
    event: (type, o) => c.onLine(JSON.stringify({ type, object: o }), () => {}),
    relist: (objects) => {
      const sink = c.listSink();
      for (const o of objects) sink.take(o);
      sink.abandon();
      sink.finish('1');
    },
  };
}

test('a namespace\'s objects are those of the whole cache in that namespace, in its order, one array until that namespace changes', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { maxLength: 40 }), fc.boolean(), async (ops, indexFirst) => {
      const cache = new WatchCache({} as KubeTransport, resource, undefined, { flushMs: 1_000_000 });
      const d = drive(cache);
      let rv = 1;
      if (indexFirst) cache.indexNamespaces();
      const held = new Map<string, readonly KubeObject[]>();
      try {
        for (const o of ops) {
          const before = new Map(NAMESPACES.map((ns) => [ns, cache.list().filter((x) => x.metadata?.namespace === ns)]));
          let touched: Set<string>;
          if (o.type === 'ask') {
            held.set(o.ns, cache.listIn(o.ns));
            continue;
          }
          if (o.type === 'event') {
            d.event(o.event, { metadata: { namespace: o.ns, name: o.name, resourceVersion: String(++rv) } });
          } else {
            d.relist(o.objects.map((r) => ({ metadata: { namespace: r.ns, name: r.name, resourceVersion: String(++rv) } })));
          }
          touched = new Set(NAMESPACES.filter((ns) => {
            const now = cache.list().filter((x) => x.metadata?.namespace === ns);
            return now.length !== before.get(ns)!.length || now.some((x, i) => x !== before.get(ns)![i]);
          }));
          for (const [ns, arr] of held) {
            // Unchanged namespaces keep their array (so their rows and orders); changed ones get a new one.
            if (!touched.has(ns)) assert.equal(cache.listIn(ns), arr, `${ns} kept its array`);
            else assert.notEqual(cache.listIn(ns), arr, `${ns} changed: a new array`);
            held.set(ns, cache.listIn(ns));
          }
        }
        for (const ns of [...NAMESPACES, 'none']) {
          const want = cache.list().filter((x) => x.metadata?.namespace === ns);
          const have = cache.listIn(ns);
          assert.deepEqual(have.map(objectKeyOf), want.map(objectKeyOf), `the objects of ${ns}`);
          assert.ok(have.every((x, i) => x === want[i]), `the objects of ${ns} are the cache's`);
        }
      } finally {
        await cache.stop();
      }
    }),
    { numRuns: 300 },
  );
});

test('an object whose name or namespace holds "/" is left out: its key would be another object\'s (a name `b/c` in `a` is `c` in `a/b`)', async () => {
  const cache = new WatchCache({} as KubeTransport, resource, undefined, { flushMs: 1_000_000 });
  const d = drive(cache);
  try {
    cache.indexNamespaces();
    d.event('ADDED', { metadata: { namespace: 'a', name: 'b/c', resourceVersion: '2' } });
    d.event('ADDED', { metadata: { namespace: 'a/b', name: 'c', resourceVersion: '3' } });
    d.event('ADDED', { metadata: { namespace: 'a', name: 'ok', resourceVersion: '4' } });
    // The API server never names an object so (names and namespaces are path segments); a broken aggregated API might.
    assert.deepEqual(cache.list().map(objectKeyOf), ['a/ok']);
    assert.deepEqual(cache.listIn('a').map(objectKeyOf), ['a/ok']);
    assert.deepEqual(cache.listIn('a/b'), []);
    assert.equal(cache.stats.malformed, 2);
  } finally {
    await cache.stop();
  }
});
