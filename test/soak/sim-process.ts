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

/**
 * Rollouts the soak adds to the demo's own (nginx-deploy every three minutes): each Deployment is
 * restarted every ROLLOUT_EVERY_MS, its template flipping between two annotations, so that its
 * two ReplicaSets are reused and the cluster stays the same size. A program that kept something
 * per watch change would grow with them (pods, ReplicaSets, EndpointSlices, events), while its
 * bounded caches stay bounded: the soak's leak signal, some five times the demo's alone.
 */
const SOAK_ROLLOUTS: readonly { namespace: string; deployment: string }[] = [
  { namespace: 'shop', deployment: 'frontend' },
  { namespace: 'shop', deployment: 'catalog' },
  { namespace: 'monitoring', deployment: 'prometheus' },
];
// Simulated time between two restarts of each of SOAK_ROLLOUTS.
const ROLLOUT_EVERY_MS = 60_000;

const dir = mkdtempSync(join(tmpdir(), 'kdrill-soak-'));
const sim = await SimCluster.start({ scenario: 'demo', clock: 'manual', churn: true, bookmarkIntervalMs: BOOKMARK_WALL_MS });
restartOnTimer(sim);
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

/** Restarts each of SOAK_ROLLOUTS every ROLLOUT_EVERY_MS of simulated time, a few seconds apart from each other. */
function restartOnTimer(sim: SimCluster): void {
  const deployments = sim.api.registry.get('deployments.apps')!;
  SOAK_ROLLOUTS.forEach(({ namespace, deployment }, i) => {
    let flip = false;
    const restart = () => {
      flip = !flip;
      const template = { metadata: { annotations: { 'kdrill.dev/soak-restart': flip ? 'b' : 'a' } } };
      sim.api.patch(deployments, namespace, deployment, 'application/strategic-merge-patch+json', { spec: { template } });
      sim.clock.after(ROLLOUT_EVERY_MS, restart);
    };
    sim.clock.after(ROLLOUT_EVERY_MS + i * 7_000, restart);
  });
}
