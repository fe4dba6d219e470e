// The explorer laid out by content in a real terminal, at 80x24 and 200x50 (issue 21 #15 #16 #17 #22):
// :routes gives the host its room and sorts by verdict; the rollout view keeps READY, restarts, age and
// what changes in sight; the pane search prompt keeps its count; the header's namespace stays the user's.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';

const bin = join(process.cwd(), 'bin/kdrill.js');
const SIZES = [[80, 24], [200, 50]] as const;
// Table rows, the header line after the breadcrumbs left out.
const rowsOf = (screen: string) => screen.split('\n').filter((l) => /^[> ] \S/.test(l)).slice(1);

describe('the explorer laid out by content', { skip: hasTmux ? false : 'tmux is not installed on this machine' }, () => {
  for (const [width, height] of SIZES) {
    test(`${width}x${height}: :routes shows whole hosts and sorts by HEALTH, broken first, with the sort marked`, async () => {
      const t = new TmuxSession(`node ${bin} --demo; sleep 60`, width, height);
      try {
        await t.waitFor(/^pods {2}\(\d+\)/m);
        t.keys(':routes', 'Enter');
        const byHost = await t.waitFor(/in sync[\s\S]*^routes {2}\(14\)[\s\S]*^[> ] www\.shop\.example\.com .* healthy$/m);
        assert.match(byHost, /^ {2}HOST↑ /m, 'sorted by host, marked');
        // Hosts up to 26 cells are whole even at 80 columns (they were cut at 20).
        for (const host of ['legacy.shop.example.com', 'orders.gw.example.com', 'store.gw.example.com']) assert.match(byHost, new RegExp(`^[> ] ${host.replace(/\./g, '\\.')} `, 'm'), host);
        t.keys('S');
        const byHealth = await t.waitFor(/^ {2}HOST +PATHS +INGRESS +NAMESPACE +BACKENDS +HEALTH↑$/m);
        const verdicts = rowsOf(byHealth).map((l) => l.trim().split(/\s+/).pop());
        assert.deepEqual(verdicts, ['broken', 'broken', 'broken', 'broken', 'broken', 'unrouted', ...Array(8).fill('healthy')]);
        t.keys('S');
        const reversed = await t.waitFor(/HEALTH↓$/m);
        assert.equal(rowsOf(reversed)[0].trim().split(/\s+/).pop(), 'healthy');
        t.keys('N');
        await t.waitFor(/^ {2}HOST↑ /m);
      } finally {
        t.kill();
      }
    });

    test(`${width}x${height}: the header's namespace stays "all" while drilling; the breadcrumbs say the object's`, async () => {
      const t = new TmuxSession(`node ${bin} --demo; sleep 60`, width, height);
      try {
        await t.waitFor(/^pods {2}\(\d+\)/m);
        t.keys(':svc', 'Enter');
        await t.waitFor(/^services {2}\(\d+\)/m);
        t.keys('/^frontend$', 'Enter');
        await t.waitFor(/^services {2}\/\^frontend\$ {2}\(1 of \d+\)/m);
        t.keys('Enter');
        const drilled = await t.waitFor(/^services › service frontend › pods {2}\(3\) {2}· ns shop$/m);
        assert.match(drilled, /^ns all {2}/m);
        t.keys('Escape');
        const back = await t.waitFor(/^services {2}\/\^frontend\$/m);
        assert.match(back, /^ns all {2}/m);
        t.keys('0');
        await t.waitFor(/^ns all {2}/m);
      } finally {
        t.kill();
      }
    });

    test(`${width}x${height}: a breadcrumb trail too long for the line loses its start, never the count and namespace; containers sort`, async () => {
      const t = new TmuxSession(`node ${bin} --demo; sleep 60`, width, height);
      try {
        await t.waitFor(/^pods {2}\(\d+\)/m);
        t.keys(':deploy', 'Enter');
        await t.waitFor(/^deployments {2}\(\d+\)/m);
        t.keys('/^nginx-deploy$', 'Enter');
        await t.waitFor(/^deployments {2}\/\^nginx-deploy\$ {2}\(1 of \d+\)/m);
        t.keys('Enter');
        await t.waitFor(/› pods {2}\(3\) {2}· ns deploy-test$/m);
        t.keys('Enter');
        const line = (await t.waitFor(/› containers {2}\(2\) {2}· ns deploy-test$/m)).split('\n')[2];
        if (width >= 100) assert.match(line, /^deployments › deployment nginx-deploy › pods › pod nginx-deploy-\S+ › containers {2}\(2\) {2}· ns deploy-test$/);
        else assert.match(line, /^… › pods › pod nginx-deploy-\S+ › containers {2}\(2\) {2}· ns deploy-test$/);
        // A pod's containers are a table too: in the pod's order until sorted, then sorted and marked (issue 21 #15).
        assert.match(await t.waitFor(/^> nginx /m), /^ {2}NAME +READY[\s\S]*^> nginx [\s\S]*^ {2}nettool /m);
        t.keys('N');
        await t.waitFor(/^ {2}NAME↑ +READY[\s\S]*^> nettool [\s\S]*^ {2}nginx /m);
      } finally {
        t.kill();
      }
    });

    test(`${width}x${height}: the rollout view keeps READY, restarts and age, and the newest events in sight`, async () => {
      const t = new TmuxSession(`node ${bin} --demo -n deploy-test; sleep 60`, width, height);
      try {
        await t.waitFor(/^> nginx-deploy-/m);
        t.keys(':deploy', 'Enter');
        await t.waitFor(/^> nginx-deploy /m);
        t.keys('o');
        const view = await t.waitFor(/ROLLOUT {2}COMPLETE[\s\S]*EVENTS {2}\(newest first\)\n {4}\S+/);
        for (const l of view.split('\n').filter((x) => /^ {4}rev 1 {2}nginx-deploy-/.test(x))) assert.match(l, /^ {4}rev 1 {2}nginx-deploy-\S+ +2\/2 {2}0 restarts {2}\d+s {2}Running$/, l);
        assert.match(view, /^ {2}latest {4}\d+s +Normal /m);
        t.keys('r');
        await t.waitFor(/Restart deployment deploy-test\/nginx-deploy/);
        t.keys('y');
        // While it rolls, the newest event is on screen: the summary's and the first of the section.
        const rolling = await t.waitFor(/ROLLOUT {2}IN PROGRESS[\s\S]*^ {4}rev 2 {2}nginx-deploy-\S+ +\d\/2 {2}0 restarts {2}\d+s[\s\S]*EVENTS {2}\(newest first\)\n {4}\d+s +Normal /m);
        const latest = /^ {2}latest {4}(.*)$/m.exec(rolling)![1];
        const first = /EVENTS {2}\(newest first\)\n {4}(.*)$/m.exec(rolling)![1];
        assert.equal(latest.slice(0, 30), first.slice(0, 30));
        assert.ok(rolling.trimEnd().split('\n').length <= height - 1);
      } finally {
        t.kill();
      }
    });

    test(`${width}x${height}: a question too long for the line keeps its verb, object and context`, async () => {
      const t = new TmuxSession(`node ${bin} --demo; sleep 60`, width, height);
      try {
        await t.waitFor(/^pods {2}\(\d+\)/m);
        t.keys(':deploy', 'Enter');
        await t.waitFor(/^deployments {2}\(\d+\)/m);
        t.keys('/ingress-nginx', 'Enter');
        await t.waitFor(/^deployments {2}\/ingress-nginx {2}\(1 of \d+\)/m);
        t.keys('r');
        const asked = await t.waitFor(/^ Restart deployment .* in context kdrill-demo\?( |$)/m);
        const line = asked.split('\n').find((l) => l.startsWith(' Restart'))!;
        assert.ok(line.trimEnd().length <= width, line);
        // Whole where it fits (with its answers), cut before its context where it does not (the footer says the answers).
        if (width >= 100) assert.equal(line.trimEnd(), ' Restart deployment ingress-nginx/ingress-nginx-controller in context kdrill-demo?   y yes  n no');
        else assert.match(line, /^ Restart deployment ingress-nginx\/ingress-nginx-\S*… in context kdrill-demo\? ?$/);
        t.keys('n');
        await t.waitFor(/^deployments {2}\/ingress-nginx/m);
      } finally {
        t.kill();
      }
    });

    test(`${width}x${height}: a pane search typed longer than the line keeps its cursor and match count`, async () => {
      const t = new TmuxSession(`node ${bin} --demo -n deploy-test; echo "EXITED rc=$?"; sleep 60`, width, height);
      try {
        await t.waitFor(/^> nginx-deploy-/m);
        t.keys('l');
        await t.waitFor(/\[logs\].*nginx-deploy-\S+\/nginx/);
        t.keys('Tab');
        await t.waitFor(/▶ yaml describe events \[logs\]/);
        t.keys('/');
        await t.waitFor(/^search \/ *$/m);
        const typed = 'GET /index.html HTTP/1.1" 200 '.repeat(Math.ceil(width / 20));
        t.burst(typed);
        // Until kdrill has read the whole burst (a terminal may hand it over in pieces), the line shows a part of it
        // with its count: the wait is for the line that ends as the typed text does, its start given way to the count.
        const line = (await t.waitFor(/^search \/….*HTTP\/1\.1" 200 {2,}\d+ lines? match$/m)).split('\n').find((l) => l.startsWith('search /'))!;
        assert.ok(line.length <= width, line);
        assert.match(line, /^search \/….*HTTP\/1\.1" 200 {2,}\d+ lines? match$/);
        t.keys('C-u');
        t.burst('GET');
        await t.waitFor(/^search \/GET {3}[1-9]\d* lines? match$/m);
        t.keys('Escape', 'q');
        await t.waitFor(/EXITED rc=0/);
      } finally {
        t.kill();
      }
    });
  }
});
