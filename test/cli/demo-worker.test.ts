// `kdrill --demo` starts its cluster in a worker thread (bin/kdrill.js, src/cli/demo-worker.ts) while
// the explorer loads; the explorer takes it over only when it is the cluster it asked for.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, test } from 'node:test';
import { MessageChannel, Worker } from 'node:worker_threads';
import { demoPlanOf, explorerDemoPlan } from '../../src/cli/demo-plan.js';
import { claimDemo, type DemoCluster, type PrestartedDemo } from '../../src/cli/demo-worker-client.js';
import { SimCluster } from '../../src/sim/cluster.js';
import { GATEWAY_ADDRESS } from '../../src/sim/controllers/gateway-controller.js';
import { INGRESS_ADDRESS } from '../../src/sim/controllers/ingress-controller.js';
import { readScenario, ScenarioError } from '../../src/sim/scenario/scenario-file.js';
import { waitFor } from '../helpers/wait.js';

const WORKER = new URL('../../dist/demo-worker.js', import.meta.url);
const stops: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const stop of stops) await stop();
});

/** Starts the bundled worker as bin/kdrill.js does. */
function prestart(argv: string[]): PrestartedDemo {
  assert.ok(existsSync(WORKER), 'the CLI is built (npm test builds it first)');
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, { workerData: { argv, port: port2 }, transferList: [port2] });
  worker.on('error', () => {});
  stops.push(() => worker.terminate());
  return { worker, port: port1 };
}

/** A GET or PATCH on the demo's API server as its kubeconfig's admin. */
async function api(kubeconfig: Record<string, any>, path: string, patch?: unknown): Promise<any> {
  const res = await fetch(`${kubeconfig.clusters[0].cluster.server}${path}`, {
    method: patch ? 'PATCH' : 'GET',
    headers: { Authorization: `Bearer ${kubeconfig.users[0].user.token}`, ...(patch ? { 'Content-Type': 'application/merge-patch+json' } : {}) },
    body: patch ? JSON.stringify(patch) : undefined,
  });
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return res.json();
}

const exited = (w: Worker) => new Promise<number>((resolve) => (w.threadId === -1 ? resolve(-1) : w.once('exit', resolve)));

test('explorerDemoPlan: only the explorer on the demo starts a cluster ahead', () => {
  assert.deepEqual(explorerDemoPlan(['--demo']), { scenario: 'demo', warmUpMs: 60_000 });
  assert.deepEqual(explorerDemoPlan(['-A', '--scenario', 'holmes', '--demo']), { scenario: 'holmes', warmUpMs: 60_000 });
  assert.deepEqual(explorerDemoPlan(['--demo', '--context=kdrill-viewer']), { scenario: 'demo', warmUpMs: 60_000 });
  for (const argv of [[], ['--demo', 'trace', 'h'], ['trace', '--demo', 'h'], ['--demo', '--help'], ['--demo', '-v'], ['--demo', '--bogus'], ['--demo', '--kubeconfig', 'k'], ['--scenario', '--demo']]) {
    assert.equal(explorerDemoPlan(argv), undefined, argv.join(' '));
  }
});

test("the worker's demo is the cluster the explorer asked for, with its stand-ins, and it lives on: controllers and kubelet act on a write", async () => {
  const claimed = await claimDemo(prestart(['--demo']), demoPlanOf({}));
  assert.ok(claimed, 'the explorer takes the cluster over');
  const { cluster, kubeconfig } = claimed;
  stops.push(() => cluster.stop());
  // The same cluster as one started in this thread: its pods by namespace and owner, its stand-ins' addresses.
  const here = await SimCluster.start({ scenario: 'demo', warmUpMs: 60_000, start: Date.now() - 60_000 });
  stops.push(() => here.stop());
  // Generated names end in five random characters.
  const shape = (pods: any[]) => pods.map((p) => `${p.metadata.namespace}/${p.metadata.name.replace(/-[a-z0-9]{5}$/, '-*')}`).sort();
  assert.deepEqual(shape((await api(kubeconfig, '/api/v1/pods')).items), shape(here.store.list('pods')));
  assert.deepEqual([...cluster.standIns.keys()].sort(), [...here.standIns.keys()].sort());
  assert.ok(cluster.standIns.size > 0);
  assert.deepEqual((kubeconfig as any).contexts.map((c: any) => c.name), ['kdrill-demo', 'kdrill-viewer']);

  const before = (await api(kubeconfig, '/api/v1/namespaces/shop/pods?labelSelector=app%3Dcatalog')).items.length;
  const replicas = (await api(kubeconfig, '/apis/apps/v1/namespaces/shop/deployments/catalog')).spec.replicas;
  assert.equal(before, replicas);
  await api(kubeconfig, '/apis/apps/v1/namespaces/shop/deployments/catalog', { spec: { replicas: replicas + 1 } });
  await waitFor(
    'a new catalog pod, scheduled, pulled and running',
    async () => (await api(kubeconfig, '/api/v1/namespaces/shop/pods?labelSelector=app%3Dcatalog')).items.filter((p: any) => p.status?.phase === 'Running').length === replicas + 1,
    30_000,
  );
  // The stand-ins follow the cluster: without the ingress controller, its nodes' host ports go.
  const onNodes = () => [...cluster.standIns.keys()].filter((k) => ![INGRESS_ADDRESS, GATEWAY_ADDRESS].includes(k.replace(/:\d+$/, ''))).length;
  assert.ok(onNodes() > 0, 'the ingress controller listens on its node');
  await api(kubeconfig, '/apis/apps/v1/namespaces/ingress-nginx/deployments/ingress-nginx-controller', { spec: { replicas: 0 } });
  await waitFor('the stand-ins without the ingress controller node', () => onNodes() === 0, 30_000);
});

test('a worker that started no demo, or another, is not taken: the explorer starts its own', async () => {
  const none = prestart(['--demo', 'trace', 'h']);
  assert.equal(await claimDemo(none, demoPlanOf({})), undefined);
  await exited(none.worker);
  // The config file gave another scenario than the command line said.
  const other = prestart(['--demo']);
  assert.equal(await claimDemo(other, demoPlanOf({ scenario: 'holmes' })), undefined);
  await exited(other.worker);
});

test("a scenario the worker cannot load fails as it would in the explorer's own thread", async () => {
  const expected = (() => {
    try {
      readScenario('no-such-scenario');
    } catch (e) {
      return e as Error;
    }
  })();
  assert.ok(expected instanceof ScenarioError);
  await assert.rejects(claimDemo(prestart(['--demo', '--scenario', 'no-such-scenario']), demoPlanOf({ scenario: 'no-such-scenario' })), (e: Error) => e instanceof ScenarioError && e.message === expected.message);
});

test('a worker that dies before it says anything is not waited for', { timeout: 10_000 }, async () => {
  const { port1 } = new MessageChannel();
  const worker = new Worker('process.exit(3)', { eval: true });
  assert.equal(await exited(worker), 3);
  assert.equal(await claimDemo({ worker, port: port1 }, demoPlanOf({})), undefined);
  // One that dies while the claim waits for it: told to, once the claim is listening.
  const late = new Worker("require('node:worker_threads').parentPort.once('message', () => process.exit(4))", { eval: true });
  const claim = claimDemo({ worker: late, port: new MessageChannel().port1 }, demoPlanOf({}));
  late.postMessage('die');
  assert.equal(await claim, undefined);
});
