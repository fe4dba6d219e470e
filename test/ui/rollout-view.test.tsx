import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { render } from 'ink-testing-library';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { Root } from '../../src/ui/root.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

// What the transport answers a write with under --readonly (the screen's own refusal reads differently).
const REFUSED = 'kdrill runs read-only (--readonly): it sends only get, list and watch requests';

describe('the rollout view and its guarded actions', () => {
  let c: TestCluster;
  let session: ClusterSession;
  let readonlySession: ClusterSession;
  before(async () => {
    c = await startCluster({ scenario: 'deploy-test', clock: 'manual', start: Date.now() - 60_000 });
    c.sim.advance(60_000);
    session = await ClusterSession.open(c.kc, { flushMs: 5 });
    // Its access reviews (POSTs) run after open: done before the readonly tests count what is sent.
    await session.reviewed;
    session.watchRelations();
    readonlySession = await ClusterSession.open(c.kc, { flushMs: 5 }, true);
    readonlySession.watchRelations();
  });
  after(async () => {
    await session.stop();
    await readonlySession.stop();
    await c.stop();
  });

  function app(s = session, readonly = false) {
    const r = render(<Root first={s} open={async () => s} contexts={['kdrill-sim']} version="9.9.9" namespace="deploy-test" allNamespaces={false} readonly={readonly} color={false} onSession={() => {}} />);
    const frame = () => r.lastFrame() ?? '';
    const until = (what: string, pattern: RegExp) => waitFor(what, () => pattern.test(frame()) && frame(), 5_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    const type = (t: string) => r.stdin.write(t);
    /** Opens nginx-deploy's rollout view from the deployments table. */
    const openRollout = async () => {
      type(':');
      type('deploy\r');
      await until('the deployment', /^> nginx-deploy/m);
      type('o');
      return until('the rollout view', /deployment nginx-deploy › rollout[\s\S]*ROLLOUT/);
    };
    /** Moves simulated time a second at a time, each step waiting for the screen to show it, until `pattern` shows. */
    const stepUntil = async (pattern: RegExp, maxSteps: number) => {
      for (let i = 0; i < maxSteps && !pattern.test(frame()); i++) {
        const before = frame();
        c.sim.advance(1_000);
        await waitFor('the step on screen', () => pattern.test(frame()) || frame() !== before, 500).catch(() => undefined);
      }
    };
    return { r, frame, until, type, openRollout, stepUntil };
  }

  test('on a pod, o shows its node (as k9s) and :rollout opens the rollout of its deployment', async () => {
    const { r, until, type } = app();
    try {
      // The pod under the cursor is whichever sorts first; its node is the one its row names.
      const pods = await until('the pods', /^> nginx-deploy-.* (sim-node-\d+)\s*$/m);
      const node = /^> nginx-deploy-.* (sim-node-\d+)\s*$/m.exec(pods as string)![1];
      type('o');
      await until('its node', new RegExp(`› node ${node} {2}\\(1\\)[\\s\\S]*^> ${node} `, 'm'));
      type('\u001b');
      await until('the pods again', /^> nginx-deploy-/m);
      type(':');
      type('rollout\r');
      await until('the rollout view', /deployment nginx-deploy › rollout[\s\S]*ROLLOUT/);
    } finally {
      r.unmount();
    }
  });

  test('o opens the rollout; r asks first, n cancels, y restarts; the new revision rolls out live to the end', async () => {
    const { r, until, type, frame, openRollout, stepUntil } = app();
    try {
      const view = await openRollout();
      assert.match(view, /ROLLOUT {2}COMPLETE/);
      assert.match(view, /RollingUpdate \(max surge 1, max unavailable 1\)/);
      assert.match(view, /status {4}deployment "nginx-deploy" successfully rolled out/);
      assert.match(view, /rev 1 +new +█+ +desired 3 · current 3 · ready 3 · available 3/);
      type('r');
      await until('the question', /Restart deployment deploy-test\/nginx-deploy in context kdrill-sim\? {2,}y yes {2}n no/);
      type('n');
      await waitFor('the question to go', () => !frame().includes('Restart deployment'));
      const before = c.sim.http.requests.filter((q) => q.verb === 'patch').length;
      assert.equal(before, 0, 'cancelled: nothing sent');
      type('r');
      await until('the question again', /Restart deployment/);
      type('y');
      await until('the restart reported', /restarted deployment nginx-deploy/);
      assert.equal(c.sim.http.requests.filter((q) => q.verb === 'patch').length, 1);
      await until('a rollout in progress', /ROLLOUT {2}IN PROGRESS/);
      await stepUntil(/rev 2 +new +█{10}/, 60);
      const done = await until('the rollout complete', /ROLLOUT {2}COMPLETE[\s\S]*rev 2 +new +█{10} +desired 3/);
      assert.match(done, /rev 1 +old +░{10} +desired 0/);
      assert.match(done, /revision {2}2 .*finished \S+ ago, after \S+/);
    } finally {
      r.unmount();
    }
  });

  test('s asks for a number and then to confirm; U on a revision undoes to it', async () => {
    const { r, until, type, frame, openRollout, stepUntil } = app();
    try {
      await openRollout();
      type('s');
      await until('the replicas prompt', /scale deployment nginx-deploy to replicas: 3/);
      type('\u007f');
      type('x');
      type('4');
      await until('digits only', /to replicas: 4/);
      type('\r');
      await until('the question', /Scale deployment deploy-test\/nginx-deploy to 4 replicas in context kdrill-sim\?/);
      type('y');
      await until('scaled', /scaled deployment nginx-deploy to 4/);
      await stepUntil(/desired 4 · current 4 · ready 4/, 30);
      await until('four replicas', /desired 4 · current 4 · ready 4/);
      // The history rows (events, now above them, say "Created container" and "Created pod").
      type('/created \\S+ ago');
      type('\r');
      await until('the history rows', /^> +1 +nginx:1\.14\.1/m);
      type('U');
      // At 100 columns the question is cut before its context, which stays (the ReplicaSet's hash is what goes).
      await until('the undo question', /Undo deployment deploy-test\/nginx-deploy to revision 1 \(nginx-deploy-\w+… in context kdrill-sim\?/);
      type('y');
      await until('rolled back', /rolled back deployment nginx-deploy to revision 1/);
      const d = c.sim.store.get('deployments.apps', 'deploy-test', 'nginx-deploy')!;
      assert.equal(d.spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'], undefined, 'the template of revision 1 is back');
    } finally {
      r.unmount();
    }
  });

  test('a StatefulSet\'s rollout lists its ControllerRevisions as history; U undoes to the previous one as kubectl rollout undo does', async () => {
    const { r, until, type } = app();
    const sts = c.sim.registry.get('statefulsets.apps')!;
    const labels = { app: 'db' };
    c.sim.api.create(sts, 'deploy-test', {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'deploy-test' },
      spec: { replicas: 1, serviceName: 'db', selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'pg', image: 'postgres:16.1' }] } } },
    });
    c.sim.advance(30_000);
    c.sim.api.patch(sts, 'deploy-test', 'db', 'application/strategic-merge-patch+json', { metadata: { annotations: { 'kubernetes.io/change-cause': 'pg 16.2' } }, spec: { template: { spec: { containers: [{ name: 'pg', image: 'postgres:16.2' }] } } } });
    c.sim.advance(60_000);
    try {
      type(':');
      type('sts\r');
      await until('the statefulset', /^> db /m);
      type('o');
      // The history is the last section (events come first): once its two revisions are in (20
      // lines), G brings them on screen.
      await until('the rollout with its history', /› rollout {2}\(20\)/);
      type('G');
      const view = await until('the history', /HISTORY {2}\(ControllerRevisions[\s\S]*^[> ] +2 +current +postgres:16\.2 +created \S+ ago {2}pg 16\.2$/m);
      assert.match(view, /^[> ] +1 {13}postgres:16\.1 +created \S+ ago {2}<none>$/m);
      // G left the cursor on revision 2 (the current one): k moves to revision 1, U undoes to it.
      type('k');
      type('U');
      await until('the undo question', /Undo statefulset deploy-test\/db to revision 1 \(db-\w+\) in context kdrill-sim\?/);
      type('y');
      await until('rolled back', /rolled back statefulset db to revision 1/);
      c.sim.advance(60_000);
      // As after kubectl rollout undo: revision 1's template is back, as revision 3.
      await until('revision 3 current', /^[> ] +3 +current +postgres:16\.1 /m);
      assert.equal(c.sim.store.get('statefulsets.apps', 'deploy-test', 'db')!.spec.template.spec.containers[0].image, 'postgres:16.1');
    } finally {
      r.unmount();
      c.sim.api.delete(sts, 'deploy-test', 'db', {});
      c.sim.advance(1_000);
    }
  });

  test('--readonly: the screen refuses writes with a message, without asking', async () => {
    const { r, until, type } = app(readonlySession, true);
    try {
      type(':');
      type('deploy\r');
      await until('the deployment', /^> nginx-deploy/m);
      const mark = c.sim.http.requests.length;
      type('r');
      await until('the refusal', /read-only mode \(--readonly\): kdrill makes no changes/);
      assert.deepEqual(c.sim.http.requests.slice(mark).filter((q) => q.method !== 'GET'), []);
    } finally {
      r.unmount();
    }
  });

  test('--readonly with the screen\'s refusal off: only the transport stands between keys and the cluster, and no key sequence sends anything but get, list and watch', async () => {
    // The seam: the screen's refusal is Root's `readonly`, the transport's is the session's; the CLI sets both
    // from the one --readonly flag. Here the screen asks and confirms as if it could write.
    const { r, until, type } = app(readonlySession, false);
    const sentByClient: string[] = [];
    const onRequest = (method: string, path: string) => sentByClient.push(`${method} ${path}`);
    readonlySession.transport.onRequest.add(onRequest);
    try {
      type(':');
      type('deploy\r');
      await until('the deployment', /^> nginx-deploy/m);
      type('r');
      await until('the question', /Restart deployment deploy-test\/nginx-deploy in context kdrill-sim\?/);
      type('y');
      await until('the transport refusing it', /kdrill runs read-only \(--readonly\): it sends only get, list and watch requests/);
      // Single keys, and the gestures that write (each answered yes), so that most runs try to write.
      const key = fc.constantFrom('r', 's', 'p', 'P', 'U', 'R', 'o', 'y', '\r', 'j', 'k', '\u0004', '\u000b', '5', 'G', 'g', '\u001b', 't');
      const gesture = fc.constantFrom(['r', 'y'], ['P', 'y'], ['U', 'y'], ['\u0004', 'y'], ['\u0004', 'p', 'y'], ['s', '5', '\r', 'y'], ['\u001b', '\u001b', '\r', '\u0004', 'y'], ['\u001b', '\u001b', '\r', '\u000b', 'y']);
      let run = 0;
      let refusedRuns = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.oneof(key.map((k) => [k]), gesture), { minLength: 1, maxLength: 8 }), async (chunks) => {
          const id = ++run;
          const mark = c.sim.http.requests.length;
          const sentMark = sentByClient.length;
          const framesMark = r.frames.length;
          for (const k of chunks.flat()) {
            type(k);
            await new Promise((res) => setImmediate(res));
          }
          // A request sent after every key has been handled (a write starts in the key's handler): once
          // the server has logged it, what the keys sent before it is in the log too.
          await new Promise((res) => setImmediate(res));
          await readonlySession.transport.json({ path: '/version', query: { 'after-keys': id } });
          await waitFor('the probe in the request log', () => c.sim.http.requests.slice(mark).some((q) => q.path === '/version' && q.query === `?after-keys=${id}`), 5_000);
          const logged = c.sim.http.requests.slice(mark);
          const notRead = logged.filter((q) => q.method !== 'GET' || !['get', 'list', 'watch'].includes(q.verb) || /\/(exec|attach|portforward|proxy)(\/|$)/.test(q.path));
          assert.deepEqual(notRead, [], `keys ${JSON.stringify(chunks.flat())}`);
          assert.deepEqual(sentByClient.slice(sentMark).filter((q) => !q.startsWith('GET ')), [], `keys ${JSON.stringify(chunks.flat())}`);
          if (r.frames.slice(framesMark).some((f) => f.includes(REFUSED))) refusedRuns++;
        }),
        { numRuns: 40, includeErrorInReport: true },
      );
      assert.ok(refusedRuns > 0, 'the runs tried to write, and the transport refused');
    } finally {
      readonlySession.transport.onRequest.delete(onRequest);
      r.unmount();
    }
  });
});
