import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { sessionOpener } from '../../src/cli/cluster-target.js';
import type { ClusterSession } from '../../src/kube/cluster-session.js';
import { Root } from '../../src/ui/root.js';
import { twoClusters } from '../helpers/two-clusters.js';
import { waitFor } from '../helpers/wait.js';

const clusters = twoClusters([
  { name: 'ctx-a', cluster: 'a' },
  { name: 'ctx-b', cluster: 'b' },
  { name: 'ctx-c', cluster: 'a' },
]);

test('two context switches in flight: the later one wins and the overtaken session is stopped, whatever finishes first (review H4)', async () => {
  const real = sessionOpener(clusters.kc, false);
  const opened: ClusterSession[] = [];
  // ctx-b opens only once ctx-c has: the earlier switch finishes last.
  let releaseB: () => void = () => {};
  const bMayOpen = new Promise<void>((ok) => (releaseB = ok));
  const open = async (ctx?: string) => {
    if (ctx === 'ctx-b') await bMayOpen;
    const s = await real(ctx);
    opened.push(s);
    if (ctx === 'ctx-c') releaseB();
    return s;
  };
  let session: ClusterSession = await real();
  session.watchRelations();
  const r = render(<Root first={session} open={open} contexts={['ctx-a', 'ctx-b', 'ctx-c']} version="9" namespace="shop" allNamespaces={false} readonly={false} color={false} onSession={(s) => (session = s)} />);
  const frame = () => r.lastFrame() ?? '';
  const until = (what: string, p: RegExp) => waitFor(what, () => p.test(frame()) && frame(), 10_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
  try {
    await until('pods', /^pods {2}\(\d+\)/m);
    r.stdin.write(':ctx\r');
    await until('the picker', /contexts \(enter to choose/);
    r.stdin.write('\u001b[B');
    await until('ctx-b chosen', /❯ ctx-b/);
    r.stdin.write('\r');
    await until('switching to ctx-b', /switching to context ctx-b/);
    r.stdin.write(':ctx\r');
    await until('the picker again', /contexts \(enter to choose/);
    r.stdin.write('\u001b[B\u001b[B');
    await until('ctx-c chosen', /❯ ctx-c/);
    r.stdin.write('\r');
    await waitFor('both sessions opened', () => opened.length === 2, 10_000);
    await until('the explorer on ctx-c, the later choice', /^kdrill 9 {2}ctx ctx-c /m);
    const overtaken = opened.find((s) => s.info.context === 'ctx-b')!;
    await waitFor('the overtaken ctx-b session stopped: no cache, no open stream', () => overtaken.caches.caches().length === 0 && overtaken.transport.stats.open === 0, 10_000);
    // The screen can show ctx-c a render before Root hands the session over (onSession runs in an effect).
    await waitFor('the ctx-c session handed over', () => session.info.context === 'ctx-c', 10_000);
    await waitFor('cluster b left with no watch', () => clusters.b.sim.watches.open.size === 0, 10_000);
    assert.equal(session.info.context, 'ctx-c', 'still ctx-c once the overtaken session is gone');
  } finally {
    r.unmount();
    for (const s of opened) await s.stop();
  }
});
