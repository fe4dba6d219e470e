// A table sorted by CPU shows its rows in the order of the figures it shows, poll after poll:
// through new scrapes, a namespace of the cluster-wide cache and back, and a pod re-created with
// its name (rows hold their pods' usage objects, which later polls reuse).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import type { KubeObject } from '../../src/model/types.js';
import { Root } from '../../src/ui/root.js';
import { startCluster } from '../helpers/sim.js';
import { waitFor } from '../helpers/wait.js';

const pod = (ns: string, name: string, cpu: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns },
  spec: { containers: [{ name: 'main', image: 'nginx:1.27', resources: { requests: { cpu, memory: '64Mi' } } }] },
});

/** The rows on screen as name and CPU figure (millicores), in screen order, and the sort the header shows. */
function table(frame: string): { rows: { name: string; cpu: number }[]; sort: string } {
  const lines = frame.split('\n');
  const at = lines.findIndex((l) => /^ {2}(NAMESPACE +)?NAME\S* +READY/.test(l));
  if (at < 0) return { rows: [], sort: '' };
  const headers = lines[at].trim().split(/\s+/);
  const name = headers.findIndex((h) => h.startsWith('NAME') && !h.startsWith('NAMESPACE'));
  const cpu = headers.findIndex((h) => h.startsWith('CPU'));
  const rows = [];
  for (const l of lines.slice(at + 1)) {
    const cells = l.slice(2).trim().split(/\s+/);
    if (!/^[> ] \S/.test(l) || cells.length !== headers.length) break;
    rows.push({ name: cells[name], cpu: cells[cpu] === '0' ? 0 : Number(/^(\d+)m$/.exec(cells[cpu])?.[1] ?? NaN) });
  }
  return { rows, sort: headers.find((h) => /[↑↓]$/.test(h)) ?? '' };
}

/** Whether the rows on screen are in the order of their CPU figures, busiest first. */
const busiestFirst = (rows: { cpu: number }[]) => rows.every((r, i) => i === 0 || rows[i - 1].cpu >= r.cpu);

test('a table sorted by CPU is in the order of the figures it shows, through polls, a namespace and back, and a pod re-created', async () => {
  const c = await startCluster({ clock: 'manual', start: Date.parse('2026-11-28T18:00:00Z'), metricsResolutionMs: 1000, metrics: true });
  const create = (ns: string) => {
    c.sim.api.create(c.sim.registry.get('namespaces')!, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    for (let i = 0; i < 6; i++) c.sim.api.create(c.sim.registry.get('pods')!, ns, pod(ns, `app-${i}`, '100m'));
  };
  create('one');
  c.sim.advance(5 * 60_000);
  // The pods of two start now: busier while they start up (the simulated metrics-server's first 90 s), then not.
  create('two');
  c.sim.advance(10_000);
  const session = await ClusterSession.open(c.kc, { flushMs: 5 });
  const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace={undefined} allNamespaces readonly={false} color={false} onSession={() => {}} />);
  const frame = () => r.lastFrame() ?? '';
  const type = async (text: string) => {
    for (const ch of text) {
      r.stdin.write(ch);
      await new Promise((res) => setImmediate(res));
    }
  };
  // Sorted by CPU with figures, in the order of those figures (asserted on the frame the wait saw).
  const consistent = async (what: string, more: (t: ReturnType<typeof table>) => boolean = () => true) => {
    const seen = await waitFor(what, () => {
      const t = table(frame());
      return t.sort === 'CPU↓' && t.rows.length > 0 && t.rows.some((x) => x.cpu > 0) && more(t) && t;
    }, 15_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    assert.ok(busiestFirst(seen.rows), `${what}: rows out of the order of their figures\n${frame()}`);
    return seen;
  };
  try {
    await waitFor('the CPU column', () => /CPU/.test(frame()), 15_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    r.stdin.write('C');
    const first = await consistent('all namespaces sorted by CPU', (t) => t.rows.length === 12);
    // Later scrapes: other figures, still in their order.
    for (let i = 0; i < 3; i++) {
      const before = JSON.stringify(table(frame()).rows);
      c.sim.advance(7_000);
      await consistent(`scrape ${i + 1}`, (t) => JSON.stringify(t.rows) !== before);
    }
    await type(':ns one');
    r.stdin.write('\r');
    // A view's sort is its own: the namespace is sorted by CPU as well.
    await waitFor('namespace one', () => /ns one/.test(frame()) && table(frame()).rows.length === 6, 15_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    if (table(frame()).sort !== 'CPU↓') r.stdin.write('C');
    await consistent('namespace one sorted by CPU', (t) => t.rows.length === 6 && /ns one/.test(frame()));
    // Meanwhile two's pods have started up: all namespaces come back to other figures, another order.
    c.sim.advance(100_000);
    await consistent('namespace one after a scrape', (t) => t.rows.length === 6);
    r.stdin.write('0');
    await waitFor('all namespaces', () => /ns all/.test(frame()) && table(frame()).rows.length === 12, 15_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    if (table(frame()).sort !== 'CPU↓') r.stdin.write('C');
    await consistent('all namespaces again', (t) => t.rows.length === 12 && /ns all/.test(frame()));
    // A pod deleted and made again with its name (and another request): a new object, the same key.
    const busiest = first.rows[0].name;
    const ns = c.sim.store.list('pods').find((p: KubeObject) => p.metadata?.name === busiest)!.metadata!.namespace!;
    c.sim.api.delete(c.sim.registry.get('pods')!, ns, busiest);
    // Its grace period on the manual clock.
    c.sim.advance(31_000);
    await waitFor('the pod gone', () => table(frame()).rows.length === 11, 15_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    c.sim.api.create(c.sim.registry.get('pods')!, ns, pod(ns, busiest, '50m'));
    c.sim.advance(7_000);
    await consistent('the pod back', (t) => t.rows.length === 12);
    c.sim.advance(7_000);
    await consistent('a scrape after', (t) => t.rows.length === 12);
  } finally {
    r.unmount();
    await session.stop();
    await c.stop();
  }
});
