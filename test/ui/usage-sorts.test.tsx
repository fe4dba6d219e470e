// After each metrics poll the table makes its orders by CPU and MEM between keys, not only after a
// pause: someone pressing keys all the while still finds a first sort by usage made.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { sortCounts } from '../../src/model/view/table-memo.js';
import { Root } from '../../src/ui/root.js';
import { USAGE_NS, usageCluster } from '../helpers/usage-cluster.js';
import { waitFor } from '../helpers/wait.js';

const NS = USAGE_NS;

test('orders by CPU and MEM are made after a poll while keys keep coming: the first sort by either then sorts nothing', async () => {
  const c = await usageCluster(60_000);
  const session = await ClusterSession.open(c.kc, { flushMs: 5 });
  const r = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="9.9.9" namespace={NS} allNamespaces={false} readonly={false} color={false} onSession={() => {}} />);
  const frame = () => r.lastFrame() ?? '';
  // A key every 20 ms: idle work, which waits for 150 ms without one, never runs.
  let keys = 0;
  const typing = setInterval(() => r.stdin.write(keys++ % 2 ? 'k' : 'j'), 20);
  try {
    // One poll a minute: the first one, while the keys go on, is the only one in this test.
    const live = sortCounts.live;
    await waitFor('usage figures', () => /NAME\S* +READY +STATUS +RESTARTS +CPU[\s\S]*^[> ] app-0 +\S+ +\S+ +\S+ +\d+m /m.test(frame()), 15_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    await waitFor('the orders by CPU and MEM made', () => sortCounts.live >= live + 2, 15_000);
    clearInterval(typing);
    const before = sortCounts.full + sortCounts.patched;
    r.stdin.write('C');
    await waitFor('sorted by CPU', () => /CPU↓/.test(frame()), 5_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    r.stdin.write('M');
    await waitFor('sorted by MEM', () => /MEM↓/.test(frame()), 5_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    assert.equal(sortCounts.full + sortCounts.patched, before, 'sorts made by the keys');
  } finally {
    clearInterval(typing);
    r.unmount();
    await session.stop();
    await c.stop();
  }
});
