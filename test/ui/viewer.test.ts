// kdrill as a user whose Role reads namespace shop only, without Secrets (the demo's kdrill-viewer
// context), in a real terminal and on the command line; and what kdrill asks the server for.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { startCluster } from '../helpers/sim.js';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait.js';

const cwd = process.cwd();

test('kdrill trace as the viewer: traces in the namespaces it may read, says so, and gives the admin\'s verdict', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/kdrill.js', 'trace', 'shop.example.com', '--demo', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  const viewer = run('--context', 'kdrill-viewer');
  const admin = run();
  assert.equal(viewer.status, 1, viewer.stderr);
  assert.equal(admin.status, 1, admin.stderr);
  assert.equal(viewer.stderr, 'kdrill: Ingresses cannot be listed in all namespaces; searched namespace shop only (-n NS for another)\n');
  assert.equal(admin.stderr, '');
  assert.match(viewer.stdout, /^ {3}├─ ok {3}path \/ {2}Prefix$/m);
  assert.match(viewer.stdout, /^ {3}└─ FAIL path \/cart {2}Prefix$/m);
  assert.match(viewer.stdout, /tls shop-example-com-tls {2}not checked/, 'a Secret it may not read is not called missing');
  assert.match(viewer.stdout, /info: cannot check Secret shop-example-com-tls: secrets is forbidden/);
});

describe('the explorer as the viewer, in a real terminal', { skip: hasTmux ? false : 'tmux is not installed on this machine' }, () => {
  test('pods, deployments, events, describe, the rollout and merged logs of shop; one short access note', async () => {
    const t = new TmuxSession(`cd ${cwd} && node bin/kdrill.js --demo --context kdrill-viewer; sleep 60`, 100, 30);
    try {
      await t.waitFor(/^pods {2}\(9\)/m);
      // Once every cache has settled, the header holds one short access note and no list of refused kinds.
      const settled = await t.waitFor(/^ns shop {2}access: namespace shop only {2}secrets: not readable\s*$/m);
      assert.doesNotMatch(settled, /forbidden/);
      t.keys(':deploy', 'Enter');
      await t.waitFor(/^deployments {2}\(4\)/m);
      t.keys('/frontend', 'Enter', 'E');
      await t.waitFor(/\[events\][\s\S]*ScalingReplicaSet[\s\S]*pod\/frontend-\w+-\w+: /);
      t.keys('d', 'Tab', 'G');
      await t.waitFor(/\[describe\][\s\S]*Normal {2}ScalingReplicaSet/);
      t.keys('Escape', 'o');
      await t.waitFor(/deployment "frontend" successfully rolled out/);
      t.keys('Escape', 'l');
      // Three lines of the merged log, each after its pod's short name.
      await t.waitFor(/(^.*\w{5} │ .*\n){3}/m);
    } finally {
      t.kill();
    }
  });

  test('switching from the admin on all namespaces to the viewer opens on the viewer\'s namespace, not on a refused list', async () => {
    const t = new TmuxSession(`cd ${cwd} && node bin/kdrill.js --demo; sleep 60`, 100, 30);
    try {
      await t.waitFor(/^ns all {2}watching \d+ kinds, in sync/m);
      t.keys(':ctx', 'Enter');
      await t.waitFor(/contexts \(enter to choose/);
      t.keys('j', 'Enter');
      const on = await t.waitFor(/^ns shop {2}access: namespace shop only[\s\S]*^pods {2}\(9\)/m);
      assert.match(on, /ctx kdrill-viewer/);
      assert.doesNotMatch(on, /forbidden/);
    } finally {
      t.kill();
    }
  });

  test('how many watches kdrill opens: -n shop (an admin) and -A', async () => {
    const c = await startCluster({ scenario: 'demo' });
    after(() => c.stop());
    const counts: Record<string, number> = {};
    for (const args of ['-n shop', '-A']) {
      const t = new TmuxSession(`cd ${cwd} && node bin/kdrill.js --kubeconfig ${c.kubeconfigPath} ${args}; sleep 60`, 100, 30);
      try {
        await t.waitFor(/watching \d+ kinds, in sync/);
        // Relation caches start once the screen has loaded, later on a loaded machine: wait until
        // they have opened (more than the view's own few watches), then until the count holds still.
        await waitFor('the relation caches to open (at least 20 watches)', () => c.sim.watches.open.size >= 20, 20_000);
        let last = -1;
        let same = 0;
        await waitFor('the watches to hold still for a second', () => {
          const now = c.sim.watches.open.size;
          same = now === last ? same + 1 : 0;
          last = now;
          return same >= 50;
        }, 15_000);
        counts[args] = c.sim.watches.open.size;
        if (args === '-A') {
          // An admin moving into a namespace keeps the cluster-wide caches: nothing is relisted.
          const lists = c.sim.http.requests.filter((q) => q.verb === 'list').length;
          t.keys(':ns payments', 'Enter');
          await t.waitFor(/^ns payments {2}watching \d+ kinds, in sync/m);
          t.keys(':ns all', 'Enter');
          await t.waitFor(/^ns all {2}watching \d+ kinds, in sync/m);
          assert.equal(c.sim.watches.open.size, counts[args], 'the same watches');
          assert.deepEqual(c.sim.http.requests.filter((q) => q.verb === 'list').slice(lists).map((q) => q.path), [], 'no list');
        }
        const paths = [...new Set(c.sim.http.requests.filter((q) => q.verb === 'watch').map((q) => q.path))];
        if (args === '-n shop') assert.ok(paths.every((p) => p.includes('/namespaces/shop/') || !/\/(pods|services|events|deployments|replicasets|secrets|endpointslices)$/.test(p) || false), `namespaced relations for a namespaced view: ${paths.join(' ')}`);
      } finally {
        t.kill();
        await waitFor('its watches closed', () => c.sim.watches.open.size === 0, 10_000);
        c.sim.http.requests.length = 0;
      }
    }
    // Events are not among them: the explorer reads them where a pane shows them (test/ui/watch-set.test.ts).
    assert.deepEqual(counts, { '-n shop': 22, '-A': 22 });
  });
});
