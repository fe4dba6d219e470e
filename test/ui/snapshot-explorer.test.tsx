import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { render } from 'ink-testing-library';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { columnsFor } from '../../src/model/columns/index.js';
import { describe as describeObject } from '../../src/model/describe/describe.js';
import { traceJson } from '../../src/model/route/route-json.js';
import { renderTrace } from '../../src/model/route/route-lines.js';
import { traceRoute } from '../../src/model/route/trace-route.js';
import type { SnapshotManifest } from '../../src/model/snapshot/snapshot-manifest.js';
import type { KubeObject } from '../../src/model/types.js';
import { buildRows, visibleColumns } from '../../src/model/view/table-rows.js';
import { SimCluster } from '../../src/sim/cluster.js';
import { readSnapshot } from '../../src/sim/snapshot/read-snapshot.js';
import { Root } from '../../src/ui/root.js';
import { captureSim, kubeconfigOf } from '../helpers/snapshot.js';
import { waitFor } from '../helpers/wait.js';

// Kinds whose tables and describe text are compared (everything a snapshot takes by default that the demo has).
const KINDS = ['pods', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'daemonsets.apps', 'jobs.batch', 'cronjobs.batch', 'services', 'endpointslices.discovery.k8s.io', 'ingresses.networking.k8s.io', 'ingressclasses.networking.k8s.io', 'nodes', 'namespaces', 'events', 'configmaps', 'secrets', 'serviceaccounts', 'persistentvolumeclaims', 'horizontalpodautoscalers.autoscaling', 'storageclasses.storage.k8s.io', 'gateways.gateway.networking.k8s.io', 'httproutes.gateway.networking.k8s.io'];

