// A metrics poll changes the usage cells only: the rows built for the objects stay, and the
// figures on screen follow each poll (the exact figures are held by metrics-columns.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { rowBuilds } from '../../src/model/view/table-rows.js';
import { idleWork } from '../../src/ui/hooks/use-idle-work.js';
import { Root } from '../../src/ui/root.js';
import { USAGE_NS, usageCluster } from '../helpers/usage-cluster.js';
import { waitFor } from '../helpers/wait.js';

const NS = USAGE_NS;

test('a metrics poll builds no row again: only the usage cells on screen are computed, from the new figures', async () => {
  // A manual clock: objects stand still; each advance of the clock is a new scrape with other figures.
  const c = await usageCluster(1000);
  const session = await ClusterSession.open(c.kc, { flushMs: 5 });
  const atStart = rowBuilds.count;
  const pickedAtStart = rowBuilds.picked;
  const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace={undefined} allNamespaces readonly={false} color={false} onSession={() => {}} />);
  const frame = () => r.lastFrame() ?? '';
  const polls = () => c.sim.http.requests.filter((q) => q.path === '/apis/metrics.k8s.io/v1beta1/pods').length;
  // Each row's CPU and MEM cells.
  const usage = (f: string) => [...f.matchAll(/^[> ] (?:usage +)?(app-\d+) +\S+ +\S+ +\S+ +(\S+) +\S+ +\S+ +(\S+)/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`).join(', ');
  try {
    await waitFor('the CPU column', () => /NAME\S* +READY +STATUS +RESTARTS +CPU/.test(frame()) && !!usage(frame()), 15_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    // Idle work after the relation caches are in builds the rows of views likely next (services) once; no poll asks for them again.
    // A poll is asked for a second time once the first's answer is shown and a window has passed: its idle work is done by then.
    await session.relationsReady(15_000);
    const settled = polls();
    await waitFor('two polls after the relations, no idle work left', () => polls() >= settled + 2 && idleWork.pending === 0, 15_000);
    const built = rowBuilds.count;
    const picked = rowBuilds.picked;
    const first = usage(frame());
    assert.match(first, /^app-0 \d+m \d+Mi, app-1 /);
    // Three more polls of the same scrape (polls follow each other: two answers are shown by then): new data, the same figures, no row built.
    const p0 = polls();
    await waitFor('three more polls', () => polls() >= p0 + 3, 15_000);
    assert.deepEqual([rowBuilds.count, rowBuilds.picked], [built, picked], 'rows built or picked by polls of unchanged objects');
    assert.equal(usage(frame()), first);
    // A later scrape: other figures on screen, still no row built.
    c.sim.advance(7_000);
    await waitFor('the figures of the next scrape', () => usage(frame()) !== first, 15_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    assert.equal(usage(frame()).split(', ').length, first.split(', ').length);
    assert.deepEqual([rowBuilds.count, rowBuilds.picked], [built, picked], 'rows built or picked by polls of unchanged objects');

    // A filter reads the usage cells too, as they are on screen: app-0's CPU figure finds app-0.
    const cpu = /^app-0 (\d+m) /.exec(usage(frame()))![1];
    for (const ch of `/${cpu}`) {
      r.stdin.write(ch);
      await new Promise((res) => setImmediate(res));
    }
    r.stdin.write('\r');
    await waitFor('the rows with that figure', () => new RegExp(`/${cpu} +\\(\\d+ of \\d+\\)`).test(frame()), 15_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    const shown = usage(frame()).split(', ');
    assert.ok(shown.some((u) => u.startsWith('app-0 ')), frame());
    assert.ok(shown.every((u) => u.includes(cpu)), frame());
    r.stdin.write('\u001b');
    await waitFor('the filter gone', () => !frame().includes(`/${cpu}`), 15_000);
    // One namespace and back: while a view's usage is pending its rows lend their cells to the
    // table without usage columns, and the other way round, so no pod is built twice for a table.
    for (const ch of `:ns ${NS}`) {
      r.stdin.write(ch);
      await new Promise((res) => setImmediate(res));
    }
    r.stdin.write('\r');
    await waitFor('the namespace with usage', () => new RegExp(`ns ${NS}[\\s\\S]*^ {2}NAME\\S* +READY +STATUS +RESTARTS +CPU`, 'm').test(frame()) && usage(frame()), 15_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    r.stdin.write('0');
    await waitFor('all namespaces with usage again', () => /ns all[\s\S]*NAMESPACE +NAME\S* +READY +STATUS +RESTARTS +CPU/.test(frame()) && usage(frame()), 15_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    // And the cluster's services, once, ahead of time (idle work makes the views likely next); the usage namespace has none.
    assert.equal(rowBuilds.count - atStart, c.sim.store.list('pods').length + 20 + c.sim.store.list('services').length, 'each pod built once per table (all namespaces, one namespace)');
    // With metrics.k8s.io served the usage columns stand (empty) until the first answer: one set of
    // rows per table, none copied for a table without them (30,000 copies were 19 MB of heap).
    assert.equal(rowBuilds.picked - pickedAtStart, 0, 'rows picked for a table without usage columns');
  } finally {
    r.unmount();
    await session.stop();
    await c.stop();
  }
});
