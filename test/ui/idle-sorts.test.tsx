// Idle work: while nothing happens, the table makes the order of each of its columns in small
// steps, so that the first sort by a column is a lookup; a key or new data stops the work.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import type { ClusterSession as Session } from '../../src/kube/cluster-session.js';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { sortCounts } from '../../src/model/view/table-memo.js';
import { rowBuilds } from '../../src/model/view/table-rows.js';
import { idleWork, useIdleWork } from '../../src/ui/hooks/use-idle-work.js';
import { Root } from '../../src/ui/root.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

// A step of about 2 ms of work: more than a slice, so each slice is one step.
const busy = () => {
  const until = performance.now() + 2;
  while (performance.now() < until);
};

function Probe({ n, log, steps = 6 }: { n: number; log: string[]; steps?: number }) {
  useIdleWork(
    function* () {
      for (let i = 0; i < steps; i++) {
        // Something the event loop has to do meanwhile (a key, a batch): it runs between two slices.
        if (i === 0) setImmediate(() => log.push('other'));
        busy();
        log.push(`${n}:${i}`);
        yield;
      }
      log.push(`${n}:done`);
    },
    [n],
    5,
  );
  return <Text>{n}</Text>;
}

test('idle work runs in slices with the event loop free between them, and a change stops what is left', async () => {
  const log: string[] = [];
  const r = render(<Probe n={1} log={log} />);
  try {
    await waitFor('all the steps', () => log.includes('1:done'), 5_000);
    assert.ok(log.indexOf('other') < log.indexOf('1:done'), log.join(' '));
    assert.ok(log.indexOf('other') > 0, log.join(' '));
    // A change of its inputs after two steps: the rest of the old work never runs, the new work does.
    log.length = 0;
    r.rerender(<Probe n={2} log={log} steps={50} />);
    await waitFor('two steps', () => log.length >= 2, 5_000);
    // Longer than what is left of the old work: were the old not stopped, it would finish first.
    r.rerender(<Probe n={3} log={log} steps={60} />);
    await waitFor('the new work done', () => log.includes('3:done'), 5_000);
    assert.ok(!log.includes('2:done'), log.join(' '));
    assert.ok(log.filter((l) => l.startsWith('2:')).length < 50, log.join(' '));
  } finally {
    r.unmount();
  }
});