describe('a snapshot of the demo, explored again, is the live demo at the capture time', () => {
  let live: SimCluster;
  let snap: SimCluster;
  let liveSession: ClusterSession;
  let snapSession: ClusterSession;
  let manifest: SnapshotManifest;
  let now: number;
  let dir: string;
  before(async () => {
    // A snapshot holds no usage figures (metrics.k8s.io is a live reading, not an object): the live
    // demo it is compared with serves none either.
    live = await SimCluster.start({ scenario: 'demo', clock: 'manual', start: Math.floor(Date.now() / 1000) * 1000 - 120_000, churn: false, metrics: false });
    live.advance(120_000);
    now = live.clock.now();
    dir = mkdtempSync(join(tmpdir(), 'kdrill-explore-'));
    manifest = await captureSim(live, join(dir, 'snap'), { logLines: 50 });
    snap = await SimCluster.start({ snapshot: readSnapshot(join(dir, 'snap')) });
    // The live explorer reckons ages at the capture time too: "the live demo at the capture time".
    liveSession = Object.assign(await ClusterSession.open(kubeconfigOf(live), { flushMs: 5 }), { now: () => now });
    const kc = new KubeConfig();
    kc.loadFromString(JSON.stringify(snap.kubeconfig('kdrill-demo')));
    snapSession = Object.assign(await ClusterSession.open(kc, { flushMs: 5 }), { snapshot: { context: manifest.context, capturedAt: manifest.capturedAt, at: Date.parse(manifest.capturedAt) } });
    for (const s of [liveSession, snapSession]) {
      s.watchRelations(undefined);
      await s.relationsReady();
    }
  });
  after(async () => {
    await liveSession?.stop();
    await snapSession?.stop();
    await snap?.stop();
    await live?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every object of a kind as a session's cache holds it, by namespace/name. */
  async function objects(session: ClusterSession, id: string): Promise<KubeObject[]> {
    const resource = id === 'ingresses.networking.k8s.io' ? session.discovery.ingress()! : session.discovery.get(id)!;
    assert.ok(resource, `${id} served`);
    const lease = session.caches.acquire(resource, undefined);
    try {
      await waitFor(`${id} synced`, () => lease.cache.getState().phase === 'synced');
      return (lease.cache.list() as KubeObject[]).sort((a, b) => `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`));
    } finally {
      lease.release();
    }
  }

  test('the same trace for every host the demo routes (verdicts, JSON and text)', () => {
    const hosts = new Set<string>();
    for (const i of live.store.list('ingresses.networking.k8s.io')) for (const r of i.spec?.rules ?? []) if (r.host) hosts.add(r.host);
    for (const r of live.store.list('httproutes.gateway.networking.k8s.io')) for (const h of r.spec?.hostnames ?? []) hosts.add(h);
    assert.ok(hosts.size >= 8, [...hosts].join(' '));
    const verdicts = new Set<string>();
    for (const host of [...hosts, 'shop.exmple.com']) {
      for (const path of ['/', '/cart', '/admin/', '/search/q']) {
        const a = traceRoute(liveSession.indexes, { host, path }, now);
        const b = traceRoute(snapSession.indexes, { host, path }, snapSession.now());
        assert.deepEqual(traceJson(b), traceJson(a), `${host}${path}`);
        assert.equal(renderTrace(b), renderTrace(a));
        verdicts.add(a.verdict);
      }
    }
    assert.deepEqual([...verdicts].sort(), ['broken', 'healthy', 'unrouted']);
  });

  test('the same table rows (all namespaces, wide) and describe text for every object of every kind', async () => {
    let described = 0;
    for (const id of KINDS) {
      const [a, b] = [await objects(liveSession, id), await objects(snapSession, id)];
      assert.ok(a.length > 0, id);
      const columns = visibleColumns(columnsFor(id), true, true);
      assert.deepEqual(buildRows(b, columns, snapSession.now()).map((r) => r.cells), buildRows(a, columns, now).map((r) => r.cells), `${id} rows`);
      for (let i = 0; i < a.length; i++) {
        assert.equal(describeObject(b[i], snapSession.indexes, snapSession.now()), describeObject(a[i], liveSession.indexes, now), `describe ${id} ${a[i].metadata?.namespace}/${a[i].metadata?.name}`);
        described++;
      }
    }
    assert.ok(described > 400, `${described}`);
  });

  test('the explorer: the same screens but for the header, which says whose snapshot, when, and that it is not live; actions are refused saying why', async () => {
    const app = (session: ClusterSession) => {
      const r = render(<Root first={session} open={async () => session} contexts={['kdrill-demo']} version="9.9.9" namespace="shop" allNamespaces={false} readonly={false} color={false} onSession={() => {}} />);
      const frame = () => r.lastFrame() ?? '';
      const until = (what: string, pattern: RegExp) => waitFor(what, () => pattern.test(frame()) && frame(), 10_000).catch((e) => assert.fail(`${e.message}\n${frame()}`)) as Promise<string>;
      return { r, frame, until, type: (t: string) => r.stdin.write(t) };
    };
    const a = app(liveSession);
    const b = app(snapSession);
    try {
      const body = (f: string) => f.split('\n').slice(1).join('\n');
      for (const x of [a, b]) await x.until('pods in sync', /in sync[\s\S]*> cart-/);
      assert.match(b.frame().split('\n')[0], new RegExp(`^kdrill 9\\.9\\.9  snapshot of kdrill-demo at ${manifest.capturedAt} \\(not live\\)  read-only`));
      assert.match(a.frame().split('\n')[0], /^kdrill 9\.9\.9  ctx kdrill-demo  https:\/\/127\.0\.0\.1:\d+  user kdrill-demo-user/);
      assert.equal(body(b.frame()), body(a.frame()));
      for (const x of [a, b]) x.type('d');
      for (const x of [a, b]) await x.until('describe', /Start Time:/);
      assert.equal(body(b.frame()), body(a.frame()));
      for (const x of [a, b]) {
        x.type('\u001b');
        x.type(':');
        x.type('deploy\r');
      }
      for (const x of [a, b]) await x.until('deployments', /^> cart /m);
      assert.equal(body(b.frame()), body(a.frame()));
      // Refused at the key, before any prompt: the footer says it is a snapshot, and of when.
      b.type('s');
      await b.until('the refusal', /this is a snapshot taken at \S+, not live: kdrill makes no changes/);
      assert.doesNotMatch(b.frame(), /replicas/);
    } finally {
      a.r.unmount();
      b.r.unmount();
    }
  });
});
