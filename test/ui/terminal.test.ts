// Real-terminal tests: kdrill in tmux, driven by keys and read from the screen.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait.js';

const cwd = process.cwd();
// After kdrill exits the shell prints its status and the terminal modes, so a test can see them restored.
const run = (args = '--demo') =>
  `cd ${cwd} && node bin/kdrill.js ${args}; echo "EXITED rc=$?"; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 60`;
const restored = /EXITED rc=0\n(icanon echo|echo icanon) *\n/;

describe('kdrill --demo in a real terminal', { skip: hasTmux ? false : 'tmux is not installed on this machine' }, () => {
  test('deployments, drill into nginx-deploy, filter, help, quit: the shell is back', async () => {
    const t = new TmuxSession(run(), 100, 30);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.keys(':deploy', 'Enter');
      const deploys = await t.waitFor(/^deployments {2}\(12\)/m);
      assert.match(deploys, /NAMESPACE\s+NAME↑\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
      assert.ok(deploys.trimEnd().split('\n').length <= 29, 'never more than rows - 1 lines');
      // Move to nginx-deploy with a filter, then drill into its pods.
      t.keys('/nginx-deploy');
      await t.waitFor(/^\/nginx-deploy +1\/12 match/m);
      t.keys('Enter', 'Enter');
      await t.waitFor(/deployment nginx-deploy › pods {2}\(3\)/);
      // Rows follow the cluster live: the pods start and become ready on screen.
      await t.waitFor(/(^[> ] nginx-deploy-\w+-\w{5}\s+2\/2\s+Running[^\n]*\n){3}/m);
      t.keys('/nginx');
      await t.waitFor(/^\/nginx +3\/3 match/m);
      t.keys('Escape');
      await t.waitFor(/› pods {2}\(3\) {2}· ns deploy-test\s*\n(?!\/)/);
      t.keys('Escape');
      // Back restores the previous view as it was: its filter and its cursor.
      await t.waitFor(/^deployments {2}\/nginx-deploy {2}\(1 of 12\)/m);
      t.keys('Escape');
      await t.waitFor(/^deployments {2}\(12\)/m);
      t.keys('?');
      await t.waitFor(/Keys \(escape or \? to close/);
      t.keys('Escape');
      await t.waitFor(/^deployments {2}\(12\)/m);
      t.keys('q');
      const after = await t.waitFor(restored);
      assert.doesNotMatch(after, /deployments/, 'the alternate screen is gone');
    } finally {
      t.kill();
    }
  });

  test('routes: from a domain to a container\'s logs and back, all by keyboard', async () => {
    const t = new TmuxSession(run(), 100, 30);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.keys(':routes', 'Enter');
      await t.waitFor(/^routes {2}\(14\)/m);
      t.keys('/holmes');
      await t.waitFor(/^\/holmes +1\/14 match/m);
      t.keys('Enter', 'Enter');
      // Both paths, each to its Service and its pod, once the pods are ready (they start with the demo).
      const route = await t.waitFor(/ROUTE  HEALTHY[\s\S]*path \/admin\/[\s\S]*service risk-admin-node:http \(3001 → 3001\)[\s\S]*ok {3}pod risk-admin-node-\w+-\w+  Running · 1\/1/);
      assert.match(route, /routes\s+›\s+route holmes\.test\.shopeekredit\.co\.id/);
      assert.match(route, /path \/  ImplementationSpecific\n.*service risk-admin:http \(80 → 80\)[^\n]*\n.*pod risk-admin-\w+-\w+  Running/);
      // The last line is the node back-end's container: Enter opens its logs beside the route.
      t.keys('G', 'Enter');
      await t.waitFor(/\[logs\] +risk-admin-node-\w+-\w+\/risk-admin-node/);
      await t.waitFor(/^\d{4}-\d\d-\d\dT[^\n]*(INFO|WARN|DEBUG|ERROR)/m);
      t.keys('Escape');
      const back = await t.waitFor(/^routes › route holmes[^\n]*\n(?![\s\S]*\[logs\])/m);
      assert.match(back, /^> +└─ ok {3}container risk-admin-node/m, 'the cursor is where it was');
      t.keys('Escape');
      await t.waitFor(/^routes {2}\/holmes {2}\(1 of 14\)/m);
      t.keys('q');
      await t.waitFor(restored);
    } finally {
      t.kill();
    }
  });

  test('rollout: open deploy-test\'s rollout, restart it, watch the new pods replace the old ones to the end', async () => {
    const t = new TmuxSession(run(), 100, 30);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.keys(':deploy deploy-test', 'Enter');
      await t.waitFor(/^> nginx-deploy +3\/3/m);
      t.keys('o');
      await t.waitFor(/ROLLOUT {2}COMPLETE[\s\S]*status {4}deployment "nginx-deploy" successfully rolled out/);
      t.keys('r');
      await t.waitFor(/Restart deployment deploy-test\/nginx-deploy in context kdrill-demo\?/);
      t.keys('y');
      await t.waitFor(/ROLLOUT {2}IN PROGRESS[\s\S]*rev \d+ +new/);
      const done = await t.waitFor(/ROLLOUT {2}COMPLETE[\s\S]*status {4}deployment "nginx-deploy" successfully rolled out[\s\S]*revision {2}\d+ .*finished/, 30_000);
      assert.match(done, /rev \d+ +old +░{10} +desired 0/);
      t.keys('q');
      await t.waitFor(restored);
    } finally {
      t.kill();
    }
  });

  // kdrill is the pane's shell's child: found by its parent, never by name (another kdrill may run on this machine).
  const sigterm = (t: TmuxSession) => {
    const pane = String(t.panePid());
    const pid = execFileSync('pgrep', ['-P', pane], { encoding: 'utf8' }).trim().split('\n')[0];
    process.kill(Number(pid), 'SIGTERM');
  };
  const ways: [string, (t: TmuxSession) => void][] = [
    ['Ctrl-C', (t) => t.keys('C-c')],
    ['SIGTERM', sigterm],
  ];
  for (const [how, stop] of ways) {
    test(`${how} restores the terminal`, async () => {
      const t = new TmuxSession(run(), 80, 24);
      try {
        await t.waitFor(/^pods {2}\(\d+\)/m);
        stop(t);
        await t.waitFor(restored);
      } finally {
        t.kill();
      }
    });
  }

  test('a dropped terminal (hang-up) ends kdrill quietly', async () => {
    const mark = `hup-${process.pid}-${Date.now()}`;
    const err = join(tmpdir(), `${mark}.err`);
    const t = new TmuxSession(`cd ${cwd} && node bin/kdrill.js --demo -n ${mark} 2>${err}; sleep 60`, 80, 24);
    try {
      await t.waitFor(/^pods {2}\(0\)/m);
      const alive = () => spawnSync('pgrep', ['-f', mark]).status === 0;
      assert.ok(alive());
      t.kill();
      await waitFor('kdrill to end after the hang-up', () => !alive(), 10_000);
      assert.doesNotMatch(readFileSync(err, 'utf8'), /Assertion failed|Error/);
    } finally {
      t.kill();
      rmSync(err, { force: true });
    }
  });

  test('a terminal smaller than 80x24 gets a notice that recovers on resize', async () => {
    const t = new TmuxSession(run(), 70, 20);
    try {
      await t.waitFor(/terminal too small: 70x20, kdrill needs at least 80x24/);
      t.resize(90, 26);
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.keys('q');
      await t.waitFor(restored);
    } finally {
      t.kill();
    }
  });

  test('shrinking below 80x24 leaves no debris: the notice alone on the screen (issue 21 #10)', async () => {
    const t = new TmuxSession(run(), 80, 24);
    try {
      await t.waitFor(/^pods {2}\(\d+\)/m);
      t.resize(79, 40);
      const notice = 'terminal too small: 79x40, kdrill needs at least 80x24 (q quits)';
      const screen = await t.waitFor(/terminal too small: 79x40/);
      // Nothing of the old frame above or below it: the header, the crumbs, the rows.
      await waitFor('only the notice on the screen', () => t.screen().trim() === notice).catch(() => assert.equal(t.screen().trim(), notice, screen));
      t.resize(80, 24);
      const back = await t.waitFor(/^pods {2}\(\d+\)/m);
      assert.doesNotMatch(back, /too small/);
      // From a wide screen to a narrower one: one header, one frame.
      t.resize(200, 50);
      await t.waitFor(/^pods {2}\(\d+\)[\s\S]*\n(.*\n){40}/m);
      t.resize(120, 30);
      await waitFor('one frame at 120x30', () => {
        const s = t.screen();
        return s.match(/^kdrill \d/gm)?.length === 1 && s.trimEnd().split('\n').length <= 29 && /^pods {2}\(\d+\)/m.test(s);
      }).catch(() => assert.fail(`debris after 200x50 → 120x30:\n${t.screen()}`));
      t.keys('q');
      await t.waitFor(restored);
    } finally {
      t.kill();
    }
  });
});
