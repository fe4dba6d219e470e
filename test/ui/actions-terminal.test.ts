// Real-terminal tests of the keys that act on objects (edit, delete, kill, cordon, drain) and of the footer.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { KubeObject } from '../../src/model/types.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait.js';
import { kubectlFlags } from '../helpers/kubectl.js';

const cwd = process.cwd();
const PDBS = 'poddisruptionbudgets.policy';

describe('keys that act on objects, in a real terminal on the demo', { skip: hasTmux ? false : 'tmux is not installed on this machine' }, () => {
  let c: TestCluster;
  let dir: string;
  before(async () => {
    c = await startCluster({ scenario: 'demo' });
    dir = mkdtempSync(join(tmpdir(), 'kdrill-actions-'));
  });
  after(() => c.stop());
  const kdrill = (args: string, env = '') => `cd ${cwd} && env -u KUBE_EDITOR ${env} node bin/kdrill.js --kubeconfig ${c.kubeconfigPath} -A ${args}; sleep 60`;
  const footer = (screen: string) => screen.split('\n').filter((l) => l.trim()).at(-1) ?? '';
  const writes = () => c.sim.http.requests.filter((q) => q.method !== 'GET');
  const script = (name: string, body: string) => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };

  test('the footer shows the focused view\'s keys, fitted to 80 and 200 columns; a key that does nothing says so', async () => {
    const seen: Record<string, string> = {};
    for (const [width, height] of [[80, 24], [200, 50]]) {
      const t = new TmuxSession(kdrill(''), width, height);
      try {
        const pods = await t.waitFor(/^pods {2}\(\d+\)/m);
        seen[`pods ${width}`] = footer(pods);
        t.keys(':deploy deploy-test', 'Enter');
        seen[`deployments ${width}`] = footer(await t.waitFor(/^> nginx-deploy/m));
        t.keys('o');
        seen[`rollout ${width}`] = footer(await t.waitFor(/ROLLOUT {2}COMPLETE/));
        t.keys('Escape', ':no', 'Enter');
        seen[`nodes ${width}`] = footer(await t.waitFor(/^nodes {2}\(6\)/m));
        t.keys(':ds', 'Enter');
        await t.waitFor(/^daemonsets {2}\(\d+\)/m);
        t.keys('s');
        await t.waitFor(/^s: nothing here in daemonsets\s*$/m);
      } finally {
        t.kill();
      }
    }
    assert.equal(seen['pods 80'], 'r traffic  s shell  F port-forward  enter drill down  y yaml  d describe  ? help');
    assert.equal(seen['deployments 80'], 'o rollout  r restart  s scale  enter drill down  y yaml  d describe  ? help');
    assert.equal(seen['nodes 80'], 'c cordon  u uncordon  r drain  enter drill down  y yaml  d describe  ? help');
    assert.equal(seen['rollout 80'], 'r restart  s scale  enter drill down  y yaml  d describe  l logs  e edit  ? help');
    assert.equal(
      seen['pods 200'],
      'r traffic  s shell  F port-forward  enter drill down  y yaml  d describe  l logs  E events  e edit  ctrl-d delete  : command  / filter  esc back  q quit  o node  p previous logs  ctrl-k kill  ? help',
    );
    for (const [where, line] of Object.entries(seen)) assert.ok(line.length <= Number(where.split(' ')[1]), `${where}: ${line.length} columns`);
  });

  test('e edits as kubectl edit: the label the editor adds is on the deployment; a conflict, then an invalid value, reopen with the server\'s message', async () => {
    // Idempotent: a conflict (the controllers write the status meanwhile) reopens the file, saved again as it is.
    const addLabel = script('add-label.sh', `grep -q '^    edited: "yes"$' "$1" || sed -i 's/^  labels:$/  labels:\\n    edited: "yes"/' "$1"`);
    const t = new TmuxSession(kdrill('', `EDITOR=${addLabel}`), 200, 50);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.keys(':deploy deploy-test', 'Enter');
      await t.waitFor(/^> nginx-deploy/m);
      t.keys('e');
      await t.waitFor(/^edited deployment nginx-deploy\s*$/m);
      assert.equal(c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy')!.metadata!.labels!.edited, 'yes');
    } finally {
      t.kill();
    }
    // Another writer changes the object while the editor is open; then the user saves an invalid value; then gives up.
    const second = join(dir, 'second.yaml');
    const third = join(dir, 'third.yaml');
    const conflict = script(
      'conflict.sh',
      `if grep -q 'was not valid' "$1"; then cp "$1" ${third}; exit 0; fi
if grep -q 'Operation cannot be fulfilled' "$1"; then cp "$1" ${second}; sed -i 's/^  replicas: .*/  replicas: -1/' "$1"; exit 0; fi
kubectl ${kubectlFlags(c.kubeconfigPath).join(' ')} -n deploy-test label deployment nginx-deploy other=writer --overwrite >/dev/null
sed -i 's/^  labels:$/  labels:\\n    mine: "1"/' "$1"`,
    );
    const u = new TmuxSession(kdrill('', `EDITOR=${conflict}`), 200, 50);
    try {
      await u.waitFor(/^pods {2}\(\d+\)/m);
      u.keys(':deploy deploy-test', 'Enter');
      await u.waitFor(/^> nginx-deploy/m);
      u.keys('e');
      const kept = await u.waitFor(/^Edit cancelled, no valid changes were saved\. A copy of your changes has been stored to (\S+)\s*$/m);
      const file = /stored to (\S+)/.exec(footer(kept))![1];
      assert.ok(existsSync(file), 'the file the footer names holds the changes');
      assert.match(readFileSync(file, 'utf8'), /^    mine: "1"$/m);
      const header = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";
      assert.ok(readFileSync(second, 'utf8').startsWith(`${header}# Operation cannot be fulfilled on deployments.apps "nginx-deploy": the object has been modified; please apply your changes to the latest version and try again\n#\n`));
      assert.ok(readFileSync(third, 'utf8').startsWith(`${header}# deployments.apps "nginx-deploy" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n`));
      const labels = c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy')!.metadata!.labels!;
      assert.deepEqual([labels.mine, labels.other], [undefined, 'writer'], 'nothing of the given-up edit landed');
    } finally {
      u.kill();
    }
  });

  test('Ctrl-K kills a pod at once; Ctrl-D deletes a deployment and, in the background, its replica sets and pods', async () => {
    const t = new TmuxSession(kdrill(''), 200, 50);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      const pod = c.sim.store.list('pods', 'deploy-test')[0].metadata!.name!;
      t.keys(`/^${pod}`, 'Enter');
      await t.waitFor(new RegExp(`^> deploy-test +${pod}`, 'm'));
      t.keys('C-k');
      await t.waitFor(new RegExp(`KILL pod deploy-test/${pod} NOW in context kdrill-sim: grace period 0, no graceful shutdown, its containers are stopped at once\\?`));
      t.keys('y');
      await t.waitFor(new RegExp(`^killed pod ${pod}\\s*$`, 'm'));
      assert.equal(c.sim.store.get('pods', 'deploy-test', pod), undefined, 'gone at once, no grace period');

      t.keys(':deploy deploy-test', 'Enter');
      await t.waitFor(/^> nginx-deploy/m);
      const uid = c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy')!.metadata!.uid;
      t.keys('C-d');
      await t.waitFor(/Delete deployment deploy-test\/nginx-deploy in context kdrill-sim\? {2}propagation: background \(p changes it\)/);
      t.keys('p');
      await t.waitFor(/propagation: foreground \(p changes it\)/);
      t.keys('p');
      await t.waitFor(/propagation: orphan \(p changes it\)/);
      t.keys('p');
      await t.waitFor(/propagation: background \(p changes it\)/);
      t.keys('y');
      await t.waitFor(/^deleted deployment nginx-deploy\s*$/m);
      await waitFor('the deployment, its replica sets and its pods gone', () => {
        const sets = c.sim.store.list('replicasets.apps', 'deploy-test').filter((rs) => rs.metadata!.ownerReferences?.some((o) => o.uid === uid));
        const pods = c.sim.store.list('pods', 'deploy-test').filter((p) => p.metadata!.name!.startsWith('nginx-deploy-'));
        return !c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy') && sets.length === 0 && pods.length === 0;
      }, 20_000);
      const del = writes().filter((q) => q.method === 'DELETE' && q.path.endsWith('/deployments/nginx-deploy'));
      assert.equal(del.length, 1);
    } finally {
      t.kill();
    }
  });

  test('nodes: cordon and uncordon, and a drain a PodDisruptionBudget blocks names the pod and the budget', async () => {
    const node = 'node-b1';
    const ready = (p: KubeObject) => (p.status?.conditions ?? []).some((x: { type: string; status: string }) => x.type === 'Ready' && x.status === 'True');
    const blocked = await waitFor('a ready pod of a replica set on the node', () => c.sim.store.list('pods').find((p) => p.spec?.nodeName === node && ready(p) && p.metadata?.ownerReferences?.some((o) => o.kind === 'ReplicaSet')), 20_000);
    const app = blocked.metadata!.labels!;
    const [key, value] = Object.entries(app).find(([k]) => k !== 'pod-template-hash')!;
    c.sim.api.create(c.sim.registry.get(PDBS)!, blocked.metadata!.namespace!, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'keep-all' }, spec: { maxUnavailable: 0, selector: { matchLabels: { [key]: value } } } });
    const t = new TmuxSession(kdrill(''), 200, 50);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.keys(':no', 'Enter', `/^${node}`, 'Enter');
      await t.waitFor(new RegExp(`^> ${node}`, 'm'));
      t.keys('c');
      await t.waitFor(new RegExp(`Cordon node ${node} in context kdrill-sim\\?`));
      t.keys('y');
      await t.waitFor(new RegExp(`^cordoned node ${node}\\s*$`, 'm'));
      assert.equal(c.sim.store.get('nodes', undefined, node)!.spec!.unschedulable, true);
      await t.waitFor(new RegExp(`^> ${node} +Ready,SchedulingDisabled`, 'm'));
      t.keys('u');
      await t.waitFor(new RegExp(`Uncordon node ${node} in context kdrill-sim\\?`));
      t.keys('y');
      await t.waitFor(new RegExp(`^uncordoned node ${node}\\s*$`, 'm'));
      assert.equal(c.sim.store.get('nodes', undefined, node)!.spec!.unschedulable, undefined);
      await t.waitFor(new RegExp(`^> ${node} +Ready `, 'm'));
      t.keys('r');
      await t.waitFor(new RegExp(`Drain node ${node} \\(cordon it, then evict its pods; DaemonSet and mirror pods stay; PodDisruptionBudgets are honoured\\) in context kdrill-sim\\?`));
      t.keys('y');
      const ns = blocked.metadata!.namespace;
      const said = await t.waitFor(new RegExp(`^\\d pods? not evicted from node ${node}: ${ns}/(\\S+): The disruption budget keep-all needs \\d+ healthy pods and has \\d+ currently\\. Evicted \\d+, skipped \\d+`, 'm'));
      const kept = new RegExp(`${ns}/(\\S+): `).exec(said)![1];
      assert.ok(!c.sim.store.get('pods', ns, kept)!.metadata!.deletionTimestamp, 'the budget kept its pod');
      assert.ok(writes().some((q) => q.method === 'POST' && q.path.endsWith('/eviction')), 'through the eviction API');
      // The scheduler honours the cordon: nothing new lands on the node.
      assert.equal(c.sim.store.get('nodes', undefined, node)!.spec!.unschedulable, true);
    } finally {
      t.kill();
      c.sim.api.delete(c.sim.registry.get(PDBS)!, blocked.metadata!.namespace, 'keep-all');
    }
  });

  test('under --readonly, e, Ctrl-D, Ctrl-K, c, u and r are refused on screen and send nothing', async () => {
    const editor = script('never.sh', `touch ${join(dir, 'editor-ran')}`);
    const t = new TmuxSession(kdrill('--readonly', `EDITOR=${editor}`), 200, 50);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      const mark = writes().length;
      const refused = /^read-only mode \(--readonly\): kdrill makes no changes\s*$/m;
      // A key bound nowhere replaces the refusal in the footer, so that the next one is seen anew.
      const clear = async () => {
        t.keys('b');
        await t.waitFor(/^b: nothing here in \w+\s*$/m);
      };
      for (const key of ['e', 'C-d', 'C-k']) {
        t.keys(key);
        await t.waitFor(refused);
        await clear();
      }
      t.keys(':no', 'Enter');
      await t.waitFor(/^nodes {2}\(6\)/m);
      for (const key of ['c', 'r', 'e', 'C-d']) {
        t.keys(key);
        await t.waitFor(refused);
        await clear();
      }
      assert.deepEqual(writes().slice(mark), [], 'no request but reads');
      assert.ok(!existsSync(join(dir, 'editor-ran')), 'no editor opened');
    } finally {
      t.kill();
    }
  });
});
