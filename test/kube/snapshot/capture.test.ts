import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import yaml from 'js-yaml';
import { REDACTED_ENV } from '../../../src/model/snapshot/snapshot-redact.js';
import type { SnapshotManifest } from '../../../src/model/snapshot/snapshot-manifest.js';
import { ADMIN_TOKEN } from '../../../src/sim/auth/authenticate.js';
import { SimCluster } from '../../../src/sim/cluster.js';
import { readSnapshot } from '../../../src/sim/snapshot/read-snapshot.js';
import { captureSim, filesOf } from '../../helpers/snapshot.js';

const CANARY = 'canary-s3cr3t-value-7f3a9c';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

describe('kdrill snapshot of the settled demo', () => {
  let sim: SimCluster;
  let dir: string;
  let files: Map<string, string>;
  let manifest: SnapshotManifest;
  let requestsBefore: number;
  before(async () => {
    sim = await SimCluster.start({ scenario: 'demo', clock: 'manual', start: Math.floor(Date.now() / 1000) * 1000 - 120_000, churn: false });
    sim.advance(120_000);
    const r = (key: string) => sim.registry.get(key)!;
    // Values that must never reach a file: a Secret's (with its last-applied annotation), and the kubeconfig's token echoed back by an object.
    sim.api.create(r('secrets'), 'shop', {
      metadata: { name: 'canary', annotations: { [LAST_APPLIED]: JSON.stringify({ stringData: { password: CANARY } }) } },
      stringData: { password: CANARY, 'api-key': `${CANARY}-key` },
    });
    sim.api.create(r('configmaps'), 'shop', { metadata: { name: 'echo', annotations: { seen: `Bearer ${ADMIN_TOKEN}` } }, data: { a: 'b' } });
    sim.api.create(r('pods'), 'shop', { metadata: { name: 'env-pod' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', env: [{ name: 'DB_PASSWORD', value: 'literal-env-value-123' }] }] } });
    sim.settle();
    dir = mkdtempSync(join(tmpdir(), 'kdrill-snap-'));
    requestsBefore = sim.http.requests.length;
    manifest = await captureSim(sim, join(dir, 'out'), { namespaces: undefined, logLines: 20 });
    files = filesOf(join(dir, 'out'));
  });
  after(async () => {
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('every object of every default kind, as the API returns it minus managedFields, in files the scenario loader reads', () => {
    const snapshot = readSnapshot(join(dir, 'out'));
    const key = (o: any) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
    const captured = new Map(snapshot.manifests.map((m) => [key(m.object), m.object]));
    for (const [storeKey, kind] of [['pods', 'Pod'], ['deployments.apps', 'Deployment'], ['services', 'Service'], ['endpointslices.discovery.k8s.io', 'EndpointSlice'], ['ingresses.networking.k8s.io', 'Ingress'], ['events', 'Event'], ['nodes', 'Node'], ['namespaces', 'Namespace'], ['httproutes.gateway.networking.k8s.io', 'HTTPRoute'], ['configmaps', 'ConfigMap']] as const) {
      const live = sim.store.list(storeKey);
      assert.ok(live.length > 0, storeKey);
      for (const o of live.filter((x) => x.metadata?.name !== 'echo')) {
        const c = captured.get(`${kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`);
        assert.ok(c, `${storeKey} ${o.metadata?.namespace}/${o.metadata?.name} captured`);
        const { managedFields: _m, ...meta } = o.metadata!;
        assert.deepEqual(c, { ...o, metadata: meta }, `${storeKey} ${o.metadata?.name} as served`);
      }
    }
    assert.ok(snapshot.manifests.some((m) => m.object.kind === 'CustomResourceDefinition' && m.object.metadata?.name === 'httproutes.gateway.networking.k8s.io'));
    for (const [name, text] of files) assert.doesNotMatch(text, /managedFields/, name);
    assert.ok(files.has('objects/pods.yaml') && files.has('objects/deployments.apps.yaml'));
  });

  test('the manifest: when, context, server version, what was included, nothing unreadable for the admin', () => {
    assert.equal(manifest.capturedAt, new Date(sim.clock.now()).toISOString().replace('.000Z', 'Z'));
    assert.deepEqual(yaml.load(files.get('kdrill-snapshot.yaml')!), manifest);
    assert.equal(manifest.context, 'kdrill-demo');
    assert.equal(manifest.user, 'kdrill-demo-user');
    assert.equal(manifest.serverVersion, 'v1.31.0-kdrill-sim');
    assert.equal(manifest.namespaces, 'all');
    assert.deepEqual(manifest.unreadable, []);
    assert.deepEqual(manifest.included.find((i) => i.resource === 'pods'), { resource: 'pods', apiVersion: 'v1', kind: 'Pod', scope: 'all namespaces', objects: sim.store.list('pods').length });
    assert.deepEqual(manifest.included.find((i) => i.resource === 'nodes'), { resource: 'nodes', apiVersion: 'v1', kind: 'Node', scope: 'cluster', objects: 6 });
    assert.deepEqual(manifest.notServed, ['networkpolicies.networking.k8s.io']);
  });

  test('logs: the last N lines of each container with timestamps, and of the previous instance where it restarted', async () => {
    const running = sim.store.list('pods', 'monitoring').find((p) => p.metadata?.name?.startsWith('prometheus'))!;
    const path = `/api/v1/namespaces/monitoring/pods/${running.metadata!.name}/log?container=prometheus&tailLines=20&timestamps=true`;
    const live = await (await fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
    assert.equal(live.split('\n').length, 21);
    assert.equal(files.get(`logs/monitoring/${running.metadata!.name}/prometheus.log`), live);
    const crashing = sim.store.list('pods', 'payments').find((p) => p.metadata?.name?.startsWith('ledger-worker'))!;
    assert.ok(crashing.status?.containerStatuses?.[0]?.restartCount > 0);
    const previous = files.get(`logs/payments/${crashing.metadata!.name}/worker.previous.log`);
    assert.match(previous ?? '', /panic: runtime error: invalid memory address/);
    const pulling = sim.store.list('pods', 'shop').filter((p) => p.metadata?.name?.startsWith('cart-'));
    for (const p of pulling) {
      assert.ok(!files.has(`logs/shop/${p.metadata!.name}/cart.log`));
      assert.ok(manifest.logs.unavailable.some((u) => u.container === `shop/${p.metadata!.name}/cart` && /waiting to start: trying and failing to pull image/.test(u.why)));
    }
    assert.equal(manifest.logs.containers, [...files.keys()].filter((f) => f.startsWith('logs/')).length);
  });

  test('no Secret value and no kubeconfig token in any file; Secrets keep their keys with lengths', () => {
    const values = sim.store.list('secrets').flatMap((s) => Object.values(s.data ?? {}).filter((v): v is string => typeof v === 'string' && v.length > 0));
    const decoded = values.map((v) => Buffer.from(v, 'base64').toString('utf8'));
    // Decoded values that the cluster shows elsewhere anyway (a user name "payments") prove nothing either way.
    const elsewhere = JSON.stringify(['pods', 'services', 'configmaps', 'namespaces', 'deployments.apps'].flatMap((k) => sim.store.list(k)));
    const secrets = [...values, ...decoded.filter((d) => d.length >= 6 && !elsewhere.includes(d)), CANARY, ADMIN_TOKEN, 'sa:shop:viewer'];
    assert.ok(secrets.length > 10);
    for (const [name, text] of files) for (const s of secrets) assert.ok(!text.includes(s), `${name} holds a secret value (${JSON.stringify(s.slice(0, 6))}…)`);
    const canary = readSnapshot(join(dir, 'out')).manifests.find((m) => m.object.kind === 'Secret' && m.object.metadata?.name === 'canary')!.object;
    assert.deepEqual(canary.data, { 'api-key': CANARY.length + 4, password: CANARY.length });
    assert.equal(canary.metadata?.annotations?.[LAST_APPLIED], undefined);
    assert.match(files.get('objects/configmaps.yaml')!, /seen: Bearer <redacted>/);
    // Literal env values are kept without --redact-env (they are in the spec the user can read).
    assert.match(files.get('objects/pods.yaml')!, /literal-env-value-123/);
  });

  test('only GET requests were sent', () => {
    const sent = sim.http.requests.slice(requestsBefore);
    assert.ok(sent.length > 50);
    assert.deepEqual([...new Set(sent.map((r) => r.method))], ['GET']);
  });

  test('lists are read page by page, each page a file as it comes', async () => {
    const from = sim.http.requests.length;
    const m = await captureSim(sim, join(dir, 'paged'), { namespaces: undefined, kinds: ['events'], logLines: 0, pageSize: 50 });
    const events = sim.store.list('events').length;
    const pages = Math.ceil(events / 50);
    assert.ok(pages >= 3, `${events} events`);
    const names = [...filesOf(join(dir, 'paged')).keys()].filter((f) => f.startsWith('objects/')).sort();
    assert.deepEqual(names, ['objects/events.yaml', ...Array.from({ length: pages - 1 }, (_, i) => `objects/events-${i + 2}.yaml`)].sort());
    const lists = sim.http.requests.slice(from).filter((r) => r.path === '/api/v1/events');
    assert.equal(lists.length, pages);
    assert.ok(lists.slice(1).every((r) => /[?&]continue=/.test(r.query) && /[?&]limit=50\b/.test(r.query)));
    assert.equal(m.included[0].objects, events);
    assert.equal(readSnapshot(join(dir, 'paged')).manifests.length, events);
  });

  test('--redact-env, -n, --kinds, --logs 0, and a .tar.gz that reads back the same', async () => {
    const m = await captureSim(sim, join(dir, 'env.tar.gz'), { namespaces: ['shop'], kinds: ['po', 'deploy'], logLines: 0, redact: { env: true } });
    assert.deepEqual(m.included.map((i) => `${i.resource} ${i.scope} ${i.objects}`), [`pods namespace shop ${sim.store.list('pods', 'shop').length}`, `deployments.apps namespace shop ${sim.store.list('deployments.apps', 'shop').length}`]);
    const back = readSnapshot(join(dir, 'env.tar.gz'));
    assert.deepEqual(back.manifest, m);
    assert.equal(back.logs.size, 0);
    const pod = back.manifests.find((x) => x.object.metadata?.name === 'env-pod')!.object;
    assert.deepEqual(pod.spec.containers[0].env, [{ name: 'DB_PASSWORD', value: REDACTED_ENV }]);
    assert.ok(back.manifests.every((x) => x.object.metadata?.namespace === 'shop' && ['Pod', 'Deployment'].includes(String(x.object.kind))));
  });
});
