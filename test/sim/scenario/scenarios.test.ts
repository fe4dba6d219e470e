import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SimCluster } from '../../../src/sim/cluster.js';
import { ScenarioError } from '../../../src/sim/scenario/scenario-file.js';

const START = Date.parse('2026-01-01T00:00:00Z');

async function withSim(scenario: string, fn: (sim: SimCluster) => void | Promise<void>): Promise<void> {
  const sim = await SimCluster.start({ scenario, clock: 'manual', start: START, churn: false });
  try {
    await fn(sim);
  } finally {
    await sim.stop();
  }
}

test('holmes: the legacy Ingresses are served as networking.k8s.io/v1 with their services and pods', () =>
  withSim('holmes', (sim) => {
    sim.advance(60_000);
    const ns = 'credit-risk-admin-test-id';
    const ing = sim.store.get('ingresses.networking.k8s.io', ns, 'risk-admin')!;
    assert.equal(ing.apiVersion, 'networking.k8s.io/v1');
    const rule = ing.spec.rules.find((r: any) => r.host === 'holmes.test.shopeekredit.co.id');
    assert.deepEqual(rule.http.paths[0], { path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'risk-admin', port: { name: 'http' } } } });
    const node = sim.store.get('ingresses.networking.k8s.io', ns, 'risk-admin-node')!;
    const nodePath = node.spec.rules.find((r: any) => r.host === 'holmes.test.shopeekredit.co.id').http.paths[0];
    assert.equal(nodePath.path, '/admin/');
    assert.deepEqual(nodePath.backend.service, { name: 'risk-admin-node', port: { name: 'http' } });
    const svc = sim.store.get('services', ns, 'risk-admin-node')!;
    assert.deepEqual(svc.spec.ports.find((p: any) => p.name === 'http'), { name: 'http', port: 3001, protocol: 'TCP', targetPort: 3001 });
    for (const app of ['risk-admin', 'risk-admin-node']) {
      const pods = sim.store.list('pods', ns).filter((p) => p.metadata?.labels?.app === app);
      assert.equal(pods.length, 1, app);
      assert.equal(pods[0].status.phase, 'Running');
      assert.ok(pods[0].status.conditions.some((c: any) => c.type === 'Ready' && c.status === 'True'), `${app} ready`);
      const ep = sim.store.get('endpoints', ns, app)!;
      assert.equal(ep.subsets[0].addresses[0].ip, pods[0].status.podIP);
    }
  }));

test('demo: each deliberate fault shows as on a real cluster', () =>
  withSim('demo', (sim) => {
    sim.advance(120_000);
    const pod = (ns: string, app: string) => sim.store.list('pods', ns).find((p) => p.metadata?.labels?.app === app)!;
    const waiting = (p: any) => p.status.containerStatuses[0].state.waiting?.reason;
    assert.match(waiting(pod('shop', 'cart')), /^(ErrImagePull|ImagePullBackOff)$/);
    const ledger = pod('payments', 'ledger-worker').status.containerStatuses[0];
    assert.ok(ledger.restartCount >= 2, `ledger-worker restarted ${ledger.restartCount} times`);
    assert.equal(ledger.lastState.terminated.exitCode, 1);
    const search = pod('shop', 'search-api');
    assert.equal(search.status.phase, 'Running');
    assert.equal(search.status.containerStatuses[0].ready, false);
    assert.equal(sim.store.get('endpoints', 'shop', 'catalog')!.subsets, undefined, 'catalog selects no pods');
    assert.equal(sim.store.get('services', 'shop', 'legacy-web'), undefined, 'legacy ingress backend is missing');
    assert.equal(sim.store.list('pods', 'monitoring').filter((p) => p.metadata?.labels?.app === 'node-exporter' || p.metadata?.name?.startsWith('node-exporter')).length, sim.store.count('nodes'));
    assert.ok(sim.store.get('statefulsets.apps', 'payments', 'postgres')!.status.readyReplicas >= 1);
    assert.equal(sim.store.list('widgets.example.com').length, 2, 'custom resources are served');
  }));

test('the demo cluster moves: the periodic rollout of deploy-test', async () => {
  const sim = await SimCluster.start({ scenario: 'deploy-test', clock: 'manual', start: START, churn: true });
  try {
    sim.advance(30_000);
    const image = () => sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy')!.spec.template.spec.containers[0].image;
    const before = image();
    sim.advance(180_000);
    assert.notEqual(image(), before);
    assert.equal(sim.store.list('replicasets.apps', 'deploy-test').length, 2);
  } finally {
    await sim.stop();
  }
});

test('a user directory of manifests loads; errors name the file and the line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-scenario-'));
  try {
    writeFileSync(join(dir, 'app.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n  namespace: mine\ndata:\n  a: "1"\n');
    await withSim(dir, (sim) => assert.equal(sim.store.get('configmaps', 'mine', 'one')!.data.a, '1'));
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n---\napiVersion: v1\nkind: [oops\n');
    await assert.rejects(SimCluster.start({ scenario: dir, clock: 'manual' }), (e: Error) => e instanceof ScenarioError && /broken\.yaml:\d+: not valid YAML/.test(e.message));
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n---\napiVersion: example.com/v9\nkind: Gadget\nmetadata:\n  name: g\n');
    await assert.rejects(SimCluster.start({ scenario: dir, clock: 'manual' }), (e: Error) => e instanceof ScenarioError && /broken\.yaml:6: the simulated cluster does not serve Gadget in example.com\/v9/.test(e.message));
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Bad_Name\nspec: {}\n');
    await assert.rejects(SimCluster.start({ scenario: dir, clock: 'manual' }), (e: Error) => e instanceof ScenarioError && /broken\.yaml:1: Deployment Bad_Name: Deployment.apps "Bad_Name" is invalid: metadata.name/.test(e.message));
    await assert.rejects(SimCluster.start({ scenario: 'no-such-scenario', clock: 'manual' }), /unknown scenario "no-such-scenario"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
