// CPU and memory columns from metrics.k8s.io in a real terminal: on pods, containers and nodes
// while the cluster serves metrics, absent when it does not (or refuses), polled only while shown.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { describe, test } from 'node:test';
import type { KubeObject } from '../../src/model/types.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait.js';
import { ended, launch } from '../helpers/rollout-runs.js';
import { kubectlFlags } from '../helpers/kubectl.js';

const NS = 'metrics-test';
const cwd = process.cwd();

function pod(name: string, containers: { name: string; cpu?: string; memory?: string; limit?: string }[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS, labels: { app: name.replace(/-\d+$/, '') } },
    spec: {
      containers: containers.map((c) => ({
        name: c.name,
        image: 'nginx:1.27',
        ...(c.cpu ? { resources: { requests: { cpu: c.cpu, memory: c.memory }, ...(c.limit ? { limits: { cpu: c.limit, memory: '1Gi' } } : {}) } } : {}),
      })),
    },
  };
}

/** A manual-clock cluster (usage is fixed: one scrape) with three pods of known names, scraped every second. */
async function cluster(opts: { metrics?: boolean } = {}): Promise<TestCluster> {
  const c = await startCluster({ clock: 'manual', start: Date.parse('2026-11-28T18:00:00Z'), metricsResolutionMs: 1000, metrics: true, ...opts });
  c.sim.api.create(c.sim.registry.get('namespaces')!, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  const create = (p: KubeObject) => c.sim.api.create(c.sim.registry.get('pods')!, NS, p);
  create(pod('web-0', [{ name: 'nginx', cpu: '200m', memory: '256Mi', limit: '1' }, { name: 'sidecar', cpu: '50m', memory: '64Mi' }]));
  create(pod('web-1', [{ name: 'nginx', cpu: '200m', memory: '256Mi', limit: '1' }, { name: 'sidecar', cpu: '50m', memory: '64Mi' }]));
  create(pod('worker', [{ name: 'main' }]));
  c.sim.advance(5 * 60_000);
  return c;
}

const kdrill = (c: TestCluster) => new TmuxSession(`cd ${cwd} && node bin/kdrill.js --kubeconfig ${c.kubeconfigPath} -n ${NS}; sleep 60`, 150, 24);
// Table lines: the header and the rows (two spaces or `> ` then cells). The AGE column moves with the clock, and
// so does its width: it is cut out, header included, and `<AGE>` stands in its place.
function table(screen: string, ageColumn = 'AGE'): string[] {
  const lines = screen.split('\n');
  const header = lines.findIndex((l) => /^ {2}NAME/.test(l));
  const at = lines[header].indexOf(ageColumn);
  const next = at < 0 ? -1 : lines[header].slice(at + ageColumn.length).search(/\S/);
  const end = next < 0 ? Infinity : at + ageColumn.length + next;
  const rows = lines.slice(header + 1).filter((l) => /^[> ] \S/.test(l));
  return [lines[header], ...rows].map((l) => (at < 0 ? l : `${l.slice(0, at)}<AGE>${end === Infinity ? '' : `  ${l.slice(end)}`}`).trimEnd());
}
const metricsRequests = (c: TestCluster, kind: 'pods' | 'nodes') => c.sim.http.requests.filter((r) => r.path.startsWith('/apis/metrics.k8s.io/v1beta1/') && r.path.endsWith(`/${kind}`)).length;
// The simulator answers from this process, which blocks while tmux captures the screen: a poll kdrill sent
// just before the screen changed can still be unread on its connection. One turn of the event loop reads it.
const readSent = () => new Promise((resolve) => setImmediate(resolve));

describe('metrics columns in a real terminal', { skip: hasTmux ? false : 'tmux is not installed on this machine' }, () => {
  test(':po and :no show CPU and memory with their share of requests, limits and allocatable; Shift-C sorts; polled only while shown', async () => {
    const c = await cluster();
    const t = kdrill(c);
    try {
      // The columns stand (empty) from the start where metrics.k8s.io is served; the figures come with the first answer.
      const pods = await t.waitFor(/^ {2}NAME↑ +READY +STATUS +RESTARTS +CPU +%CPU\/R +%CPU\/L +MEM +%MEM\/R +%MEM\/L +AGE[\s\S]*^ {2}worker .* 25m .* sim-node-3/m);
      assert.deepEqual(table(pods), [
        '  NAME↑   READY  STATUS   RESTARTS  CPU   %CPU/R  %CPU/L  MEM    %MEM/R  %MEM/L  <AGE>  IP          NODE',
        '> web-0   2/2    Running  0         93m   37      9       185Mi  57      18      <AGE>  10.244.0.2  sim-node-1',
        '  web-1   2/2    Running  0         100m  40      10      188Mi  58      18      <AGE>  10.244.1.2  sim-node-2',
        '  worker  1/1    Running  0         25m   n/a     n/a     20Mi   n/a     n/a     <AGE>  10.244.2.2  sim-node-3',
      ]);
      // The same figures as kubectl top reads from the same scrape.
      const top = launch('kubectl', [...kubectlFlags(c.kubeconfigPath), 'top', 'pods', '-n', NS]);
      await ended(top);
      assert.equal(top.stdout, 'NAME     CPU(cores)   MEMORY(bytes)   \nweb-0    93m          185Mi           \nweb-1    100m         188Mi           \nworker   25m          20Mi            \n');

      const afterTop = c.sim.http.requests.length;
      // Shift-C: busiest first; Shift-M: biggest first.
      t.keys('C');
      const byCpu = await t.waitFor(/CPU↓/);
      assert.deepEqual(table(byCpu).slice(1).map((l) => l.slice(2).split(/\s+/)[0]), ['web-1', 'web-0', 'worker']);
      t.keys('M');
      const byMem = await t.waitFor(/MEM↓/);
      assert.deepEqual(table(byMem).slice(1).map((l) => l.slice(2).split(/\s+/)[0]), ['web-1', 'web-0', 'worker']);

      // A pod's containers: each container's usage and share of its own requests and limits.
      t.keys('N', 'g', 'Enter');
      const containers = await t.waitFor(/^ {2}NAME +READY +STATE +RESTARTS +CPU [\s\S]*^ {2}sidecar /m);
      // Cells up to AGE (the pod's total above, 93m, is the sum of these before rounding).
      assert.deepEqual(table(containers).map((l) => l.replace(/^>/, '').trim().split(/\s+/).slice(0, 10).join(' ')), [
        'NAME READY STATE RESTARTS CPU %CPU/R %CPU/L MEM %MEM/R %MEM/L',
        'nginx true Running 0 87m 43 8 164Mi 64 16',
        'sidecar true Running 0 6m 12 n/a 20Mi 32 n/a',
      ]);
      t.keys('Escape');

      // Nodes: usage, allocatable, and the share of it.
      t.keys(':no', 'Enter');
      const nodes = await t.waitFor(/^ {2}NAME↑ +STATUS +ROLES +CPU +CPU\/A +%CPU +MEM +MEM\/A +%MEM +AGE[\s\S]*^ {2}sim-node-3 +Ready +<none> +\d+m +4000m /m);
      assert.deepEqual(table(nodes), [
        '  NAME↑       STATUS  ROLES   CPU   CPU/A  %CPU  MEM     MEM/A    %MEM  <AGE>  VERSION',
        '> sim-node-1  Ready   <none>  328m  4000m  8     1921Mi  16384Mi  11    <AGE>  v1.31.0',
        '  sim-node-2  Ready   <none>  306m  4000m  7     1915Mi  16384Mi  11    <AGE>  v1.31.0',
        '  sim-node-3  Ready   <none>  232m  4000m  5     1727Mi  16384Mi  10    <AGE>  v1.31.0',
      ]);
      const topNodes = launch('kubectl', [...kubectlFlags(c.kubeconfigPath), 'top', 'nodes']);
      await ended(topNodes);
      assert.equal(topNodes.stdout.split('\n')[1], 'sim-node-1   328m         8%     1921Mi          11%       ');

      // Polled at the server's window (1 s here): more requests come while the nodes are shown...
      const shown = metricsRequests(c, 'nodes');
      await waitFor('two more polls of node metrics', () => metricsRequests(c, 'nodes') >= shown + 2);
      // ...and none once another view hides them: while the pods are shown again, the nodes are not polled.
      t.keys(':svc', 'Enter');
      await t.waitFor(/^services {2}\(/m);
      await readSent();
      const [podsAtSvc, nodesAtSvc] = [metricsRequests(c, 'pods'), metricsRequests(c, 'nodes')];
      t.keys(':po', 'Enter');
      await t.waitFor(/^pods {2}\(3\)/m);
      await waitFor('three polls of pod metrics', () => metricsRequests(c, 'pods') >= podsAtSvc + 3);
      assert.equal(metricsRequests(c, 'nodes'), nodesAtSvc, 'no node metrics requests after leaving the nodes view');
      t.keys(':svc', 'Enter');
      await t.waitFor(/^services {2}\(/m);
      await readSent();
      const podsHidden = metricsRequests(c, 'pods');
      t.keys(':no', 'Enter');
      await t.waitFor(/^nodes {2}\(3\)/m);
      await waitFor('three polls of node metrics', () => metricsRequests(c, 'nodes') >= nodesAtSvc + 3);
      assert.equal(metricsRequests(c, 'pods'), podsHidden, 'no pod metrics requests after leaving the pods view');
      // Each of kdrill's polls is one paged list of the view's namespace (nodes: the cluster).
      const polls = c.sim.http.requests.slice(afterTop).filter((r) => r.path === `/apis/metrics.k8s.io/v1beta1/namespaces/${NS}/pods`);
      assert.ok(polls.length >= 3);
      assert.ok(polls.every((r) => r.query === '?limit=500'), JSON.stringify(polls.map((r) => r.query)));
    } finally {
      t.kill();
      await c.stop();
    }
  });

  test('without metrics.k8s.io the columns are absent, not empty: not served, forbidden, or its server gone', async () => {
    const plain = ['  NAME↑   READY  STATUS   RESTARTS  <AGE>  IP          NODE'];
    const none = await cluster({ metrics: false });
    let t = kdrill(none);
    try {
      const pods = await t.waitFor(/^ {2}worker /m);
      assert.deepEqual(table(pods).slice(0, 1), plain);
      t.keys(':no', 'Enter');
      const nodes = await t.waitFor(/^ {2}sim-node-3 /m);
      assert.match(table(nodes)[0], /^ {2}NAME↑ +STATUS +ROLES +<AGE> +VERSION$/);
      assert.equal(none.sim.http.requests.filter((r) => r.path.startsWith('/apis/metrics.k8s.io')).length, 0, 'nothing asked of a group discovery does not list');
    } finally {
      t.kill();
      await none.stop();
    }
    const c = await cluster();
    c.sim.faults.forbid('pods.metrics.k8s.io');
    t = kdrill(c);
    try {
      await waitFor('a refused pod metrics request', () => c.sim.http.requests.some((r) => r.path.endsWith('/pods') && r.path.startsWith('/apis/metrics.k8s.io')));
      // Until the refusal is read, the columns stand empty (usage pending); once it is, they go.
      const pods = await t.waitFor(/^ {2}NAME↑ +READY +STATUS +RESTARTS +AGE +IP +NODE *$[\s\S]*^ {2}worker /m);
      assert.deepEqual(table(pods).slice(0, 1), plain);
      // Served and allowed, the nodes have them; when metrics-server goes away (503), they go too.
      t.keys(':no', 'Enter');
      await t.waitFor(/^ {2}NAME↑ +STATUS +ROLES +CPU [\s\S]*^ {2}sim-node-3 /m);
      c.sim.faults.breakGroupVersion('metrics.k8s.io/v1beta1');
      const gone = await t.waitFor(/^ {2}NAME↑ +STATUS +ROLES +AGE +VERSION *$/m);
      assert.match(gone, /^ {2}sim-node-3 +Ready +<none> +\S+ +v1\.31\.0 *$/m);
    } finally {
      t.kill();
      await c.stop();
    }
  });

  test('usage is asked for once the pods are listed, not beside the list: on a large cluster its pages would compete with it', async () => {
    const c = await cluster();
    // Each request is answered 400 ms after it arrives: usage asked for beside the list arrives while the list is
    // still unanswered. Whether the list's answer had begun is taken when the usage request arrives (no clock).
    c.sim.faults.slow(400);
    // The list is a streaming list (a watch with sendInitialEvents) where the server serves one, paged otherwise.
    const podsPath = `/api/v1/namespaces/${NS}/pods`;
    const usagePath = `/apis/metrics.k8s.io/v1beta1/namespaces/${NS}/pods`;
    let podsList: ServerResponse | undefined;
    let listAnsweredAtUsage: boolean | undefined;
    const count = c.sim.http.cost.request.bind(c.sim.http.cost);
    c.sim.http.cost.request = (verb, path, query, res, socket) => {
      if (path === podsPath) podsList ??= res;
      if (path === usagePath) listAnsweredAtUsage ??= podsList?.headersSent ?? false;
      count(verb, path, query, res, socket);
    };
    const t = kdrill(c);
    try {
      // Until usage answers (400 ms at least), its columns stand empty: not 0, which would be a figure.
      await t.waitFor(/^ {2}NAME↑ +READY +STATUS +RESTARTS +CPU [\s\S]*^ {2}worker +1\/1 +Running +0 +\d+[smhd] +10\.244\.2\.2 /m);
      await t.waitFor(/^ {2}NAME↑ +READY +STATUS +RESTARTS +CPU [\s\S]*^ {2}worker +1\/1 +Running +0 +25m /m);
      assert.equal(listAnsweredAtUsage, true, 'usage was asked for before the pods list was answered');
    } finally {
      t.kill();
      await c.stop();
    }
  });
});
