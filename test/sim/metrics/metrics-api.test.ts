import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import type { KubeObject } from '../../../src/model/types.js';
import { parseQuantity } from '../../../src/model/format/quantity.js';
import { containerUsage } from '../../../src/sim/metrics/usage.js';
import { ended, launch } from '../../helpers/rollout-runs.js';
import { ADMIN, startCluster, type TestCluster } from '../../helpers/sim.js';
import { kubectlFlags } from '../../helpers/kubectl.js';

const NS = 'metrics-test';
// A fixed start: scrapes (and so usage) are the same on every run.
const START = Date.parse('2026-11-28T18:00:00Z');
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

function pod(name: string, labels: Record<string, string>, containers: { name: string; cpu?: string; memory?: string }[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS, labels },
    spec: { containers: containers.map((c) => ({ name: c.name, image: 'nginx:1.27', ...(c.cpu ? { resources: { requests: { cpu: c.cpu, memory: c.memory } } } : {}) })) },
  };
}

async function get(c: TestCluster, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${c.sim.url}${path}`, { headers: ADMIN });
  const text = await res.text();
  return { status: res.status, body: res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text };
}

/** kubectl, run without blocking this process (the simulated cluster in it must keep serving). */
async function kubectl(c: TestCluster, ...args: string[]): Promise<{ stdout: string; stderr: string; status: number | null }> {
  const run = launch('kubectl', [...kubectlFlags(c.kubeconfigPath), ...args]);
  const status = await ended(run);
  return { stdout: run.stdout, stderr: run.stderr, status };
}

describe('the simulator serves metrics.k8s.io/v1beta1 as metrics-server does', () => {
  let c: TestCluster;
  before(async () => {
    c = await startCluster({ clock: 'manual', start: START, metrics: true });
    c.sim.api.create(c.sim.registry.get('namespaces')!, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    const create = (p: KubeObject) => c.sim.api.create(c.sim.registry.get('pods')!, NS, p);
    create(pod('web-0', { app: 'web' }, [{ name: 'nginx', cpu: '200m', memory: '256Mi' }, { name: 'sidecar', cpu: '50m', memory: '64Mi' }]));
    create(pod('web-1', { app: 'web' }, [{ name: 'nginx', cpu: '200m', memory: '256Mi' }, { name: 'sidecar', cpu: '50m', memory: '64Mi' }]));
    create(pod('worker', { app: 'worker' }, [{ name: 'main' }]));
    c.sim.advance(5 * 60_000);
  });
  after(() => c?.stop());

  test('discovery lists the group last, with nodes and pods (get, list), as the APIService adds them', async () => {
    const groups = (await get(c, '/apis')).body.groups.map((g: any) => g.name);
    assert.equal(groups.at(-1), 'metrics.k8s.io');
    assert.deepEqual((await get(c, '/apis/metrics.k8s.io')).body.versions, [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }]);
    const list = (await get(c, '/apis/metrics.k8s.io/v1beta1')).body;
    assert.deepEqual(list.resources, [
      { name: 'nodes', singularName: 'nodemetrics', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
      { name: 'pods', singularName: 'podmetrics', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
    ]);
    const res = await fetch(`${c.sim.url}/apis`, { headers: { ...ADMIN, Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' } });
    const item = (await res.json()).items.at(-1);
    assert.equal(item.metadata.name, 'metrics.k8s.io');
    assert.deepEqual(item.versions.map((v: any) => [v.version, v.freshness, v.resources.map((r: any) => `${r.resource}:${r.responseKind.kind}:${r.scope}:${r.verbs}`)]), [
      ['v1beta1', 'Current', ['nodes:NodeMetrics:Cluster:get,list', 'pods:PodMetrics:Namespaced:get,list']],
    ]);
  });

  test('a PodMetricsList: metadata with labels, the scrape timestamp and window, usage per running container in nanocores and Ki', async () => {
    const { status, body } = await get(c, `/apis/metrics.k8s.io/v1beta1/namespaces/${NS}/pods`);
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body), ['kind', 'apiVersion', 'metadata', 'items']);
    assert.deepEqual([body.kind, body.apiVersion, body.metadata], ['PodMetricsList', 'metrics.k8s.io/v1beta1', {}]);
    const web0 = body.items[0];
    assert.deepEqual(Object.keys(web0), ['metadata', 'timestamp', 'window', 'containers']);
    assert.deepEqual(web0.metadata, { name: 'web-0', namespace: NS, creationTimestamp: '2026-11-28T18:05:00Z', labels: { app: 'web' } });
    assert.equal(web0.timestamp, '2026-11-28T18:05:00Z');
    assert.equal(web0.window, '15s');
    assert.deepEqual(body.items.map((i: any) => i.metadata.name), ['web-0', 'web-1', 'worker']);
    for (const item of body.items) {
      for (const container of item.containers) {
        assert.deepEqual(Object.keys(container.usage), ['cpu', 'memory']);
        assert.match(container.usage.cpu, /^\d+n$/);
        assert.match(container.usage.memory, /^\d+Ki$/);
      }
    }
    // Within requests: below each container's CPU and memory requests.
    const [nginx, sidecar] = web0.containers;
    assert.deepEqual([nginx.name, sidecar.name], ['nginx', 'sidecar']);
    const nano = (q: string) => Number(q.slice(0, -1));
    const bytes = (q: string) => Number(parseQuantity(q)!.milli / 1000n);
    assert.ok(nano(nginx.usage.cpu) < 200e6 && bytes(nginx.usage.memory) < 256 * 2 ** 20);
    assert.ok(nano(sidecar.usage.cpu) < 50e6 && bytes(sidecar.usage.memory) < 64 * 2 ** 20);
  });

  test('selectors, limit and continue, get, and what metrics-server refuses', async () => {
    const base = `/apis/metrics.k8s.io/v1beta1/namespaces/${NS}/pods`;
    assert.deepEqual((await get(c, `${base}?labelSelector=app%3Dweb`)).body.items.map((i: any) => i.metadata.name), ['web-0', 'web-1']);
    assert.deepEqual((await get(c, `${base}?fieldSelector=metadata.name%3Dworker`)).body.items.map((i: any) => i.metadata.name), ['worker']);
    const page1 = (await get(c, `${base}?limit=2`)).body;
    assert.deepEqual(page1.items.map((i: any) => i.metadata.name), ['web-0', 'web-1']);
    assert.match(page1.metadata.continue, /^[A-Za-z0-9_-]+$/);
    const page2 = (await get(c, `${base}?limit=2&continue=${page1.metadata.continue}`)).body;
    assert.deepEqual([page2.items.map((i: any) => i.metadata.name), page2.metadata], [['worker'], {}]);
    const one = (await get(c, `${base}/web-1`)).body;
    assert.deepEqual([one.kind, one.apiVersion, one.metadata.name], ['PodMetrics', 'metrics.k8s.io/v1beta1', 'web-1']);
    assert.equal((await get(c, `${base}/nope`)).status, 404);
    assert.equal((await get(c, `${base}?watch=true`)).status, 405);
    const nodes = (await get(c, '/apis/metrics.k8s.io/v1beta1/nodes')).body;
    assert.equal(nodes.kind, 'NodeMetricsList');
    assert.deepEqual(Object.keys(nodes.items[0]), ['metadata', 'timestamp', 'window', 'usage']);
    assert.deepEqual(Object.keys(nodes.items[0].metadata), ['name', 'creationTimestamp', 'labels']);
  });

  test('usage is higher while a pod starts and while its workload rolls, and moves from one scrape to the next', () => {
    const p = c.sim.store.get('pods', NS, 'web-0')!;
    const container = p.spec.containers[0];
    const now = Date.parse(p.status.startTime) + 10 * 60_000;
    const steady = containerUsage(p, container, 1, now, false).nanocores;
    assert.ok(containerUsage(p, container, 1, now, true).nanocores > steady, 'busier during a rollout');
    assert.ok(containerUsage(p, container, 1, Date.parse(p.status.startTime) + 10_000, false).nanocores > steady, 'busier while starting');
    assert.notEqual(containerUsage(p, container, 2, now, false).nanocores, steady);
    assert.equal(containerUsage(p, container, 1, now, false).nanocores, steady);
  });

  test('kubectl top pods and top nodes read it', { skip: hasKubectl ? false : 'kubectl is not installed' }, async () => {
    const pods = await kubectl(c, 'top', 'pods', '-n', NS);
    assert.equal(pods.stderr, '');
    assert.equal(pods.stdout, [
      'NAME     CPU(cores)   MEMORY(bytes)   ',
      'web-0    108m         183Mi           ',
      'web-1    112m         192Mi           ',
      'worker   26m          19Mi            ',
      '',
    ].join('\n'));
    const containers = await kubectl(c, 'top', 'pods', '-n', NS, '--containers', '-l', 'app=web');
    assert.equal(containers.stdout, [
      'POD     NAME      CPU(cores)   MEMORY(bytes)   ',
      'web-0   nginx     103m         161Mi           ',
      'web-0   sidecar   5m           21Mi            ',
      'web-1   nginx     92m          158Mi           ',
      'web-1   sidecar   21m          33Mi            ',
      '',
    ].join('\n'));
    const nodes = await kubectl(c, 'top', 'nodes');
    assert.equal(nodes.stdout, [
      'NAME         CPU(cores)   CPU%   MEMORY(bytes)   MEMORY%   ',
      'sim-node-1   332m         8%     1938Mi          11%       ',
      'sim-node-2   279m         6%     1970Mi          12%       ',
      'sim-node-3   249m         6%     1786Mi          10%       ',
      '',
    ].join('\n'));
    // All namespaces: the column kubectl adds, and the pods of every namespace that run.
    const all = await kubectl(c, 'top', 'pods', '-A');
    assert.match(all.stdout, /^NAMESPACE +NAME +CPU\(cores\) +MEMORY\(bytes\) +\n/);
    assert.match(all.stdout, /\nmetrics-test +worker +26m +19Mi +\n/);
  });
});

describe('a cluster without metrics-server', () => {
  test('has no metrics.k8s.io in discovery, and kubectl top says the Metrics API is not available', { skip: hasKubectl ? false : 'kubectl is not installed' }, async () => {
    const c = await startCluster({ clock: 'manual', start: START, metrics: false });
    try {
      assert.ok(!(await get(c, '/apis')).body.groups.some((g: any) => g.name === 'metrics.k8s.io'));
      assert.equal((await get(c, '/apis/metrics.k8s.io/v1beta1/nodes')).status, 404);
      const top = await kubectl(c, 'top', 'nodes');
      assert.deepEqual([top.status, top.stderr], [1, 'error: Metrics API not available\n']);
    } finally {
      await c.stop();
    }
  });
});
