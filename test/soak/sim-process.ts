// The soak's simulated cluster, in a process of its own so that its memory is not counted as the
// program's, on the manual clock: simulated time moves only when the soak says so, and as far as
// it says, however loaded the machine is. Messages (IPC): {advance: ms} moves the clock and answers
// with the store's resourceVersion; the parent disconnecting stops the cluster.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimCluster } from '../../src/sim/cluster.js';

/** What the soak process sends. */
export type SimRequest = { advance: number };
/** What this process answers: the kubeconfig once, then the store's resourceVersion after each advance. */
export type SimAnswer = { kubeconfig: string } | { resourceVersion: number; events: number };

// Bookmarks (wall time) carry the store's resourceVersion to every watch: the soak waits on them to know
// its caches have seen everything, so they come often.
const BOOKMARK_WALL_MS = 100;

const dir = mkdtempSync(join(tmpdir(), 'kdrill-soak-'));
const sim = await SimCluster.start({ scenario: 'demo', clock: 'manual', churn: true, bookmarkIntervalMs: BOOKMARK_WALL_MS });
const kubeconfig = join(dir, 'kubeconfig');
sim.writeKubeconfig(kubeconfig);
const send = (m: SimAnswer) => process.send!(m);
send({ kubeconfig });
process.on('message', (m: SimRequest) => {
  sim.advance(m.advance);
  send({ resourceVersion: sim.store.resourceVersion, events: sim.store.list('events').length });
});
process.on('disconnect', () => {
  void sim.stop().finally(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
});
