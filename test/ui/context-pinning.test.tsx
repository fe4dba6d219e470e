import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { sessionOpener } from '../../src/cli/cluster-target.js';
import type { ClusterSession } from '../../src/kube/cluster-session.js';
import { Root } from '../../src/ui/root.js';
import type { TestCluster } from '../helpers/sim.js';
import { twoClusters } from '../helpers/two-clusters.js';
import { waitFor } from '../helpers/wait.js';

// Three contexts in one kubeconfig, as a user has them: the cluster in use (a), a live cluster
// whose discovery fails (b), and a context whose server is gone (dead).
const clusters = twoClusters([
  { name: 'ctx-a', cluster: 'a' },
  { name: 'ctx-b', cluster: 'b' },
  { name: 'ctx-dead', cluster: 'dead' },
]);

const deletes = (c: { sim: TestCluster['sim'] }) => c.sim.http.requests.filter((q) => q.method === 'DELETE');

test('a failed context switch leaves the session on its own cluster: a confirmed delete reaches it, never the other', async () => {
  const open = sessionOpener(clusters.kc, false);
  let session: ClusterSession = await open();
  session.watchRelations();
  const r = render(<Root first={session} open={open} contexts={clusters.kc.getContexts().map((c) => c.name)} version="9.9.9" namespace="shop" allNamespaces={false} readonly={false} color={false} onSession={(s) => (session = s)} />);
  const frame = () => r.lastFrame() ?? '';
  const until = (what: string, pattern: RegExp) => waitFor(what, () => pattern.test(frame()) && frame(), 10_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
  try {
    await until('the pods of shop in ctx-a', /^pods {2}\(\d+\)/m);
    // b is up, but its discovery fails (until the end of the test, however long it takes): opening a session there fails after its server was asked.
    clusters.b.sim.faults.fail({ status: 503, match: /^\/(api|apis)(\/|$)/ }, Infinity);
    for (const [target, reason] of [['ctx-b', /cannot switch to context ctx-b/], ['ctx-dead', /cannot switch to context ctx-dead/]] as const) {
      r.stdin.write(':ctx\r');
      await until('the context picker', /contexts \(enter to choose/);
      // The picker starts on the current context (ctx-a, first): down once for b, twice for dead.
      r.stdin.write(target === 'ctx-b' ? '\u001b[B' : '\u001b[B\u001b[B');
      await until(`${target} chosen`, new RegExp(`❯ ${target}`));
      r.stdin.write('\r');
      const failed = await until('the switch failing', reason);
      // Said in the footer, not pinned above the header.
      assert.match(String(failed).split('\n')[0], /^kdrill 9\.9\.9 /);
      assert.match(String(failed).trimEnd().split('\n').at(-1)!, reason);
      await until('the header still on ctx-a', /^kdrill 9\.9\.9 {2}ctx ctx-a /m);
      assert.equal(session.info.context, 'ctx-a');
      assert.equal(session.transport.server, clusters.a.sim.url);
      // A pod of the original cluster, deleted with a confirmation that names the context.
      const before = deletes(clusters.a).length;
      r.stdin.write('/cart\r');
      await until('a cart pod under the cursor', /^> cart-/m);
      r.stdin.write('\u0004');
      await until('the delete question', /Delete pod shop\/cart-[\w-]+ in context ctx-a\?/);
      r.stdin.write('y');
      await waitFor('the DELETE at cluster a', () => deletes(clusters.a).length > before, 10_000);
      await until('the delete done', /^deleted pod cart-/m);
      r.stdin.write('\u001b');
      await until('the filter cleared', /^pods {2}\(\d+\)/m);
    }
    assert.ok(clusters.b.sim.http.requests.length > 0, 'the failed switch did talk to b');
    assert.deepEqual(deletes(clusters.b), [], 'no DELETE ever reached cluster b');
    assert.ok(deletes(clusters.a).every((q) => q.path.startsWith('/api/v1/namespaces/shop/pods/cart-')));
  } finally {
    r.unmount();
    await session.stop();
    clusters.b.sim.faults.clear();
  }
});