describe('a table after a pause (the generated large cluster, 600 pods)', () => {
  let c: TestCluster;
  let session: Session;
  before(async () => {
    c = await startCluster({ scenario: 'large', scale: 0.02 });
    session = await ClusterSession.open(c.kc, { flushMs: 5 });
  });
  after(async () => {
    await session.stop();
    await c.stop();
  });

  test('has the order of every column made: the first sort by AGE or RESTARTS sorts nothing', async () => {
    const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace={undefined} allNamespaces readonly={false} color={false} onSession={() => {}} />);
    const frame = () => r.lastFrame() ?? '';
    try {
      const start = sortCounts.full + sortCounts.patched;
      const columns = () => /^ {2}(NAMESPACE .*)$/m.exec(frame())?.[1].trim().split(/\s+/) ?? [];
      // The name order of the first frame, then each other column's while nothing happens.
      await waitFor('all 600 pods in sync, every column sorted, no idle work left', () => /in sync[\s\S]*pods\s+\(600\)/.test(frame()) && sortCounts.full + sortCounts.patched >= start + columns().length && idleWork.pending === 0, 10_000);
      assert.ok(columns().includes('AGE') && columns().includes('RESTARTS'), frame());
      const made = sortCounts.full + sortCounts.patched;
      r.stdin.write('A');
      await waitFor('sorted by age', () => /AGE↑/.test(frame()), 5_000);
      r.stdin.write('T');
      await waitFor('sorted by restarts', () => /RESTARTS↑/.test(frame()), 5_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
      assert.equal(sortCounts.full + sortCounts.patched, made, 'sorts made by the keys');
    } finally {
      r.unmount();
    }
  });

  test('after a watch batch idle time patches each column\'s order from its last, sorting none again: the first sort by AGE then sorts nothing', async () => {
    const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace={undefined} allNamespaces readonly={false} color={false} onSession={() => {}} />);
    const frame = () => r.lastFrame() ?? '';
    const columns = () => /^ {2}(NAMESPACE .*)$/m.exec(frame())?.[1].trim().split(/\s+/) ?? [];
    try {
      await waitFor('all 600 pods in sync, no idle work left', () => /in sync[\s\S]*pods\s+\(600\)/.test(frame()) && idleWork.pending === 0, 10_000);
      const [ns, name] = /^> (\S+) +(\S+) /m.exec(frame())!.slice(1);
      const [full, patched] = [sortCounts.full, sortCounts.patched];
      // A batch of one: a pod's restart count moves (its RESTARTS key changes, every other key stays).
      const pod = c.sim.store.get('pods', ns, name)!;
      const statuses = pod.status.containerStatuses.map((s: { restartCount: number }) => ({ ...s, restartCount: s.restartCount + 1 }));
      c.sim.api.update(c.sim.registry.get('pods')!, ns, name, { ...pod, status: { ...pod.status, containerStatuses: statuses } }, 'status');
      await waitFor('the batch on screen, its idle work done', () => sortCounts.patched > patched && idleWork.pending === 0, 10_000);
      assert.deepEqual([sortCounts.full - full, sortCounts.patched - patched], [0, columns().filter((h) => !/^(CPU|MEM|%)/.test(h)).length], 'sorted from scratch, patched (each column but usage, whose poll has not come)');
      const made = sortCounts.full + sortCounts.patched;
      r.stdin.write('A');
      await waitFor('sorted by age', () => /AGE↑/.test(frame()), 5_000);
      assert.equal(sortCounts.full + sortCounts.patched, made, 'sorts made by the key');
    } finally {
      r.unmount();
    }
  });

  test('idle time on the pods makes the deployments view: the first :deploy builds and sorts no row', async () => {
    const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace={undefined} allNamespaces readonly={false} color={false} onSession={() => {}} />);
    const frame = () => r.lastFrame() ?? '';
    const work = () => [rowBuilds.count, rowBuilds.picked, sortCounts.full, sortCounts.patched];
    try {
      await waitFor('all 600 pods in sync, no idle work left', () => /in sync[\s\S]*pods\s+\(600\)/.test(frame()) && idleWork.pending === 0, 10_000);
      const before = work();
      for (const ch of ':deploy') {
        r.stdin.write(ch);
        await new Promise((res) => setImmediate(res));
      }
      r.stdin.write('\r');
      // The generated cluster has 10 deployments per 100 pods; the first of them by name is on screen.
      await waitFor('the deployments', () => /deployments\s+\(60\)[\s\S]*^> \S+ +\S+ +\d+\/\d+ /m.test(frame()), 10_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
      assert.deepEqual(work(), before, 'rows built, rows picked, sorts made, sorts patched');
    } finally {
      r.unmount();
    }
  });

  test('switching to a namespace and back to all namespaces builds, picks and sorts no row for all namespaces', async () => {
    const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace={undefined} allNamespaces readonly={false} color={false} onSession={() => {}} />);
    const frame = () => r.lastFrame() ?? '';
    const work = () => [rowBuilds.count, rowBuilds.picked, sortCounts.full, sortCounts.patched];
    try {
      await waitFor('all 600 pods in sync, no idle work left', () => /in sync[\s\S]*pods\s+\(600\)/.test(frame()) && idleWork.pending === 0, 10_000);
      // Idle time on all namespaces made the pods' index by namespace: the switch reads the namespace's pods alone.
      assert.equal(session.caches.peek(session.discovery.get('pods')!, undefined)?.indexedByNamespace, true);
      const ns = /^> (\S+) /m.exec(frame())![1];
      for (const ch of `:ns ${ns}`) {
        r.stdin.write(ch);
        await new Promise((res) => setImmediate(res));
      }
      r.stdin.write('\r');
      await waitFor('the namespace, no idle work left', () => new RegExp(`ns ${ns} [\\s\\S]*pods\\s+\\(100\\)`).test(frame()) && idleWork.pending === 0, 10_000);
      const before = work();
      r.stdin.write('0');
      await waitFor('all namespaces again, no idle work left', () => /ns all [\s\S]*pods\s+\(600\)/.test(frame()) && idleWork.pending === 0, 10_000);
      assert.deepEqual(work(), before, 'rows built, rows picked, sorts made, sorts patched');
    } finally {
      r.unmount();
    }
  });
});
