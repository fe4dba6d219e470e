import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { canonical } from '../../src/model/canonical-json.js';
import type { KubeObject } from '../../src/model/types.js';
import { ended, launch } from '../helpers/rollout-runs.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { kubectlFlags } from '../helpers/kubectl.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const NS = 'deploy-test';
const skip = hasKubectl ? false : 'kubectl is not installed on this machine';

function workload(kind: 'StatefulSet' | 'DaemonSet', name: string, image: string): KubeObject {
  const labels = { app: name };
  const spec: Record<string, unknown> = { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image, ports: [{ containerPort: 5432 }], resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } } };
  if (kind === 'StatefulSet') Object.assign(spec, { replicas: 2, serviceName: name });
  return { apiVersion: 'apps/v1', kind, metadata: { name, namespace: NS }, spec };
}

async function run(command: string, args: string[]): Promise<{ stdout: string; stderr: string; status: number | null }> {
  const r = launch(command, args);
  const status = await ended(r);
  return { stdout: r.stdout, stderr: r.stderr, status };
}
const kdrill = (c: TestCluster, ...args: string[]) => run(process.execPath, ['bin/kdrill.js', 'rollout', ...args, '-n', NS, '--kubeconfig', c.kubeconfigPath]);
const kubectl = (c: TestCluster, ...args: string[]) => run('kubectl', [...kubectlFlags(c.kubeconfigPath), 'rollout', ...args, '-n', NS]);

/** Runs the same `rollout` words through kdrill and kubectl and asserts they print the same (and exit the same); returns kubectl's run. */
async function same(c: TestCluster, ...args: string[]) {
  const [a, b] = await Promise.all([kdrill(c, ...args), kubectl(c, ...args)]);
  assert.deepEqual(a, b, `kdrill rollout ${args.join(' ')}`);
  return b;
}

const revisionsOf = (c: TestCluster, owner: string) =>
  c.sim.store.list('controllerrevisions.apps', NS).filter((r) => r.metadata?.ownerReferences?.[0]?.name === owner).map((r) => `${r.revision}:${r.data.spec.template.spec.containers[0].image}`).sort();

async function cluster(): Promise<TestCluster> {
  const c = await startCluster({ scenario: 'deploy-test', clock: 'manual', start: Date.now() });
  c.sim.api.create(c.sim.registry.get('statefulsets.apps')!, NS, workload('StatefulSet', 'db', 'postgres:16.1'));
  c.sim.api.create(c.sim.registry.get('daemonsets.apps')!, NS, workload('DaemonSet', 'agent', 'fluent-bit:3.0'));
  c.sim.advance(60_000);
  return c;
}

const patch = (c: TestCluster, resource: string, name: string, body: unknown) => {
  c.sim.api.patch(c.sim.registry.get(resource)!, NS, name, 'application/strategic-merge-patch+json', body);
  c.sim.advance(120_000);
};
const image = (image: string, cause: string) => ({ metadata: { annotations: { 'kubernetes.io/change-cause': cause } }, spec: { template: { spec: { containers: [{ name: 'app', image }] } } } });

