import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { Root } from '../../src/ui/root.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

describe('the explorer, rendered with ink-testing-library', () => {
  let c: TestCluster;
  let session: ClusterSession;
  before(async () => {
    // The simulated clock starts a minute back, so that after a minute of cluster life it is now.
    c = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 60_000 });
    c.sim.advance(60_000);
    session = await ClusterSession.open(c.kc, { flushMs: 5 });
    session.watchRelations();
  });
  after(async () => {
    await session.stop();
    await c.stop();
  });

  /** Renders the explorer in a namespace, or in all namespaces with null. */
  function app(namespace: string | null = 'deploy-test') {
    const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace={namespace ?? undefined} allNamespaces={namespace === null} readonly={false} color={false} onSession={() => {}} />);
    const frame = () => r.lastFrame() ?? '';
    const until = (what: string, pattern: RegExp) => waitFor(what, () => pattern.test(frame()) && frame(), 5_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    const type = (text: string) => r.stdin.write(text);
    return { r, frame, until, type };
  }

  test('a live table of pods with kubectl columns; j/k move the cursor; q is bound', async () => {
    const { r, until, type, frame } = app();
    try {
      const f = await until('the pods of deploy-test', /^pods {2}\(3\)/m);
      assert.match(f, /NAME↑\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
      assert.match(f, /nginx-deploy-\w+-\w{5}\s+2\/2\s+Running\s+0\s+\S+\s+10\.244\./);
      assert.match(f, /^kdrill 9\.9\.9 {2}ctx kdrill-sim/m);
      await until('every cache in sync', /^ns deploy-test {2}watching \d+ kinds, in sync/m);
      type('j');
      type('?');
      await until('help', /Keys \(escape or \? to close/);
      // Every binding is in the help, scrolling down (j) to it when the page is too short.
      for (let top = 1; !/J\s+jump to owner/.test(frame()) && top < 40; top++) {
        type('j');
        await until(`the help from line ${top + 1}`, new RegExp(`j/k scroll, ${top + 1}-`));
      }
      assert.match(frame(), /J\s+jump to owner/);
      // The help is longer than the terminal: it scrolls.
      type('G');
      await until('the end of the help', /j, down\s+down/);
    } finally {
      r.unmount();
    }
  });

  test('the sorted column shows its direction in the header (issue 21 #15)', async () => {
    const { r, until, type } = app();
    try {
      await until('by name, ascending', /^ {2}NAME↑ +READY +STATUS +RESTARTS +AGE +IP/m);
      type('A');
      await until('by age', /^ {2}NAME +READY +STATUS +RESTARTS +AGE↑ +IP/m);
      type('A');
      await until('by age, reversed', /^ {2}NAME +READY +STATUS +RESTARTS +AGE↓ +IP/m);
      type('N');
      await until('by name again', /^ {2}NAME↑ +READY +STATUS +RESTARTS +AGE +IP/m);
      // Shift-S is status and Shift-R ready, as their help says, whichever stands first.
      type('S');
      await until('by status', /^ {2}NAME +READY +STATUS↑ +RESTARTS +AGE +IP/m);
      type('R');
      await until('by ready', /^ {2}NAME +READY↑ +STATUS +RESTARTS +AGE +IP/m);
    } finally {
      r.unmount();
    }
  });

  test('filter: regex with a match count, -l selectors, ! to invert, bad input shown and the previous filter kept', async () => {
    const { r, until, type } = app(null);
    try {
      await until('all pods', /^pods {2}\(\d+\)/m);
      type('/');
      type('^nginx-d');
      await until('3 matches', /^\/\^nginx-d\s+3\/\d+ match/m);
      type('(');
      await until('the regex error', /^\/\^nginx-d\(\s+bad regular expression/m);
      await until('the previous filter still applied', /^pods {2}\/\^nginx-d {2}\(3 of \d+\)/m);
      type('\u007f'.repeat(9));
      type('-l app=ledger-worker');
      await until('one ledger pod', /^\/-l app=ledger-worker\s+1\/\d+ match/m);
      type('\r');
      await until('the filter kept after enter', /^pods {2}\/-l app=ledger-worker {2}\(1 of \d+\)/m);
      type('/');
      type('\u007f'.repeat(30));
      type('!Running');
      const f = await until('the non-running pods', /^\/!Running\s+\d+\/\d+ match/m);
      assert.match(f, /cart-[\w…-]+\s+0\/1\s+(ErrImagePull|ImagePullBackOff)/);
      type('\u001b');
      await until('no filter after escape', /^pods {2}\(\d+\)\s*$/m);
    } finally {
      r.unmount();
    }
  });

  test('command mode: kinds by short name with a namespace, completion, history, unknown kinds', async () => {
    const { r, until, type, frame } = app();
    try {
      await until('pods', /^pods {2}\(3\)/m);
      type(':');
      type('svc shop\r');
      await until('services of shop', /^services {2}\(\d+\)/m);
      type(':');
      type('nope\r');
      await until('the error', /^:nope\s+unknown resource "nope"/m);
      type('\u007f'.repeat(4));
      type('depl\t');
      await until('completed to the longest common prefix', /^:deploy\s/m);
      type('ments\t');
      await until('completed', /^:deployments\s*$/m);
      type('\r');
      // `:svc shop` moved the view to shop; the next kind opens there too.
      await until('deployments of the current namespace', /^ns shop[\s\S]*^deployments {2}\(4\)/m);
      type(':');
      type('\u001b[A');
      await until('the last command from history', /^:deployments/m);
      type('\u001b');
      await waitFor('the prompt to close', () => !/^:/m.test(frame()));
      type(':');
      type('ing all\r');
      await until('ingresses with their kubectl columns', /^\s+NAMESPACE\s+NAME↑\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE/m);
    } finally {
      r.unmount();
    }
  });

  test('drill down from a deployment to pods to containers, then back with the cursor where it was', async () => {
    const { r, until, type, frame } = app(null);
    try {
      type(':');
      type('deploy\r');
      await until('deployments', /^deployments {2}\(12\)/m);
      type('/');
      type('^nginx-deploy$\r');
      await until('one deployment', /^deployments {2}\/\^nginx-deploy\$ {2}\(1 of 12\)/m);
      type('\r');
      await until('its pods', /deployment nginx-deploy › pods {2}\(3\) {2}· ns deploy-test$/m);
      type('G');
      type('\r');
      const containers = await until('the containers', /› containers {2}\(2\)/);
      assert.match(containers, /nginx\s+true\s+Running\s+0\s+\S+\s+nginx:1\.14\.1\s/);
      assert.match(containers, /nettool\s+true\s+Running\s+0\s+\S+\s+praqma\/network-multitool/);
      type('y');
      await until('the YAML pane', /\[yaml\] describe events logs/);
      assert.match(frame(), /kind: Pod/);
      // Focus shows in text too, for --no-color (issue 21 #13): the focused pane's title starts with ▶.
      assert.match(frame(), /^ {2}\[yaml\] describe events logs/m);
      type('\t');
      await until('the pane focused', /^▶ \[yaml\] describe events logs/m);
      type('\t');
      await until('the table focused again', /^ {2}\[yaml\] describe events logs/m);
      type('E');
      // The pane opens saying the events are loading (they are read where a pane shows them): wait for them.
      await until('the events pane with the pod\'s events', /\[events\][\s\S]*Normal\s+Scheduled/);
      type('\u001b');
      await waitFor('the pane to close', () => !frame().includes('[events]'));
      type('\u001b');
      const pods = await until('back to the pods', /› pods {2}\(3\)/);
      assert.doesNotMatch(pods, /containers/);
      type('J');
      await until('the owner replicaset', /replicaset nginx-deploy-\w+ {2}\(1\)/);
    } finally {
      r.unmount();
    }
  });

  test('sorting by age and by name; a namespace drill switches the namespace', async () => {
    const { r, until, type, frame } = app(null);
    try {
      type(':');
      type('ns\r');
      await until('the namespace picker', /namespaces \(enter to choose, escape to close\)/);
      type('\u001b');
      await waitFor('the picker to close', () => !frame().includes('enter to choose'));
      type(':');
      type('namespaces\r');
      await until('the namespaces table', /^namespaces {2}\(\d+\)/m);
      const names = () => frame().split('\n').filter((l) => /Active/.test(l)).map((l) => l.replace(/^[> ] /, '').split(/\s+/)[0]);
      await waitFor('the namespaces listed', () => names().length > 3);
      type('A');
      await waitFor('sorted by age', () => names().length > 3);
      const byAge = names();
      type('N');
      await waitFor('sorted by name', () => names().join() === [...names()].sort().join());
      assert.ok(byAge.length > 3);
      type('g');
      type('\r');
      await until('the pods of the first namespace', /^ns credit-risk-admin-test-id/m);
    } finally {
      r.unmount();
    }
  });
  test('routes: who routes to a service, its route traced live, an Ingress opens its hosts, :trace names a broken link', async () => {
    const { r, until, type, frame } = app('shop');
    try {
      type(':');
      type('svc\r');
      await until('the services of shop', /^services {2}\(\d+\)/m);
      type('/^frontend$');
      type('\r');
      await until('frontend selected', /^> frontend/m);
      type('r');
      // Three Ingress paths and two Gateway routes (the demo's store and legacy HTTPRoutes) reach frontend.
      const to = await until('the routes to frontend', /^services › routes to service frontend {2}\(5\)/m);
      assert.match(to, /store\.gw\.example\.com\s+\/\s+PathPrefix\s+httproute\/store\s+shop\s+frontend\s+80/);
      assert.match(to, /HOST↑\s+PATH\s+PATHTYPE\s+INGRESS\s+NAMESPACE\s+SERVICE\s+PORT/);
      assert.match(to, /\*\.shop\.example\.com\s+\/\s+Prefix\s+shop-tenants/);
      type('/^www');
      type('\r');
      await until('www selected', /^> www\.shop\.example\.com/m);
      type('\r');
      const route = await until('the www route', /route www\.shop\.example\.com\/ {2}\(\d+\)/);
      assert.match(route, /ROUTE {2}HEALTHY/);
      assert.match(route, /info: shop\/shop-tenants also matches through a wildcard rule/);
      assert.match(route, /service frontend:http \(80 → http\)/);
      type('\u001b');
      await until('back to the routes', /› routes to service frontend {2}\/\^www/m);
      type(':');
      type('ing\r');
      await until('the ingresses', /^ingresses {2}\(3\)/m);
      type('/^shop$');
      type('\r');
      await until('shop selected', /^> shop {2}/m);
      type('\r');
      const hosts = await until('the hosts of ingress shop', /› ingress shop › hosts {2}\(3\)/m);
      assert.match(hosts, /api\.shop\.example\.com\s+\/search,\/catalog\s+shop\s+shop\s+\S+\s+broken/);
      type(':');
      type('trace legacy.shop.example.com/\r');
      const legacy = await until('the legacy route', /route legacy\.shop\.example\.com\//);
      assert.match(legacy, /ROUTE {2}BROKEN/);
      assert.match(legacy, /error: Service shop\/legacy-web does not exist/);
      type(':');
      type('trace not a host\r');
      await until('the error', /too many words|is not a host/);
      assert.ok(frame().length > 0);
    } finally {
      r.unmount();
    }
  });
  test('the events pane follows a repeated event: its count goes up on screen', async () => {
    const { r, until, type } = app('payments');
    try {
      await until('the pods of payments', /^pods {2}\(\d+\)/m);
      type('/ledger');
      type('\r');
      await until('the ledger pod', /^> ledger-worker/m);
      type('E');
      await until('a repeated BackOff event', /BackOff +\S+ \(x\d+ over/);
      // Only the event changes (not the pod): the pane must still follow it.
      const events = c.sim.registry.get('events')!;
      const backoff = c.sim.store.list('events').find((e) => e.reason === 'BackOff' && e.involvedObject?.name?.startsWith('ledger-worker'))!;
      c.sim.api.patch(events, 'payments', backoff.metadata!.name!, 'application/merge-patch+json', { count: 977 });
      await until('the new count', /BackOff +\S+ \(x977 over/);
    } finally {
      r.unmount();
    }
  });
  test('d describes the object under the cursor as kubectl does, live', async () => {
    const { r, until, type } = app('deploy-test');
    try {
      type(':');
      type('deploy\r');
      await until('the deployment', /^> nginx-deploy/m);
      type('d');
      const f = await until('the describe pane', /\[describe\]/);
      assert.match(f, /Replicas: +3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable/);
      type('\t');
      type('G');
      const end = await until('its last lines', /NewReplicaSet: +nginx-deploy-\w+ \(3\/3 replicas created\)/);
      assert.match(end, /Progressing +True +NewReplicaSetAvailable/);
    } finally {
      r.unmount();
    }
  });
  test('the pane: search with n/N, managedFields, a Secret decoded on request, wrap, save without overwriting, copy through OSC 52', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdrill-save-'));
    const cwd = process.cwd();
    process.chdir(dir);
    c.sim.api.create(c.sim.registry.get('secrets')!, 'deploy-test', { metadata: { name: 'db-pass' }, type: 'Opaque', data: { password: Buffer.from('hunter2').toString('base64') } });
    const { r, until, type, frame } = app('deploy-test');
    try {
      type(':');
      type('secrets\r');
      await until('the secret', /^> db-pass/m);
      // apiVersion and kind come first, so the data is at the bottom of the pane: focus it and go there.
      type('y');
      type('\t');
      type('G');
      await until('its YAML, values hidden', /password: <7 bytes>/);
      type('x');
      type('G');
      await until('decoded on request', /password: hunter2/);
      assert.match(frame(), /DECODED/);
      type('\u001b');
      await waitFor('the pane to close', () => !frame().includes('[yaml]'));
      type('y');
      type('\t');
      type('G');
      await until('hidden again once the pane is reopened', /password: <7 bytes>/);
      type('/');
      type('password\r');
      await until('the search', /\/password: 1 match/);
      type('m');
      await until('managedFields shown', /managedFields/);
      type('\u0013');
      await until('saved', /saved to .*secret-deploy-test-db-pass\.yaml/);
      type('\u0013');
      await until('saved again, without overwriting', /saved to \.\/secret-deploy-test-db-pass-1\.yaml \(secret-deploy-test-db-pass\.yaml exists: kept\)/);
      // A Secret is saved as the API returns it: base64, re-appliable.
      assert.match(readFileSync(join(dir, 'secret-deploy-test-db-pass.yaml'), 'utf8'), /^  password: aHVudGVyMg==$/m);
      type('c');
      await until('copied', /copied \d+ lines to the clipboard/);
      assert.ok(r.frames.some((f) => f.includes('\x1b]52;c;')), 'the OSC 52 sequence was written');
      type('w');
      await until('wrap on', /\[.*wrap.*\]/);
    } finally {
      r.unmount();
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test('logs: all containers of a pod merged, since presets, JSON compact, only the matching lines', async () => {
    const { r, until, type, frame } = app('deploy-test');
    try {
      await until('the pods', /^> nginx-deploy-/m);
      type('l');
      await until('the logs', /\[logs\] +nginx-deploy-\w+-\w+\/nginx/);
      type('\t');
      type('a');
      await until('both containers', /all containers/);
      await until('lines of each', /^nginx │ [\s\S]*|^nettool │ /m);
      type('2');
      await until('since 1m', /since 1m/);
      await waitFor('a request from a minute back', () => c.sim.http.requests.some((q) => q.path.endsWith('/log') && q.query.includes('sinceSeconds=60')), 5_000);
      type('/');
      type('nettool\r');
      type('F');
      const logLines = () => frame().split('\n').filter((l) => l.includes(' │ '));
      await waitFor('only the matching lines', () => logLines().length >= 3 && logLines().every((l) => /nettool/i.test(l)), 5_000);
    } finally {
      r.unmount();
    }
  });
  test('events: W keeps the warnings, Enter jumps to the object, a workload\'s pane merges its pods\' events', async () => {
    const { r, until, type, frame } = app('payments');
    try {
      type(':');
      type('ev\r');
      await until('the events', /^events {2}\(\d+\)/m);
      type('W');
      await until('warnings only', /^events {2}\/\^Warning\$ {2}\(\d+ of \d+\)/m);
      const rows = () => frame().split('\n').filter((l) => /^[> ] /.test(l) && !/LAST SEEN/.test(l));
      assert.ok(rows().length > 0 && rows().every((l) => /\bWarning\b/.test(l)), frame());
      // The prompt opens on the current filter (^Warning$, nine characters): erased, then BackOff.
      type('/' + '\u007f'.repeat(9) + 'BackOff\r');
      await until('the BackOff filter', /^events {2}\/BackOff {2}\(\d+ of \d+\)/m);
      await until('a back-off warning', /^> .*BackOff/m);
      type('\r');
      await until('its pod', /› pod ledger-worker-\w+-\w+ {2}\(1\)/);
      type(':');
      type('deploy\r');
      await until('the deployments', /^deployments {2}\(\d+\)/m);
      type('/ledger\r');
      await until('ledger-worker', /^> ledger-worker/m);
      type('E');
      await until('its pods\' events in its pane', /\[events\][\s\S]*pod\/ledger-worker-\w+-\w+: /);
    } finally {
      r.unmount();
    }
  });
});
