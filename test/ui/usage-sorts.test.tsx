// After each metrics poll the table makes its orders by CPU and MEM, and its rows' usage texts, between
// keys, not only after a pause: someone pressing keys all the while still finds a first sort by usage
// made, and a filter by a word usage could hold finds the texts made.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { liveTextsMade } from '../../src/model/view/live-cells.js';
import { sortCounts } from '../../src/model/view/table-memo.js';
import { Root } from '../../src/ui/root.js';
import { USAGE_NS, usageCluster } from '../helpers/usage-cluster.js';
import { waitFor } from '../helpers/wait.js';

const NS = USAGE_NS;

test('orders by CPU and MEM and usage texts are made after a poll while keys keep coming: the first sort by either then sorts nothing, a filter makes no text', async () => {
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
    const texts = liveTextsMade.count;
    await waitFor('usage figures', () => /NAME\S* +READY +STATUS +RESTARTS +CPU[\s\S]*^[> ] app-0 +\S+ +\S+ +\S+ +\d+m /m.test(frame()), 15_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    await waitFor('the orders by CPU and MEM made, and the 20 rows\' usage texts', () => sortCounts.live >= live + 2 && liveTextsMade.count >= texts + 20, 15_000);
    clearInterval(typing);
    const before = sortCounts.full + sortCounts.patched;
    r.stdin.write('C');
    await waitFor('sorted by CPU', () => /CPU↓/.test(frame()), 5_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    r.stdin.write('M');
    await waitFor('sorted by MEM', () => /MEM↓/.test(frame()), 5_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    assert.equal(sortCounts.full + sortCounts.patched, before, 'sorts made by the keys');
    // `Mi` is in no row's own cells, and usage's MEM figures hold it: the filter reads usage texts, all made.
    const made = liveTextsMade.count;
    for (const ch of '/Mi') {
      r.stdin.write(ch);
      await new Promise((res) => setImmediate(res));
    }
    await waitFor('the filter', () => /\/Mi +\(20\)/.test(frame()), 5_000).catch((e) => assert.fail(`${e.message}\n${frame()}`));
    assert.equal(liveTextsMade.count, made, 'usage texts made by the filter');
  } finally {
    clearInterval(typing);
    r.unmount();
    await session.stop();
    await c.stop();
  }
});