describe('kdrill rollout history/undo of StatefulSets and DaemonSets print what kubectl prints, from the same ControllerRevisions', { skip }, () => {
  test('a StatefulSet: history, one revision in full, undo back and forth, and the errors', async () => {
    const c = await cluster();
    try {
      const first = await same(c, 'history', 'statefulset/db');
      assert.equal(first.stdout, 'statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
      patch(c, 'statefulsets.apps', 'db', image('postgres:16.2', 'bump to 16.2'));
      assert.deepEqual(revisionsOf(c, 'db'), ['1:postgres:16.1', '2:postgres:16.2']);
      const two = await same(c, 'history', 'sts/db');
      assert.equal(two.stdout, 'statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n2         bump to 16.2\n\n');
      const full = await same(c, 'history', 'sts/db', '--revision', '1');
      assert.match(full.stdout, /^statefulset\.apps\/db with revision #1\nPod Template:\n  Labels:\tapp=db\n  Containers:\n   app:\n    Image:\tpostgres:16\.1\n/);
      await same(c, 'history', 'sts/db', '--revision', '2');
      const missing = await same(c, 'history', 'sts/db', '--revision', '7');
      assert.deepEqual(missing, { stdout: '', stderr: 'error: unable to find the specified revision\n', status: 1 });
      assert.equal((await same(c, 'undo', 'sts/db', '--to-revision', '7')).stderr, 'error: unable to find specified revision 7 in history\n');
      assert.equal((await same(c, 'history', 'sts/nope')).stderr, 'Error from server (NotFound): statefulsets.apps "nope" not found\n');
      // --readonly: undo is refused before anything is sent.
      const writes = () => c.sim.http.requests.filter((r) => !['get', 'list', 'watch'].includes(r.verb)).length;
      const before = writes();
      const refused = await kdrill(c, 'undo', 'sts/db', '--readonly');
      assert.deepEqual([refused.stdout, refused.status], ['', 1]);
      assert.match(refused.stderr, /read-only \(--readonly\)/);
      assert.equal(writes(), before, 'no write request under --readonly');

      // kdrill undoes to the previous revision: revision 1's template comes back as revision 3, as kubectl's undo makes it.
      const undo = await kdrill(c, 'undo', 'sts/db');
      assert.deepEqual(undo, { stdout: 'statefulset.apps/db rolled back\n', stderr: '', status: 0 });
      c.sim.advance(120_000);
      assert.deepEqual(revisionsOf(c, 'db'), ['2:postgres:16.2', '3:postgres:16.1']);
      const sts = c.sim.store.get('statefulsets.apps', NS, 'db')!;
      const rev3 = c.sim.store.list('controllerrevisions.apps', NS).find((r) => r.revision === 3)!;
      const { $patch: _, ...template } = rev3.data.spec.template;
      assert.equal(canonical(sts.spec.template), canonical(template));
      // kubectl undoes the same way from there: back to revision 2's template, now revision 4.
      const back = await kubectl(c, 'undo', 'sts/db');
      assert.deepEqual(back, { stdout: 'statefulset.apps/db rolled back\n', stderr: '', status: 0 });
      c.sim.advance(120_000);
      assert.deepEqual(revisionsOf(c, 'db'), ['3:postgres:16.1', '4:postgres:16.2']);
      await same(c, 'history', 'sts/db');
      // To the revision it already runs: kdrill skips, as kubectl does when its patch equals the revision byte for byte
      // (kubectl 1.32 adds `creationTimestamp: null` to its patch, so against a 1.36 revision it patches anyway).
      assert.deepEqual(await kdrill(c, 'undo', 'sts/db', '--to-revision', '4'), { stdout: 'statefulset.apps/db skipped rollback (current template already matches revision 4)\n', stderr: '', status: 0 });
    } finally {
      await c.stop();
    }
  });

  test('a DaemonSet: one revision cannot be undone; after a change, undo restores the first template', async () => {
    const c = await cluster();
    try {
      await same(c, 'history', 'ds/agent');
      assert.equal((await same(c, 'undo', 'daemonset/agent')).stderr, 'error: no last revision to roll back to\n');
      patch(c, 'daemonsets.apps', 'agent', image('fluent-bit:3.1', 'fluent-bit 3.1'));
      const two = await same(c, 'history', 'ds/agent');
      assert.equal(two.stdout, 'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         fluent-bit 3.1\n\n');
      await same(c, 'history', 'ds/agent', '--revision', '2');
      assert.deepEqual(await kdrill(c, 'undo', 'ds/agent', '--to-revision', '1'), { stdout: 'daemonset.apps/agent rolled back\n', stderr: '', status: 0 });
      c.sim.advance(120_000);
      assert.deepEqual(revisionsOf(c, 'agent'), ['2:fluent-bit:3.1', '3:fluent-bit:3.0']);
      await same(c, 'history', 'ds/agent');
      assert.equal(c.sim.store.get('daemonsets.apps', NS, 'agent')!.spec.template.spec.containers[0].image, 'fluent-bit:3.0');
    } finally {
      await c.stop();
    }
  });

  test('a Deployment: one revision\'s template, and undo, as kubectl prints them', async () => {
    const c = await cluster();
    try {
      const deploy = c.sim.registry.get('deployments.apps')!;
      c.sim.api.patch(deploy, NS, 'nginx-deploy', 'application/strategic-merge-patch+json', {
        metadata: { annotations: { 'kubernetes.io/change-cause': 'nginx 1.16.1' } },
        spec: { template: { metadata: { labels: { tier: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } },
      });
      c.sim.advance(120_000);
      const two = await same(c, 'history', 'deployment/nginx-deploy', '--revision', '2');
      assert.match(two.stdout, /^deployment\.apps\/nginx-deploy with revision #2\nPod Template:\n {2}Labels:\tapp=nginx\n\tpod-template-hash=\w+\n\ttier=web\n {2}Annotations:\tkubernetes\.io\/change-cause: nginx 1\.16\.1\n/);
      await same(c, 'history', 'deploy/nginx-deploy', '--revision', '1');
      await same(c, 'history', 'deploy/nginx-deploy', '--revision', '5');
      await same(c, 'undo', 'deploy/nginx-deploy', '--to-revision', '5');
      assert.deepEqual(await kdrill(c, 'undo', 'deploy/nginx-deploy'), { stdout: 'deployment.apps/nginx-deploy rolled back\n', stderr: '', status: 0 });
      c.sim.advance(120_000);
      assert.equal(c.sim.store.get('deployments.apps', NS, 'nginx-deploy')!.spec.template.spec.containers[0].image, 'nginx:1.14.1');
      assert.deepEqual(await kubectl(c, 'undo', 'deploy/nginx-deploy'), { stdout: 'deployment.apps/nginx-deploy rolled back\n', stderr: '', status: 0 });
    } finally {
      await c.stop();
    }
  });
});
