// The explorer under faults: the API server goes away and comes back, watches are cut and
// their history compacted (410 storms). The screen keeps answering keys, says what it is
// waiting for, and converges to what the server holds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { render } from 'ink-testing-library';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { Root } from '../../src/ui/root.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

describe('the explorer under faults', () => {
  let c: TestCluster;
  let session: ClusterSession;
  before(async () => {
    c = await startCluster({ scenario: 'deploy-test', clock: 'manual', start: Date.now() - 60_000 });
    c.sim.advance(60_000);
    session = await ClusterSession.open(c.kc, { flushMs: 5, backoffInitialMs: 50, backoffMaxMs: 200 });
    session.watchRelations();
  });
  after(async () => {
    await session.stop();
    await c.stop();
  });

  test('an outage, cut watches and a 410 storm: keys answered throughout, the state shown, the truth on screen after', async () => {
    const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace="deploy-test" allNamespaces={false} readonly={false} color={false} onSession={() => {}} />);
    const frame = () => r.lastFrame() ?? '';
    const until = (what: string, pattern: RegExp, ms = 10_000) => waitFor(what, () => pattern.test(frame()) && frame(), ms).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    const cursorRow = () => frame().split('\n').findIndex((l) => l.startsWith('> '));
    let outage: { up(): Promise<void> } | undefined;
    try {
      await until('the pods', /^pods {2}\(3\)/m);
      await until('in sync', /watching \d+ kinds, in sync/);
      // The server goes away; while it is down the screen says so and still moves its cursor.
      // It stays down until these are seen: an outage of fixed length could end before a loaded machine looks.
      outage = c.sim.faults.down();
      await until('reconnecting shown', /reconnecting in \d+s/);
      const before = cursorRow();
      r.stdin.write('j');
      await waitFor('the cursor to move while the server is down', () => cursorRow() === before + 1);
      // What changes on the server meanwhile is on screen once it is back.
      c.sim.api.patch(c.sim.registry.get('deployments.apps')!, 'deploy-test', 'nginx-deploy', 'application/merge-patch+json', { spec: { replicas: 5 } });
      c.sim.advance(30_000);
      await outage.up();
      await until('five pods after the outage', /^pods {2}\(5\)/m);
      await until('in sync again', /watching \d+ kinds, in sync/);
      // Watches cut and history compacted: every resume is 410 Gone, so the caches relist; a pod
      // deleted meanwhile must disappear (no ghost), a scale-down must show.
      c.sim.faults.compact();
      c.sim.faults.resetWatches();
      c.sim.api.patch(c.sim.registry.get('deployments.apps')!, 'deploy-test', 'nginx-deploy', 'application/merge-patch+json', { spec: { replicas: 2 } });
      c.sim.advance(60_000);
      await until('two pods after the relist', /^pods {2}\(2\)/m);
      const names = frame().split('\n').filter((l) => /^[> ] nginx-deploy-/.test(l)).map((l) => l.slice(2).split(/\s+/)[0]).sort();
      const truth = c.sim.store.list('pods').filter((p) => p.metadata?.namespace === 'deploy-test' && !p.metadata?.deletionTimestamp).map((p) => p.metadata!.name!).sort();
      assert.deepEqual(names, truth, 'the screen shows exactly what the server holds');
    } finally {
      r.unmount();
      // Back up whatever failed, for the next test.
      await outage?.up();
    }
  });

  test('a followed log says it is reconnecting during an outage and goes on after it, without repeating lines', async () => {
    const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace="deploy-test" allNamespaces={false} readonly={false} color={false} onSession={() => {}} />);
    const frame = () => r.lastFrame() ?? '';
    const until = (what: string, pattern: RegExp, ms = 10_000) => waitFor(what, () => pattern.test(frame()) && frame(), ms).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    let outage: { up(): Promise<void> } | undefined;
    try {
      await until('the pods', /^> nginx-deploy-/m);
      r.stdin.write('l');
      await until('the log', /\[logs\] +nginx-deploy-\w+-\w+\/nginx/);
      // Down until the pane has said so: a reconnect after a fixed-length outage would find the server back.
      outage = c.sim.faults.down();
      c.sim.advance(5_000);
      await until('the pane says so', /-- reconnecting: connect ECONNREFUSED/);
      await outage.up();
      c.sim.advance(5_000);
      await waitFor('lines after the outage, and no reconnecting note', () => !frame().includes('-- reconnecting') && /\d+-\d+\/\d+/.test(frame()), 10_000);
      const lines = frame().split('\n').filter((l) => / - - \[/.test(l));
      assert.equal(new Set(lines).size, lines.length, 'no line shown twice');
    } finally {
      r.unmount();
      await outage?.up();
    }
  });
});
