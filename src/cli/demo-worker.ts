// The demo's simulated cluster in a worker thread. bin/kdrill.js starts this with the process, so
// that the cluster starts on another core while the main thread loads and draws the explorer; the
// explorer takes it over (demo-worker-client.ts). Messages go over the port bin/kdrill.js passes in.
import { type MessagePort, workerData } from 'node:worker_threads';
import { SimCluster } from '../sim/cluster.js';
import type { StandIn } from '../sim/app/stand-ins.js';
import { explorerDemoPlan, type DemoPlan } from './demo-plan.js';

/** What the worker tells the explorer. */
export type DemoMessage =
  | { type: 'none' }
  | { type: 'ready'; plan: DemoPlan; kubeconfig: Record<string, unknown>; standIns: [string, StandIn][] }
  | { type: 'stand-ins'; standIns: [string, StandIn][] }
  | { type: 'error'; name: string; message: string };

const { argv, port } = workerData as { argv: string[]; port: MessagePort };
const send = (m: DemoMessage) => port.postMessage(m);
const plan = explorerDemoPlan(argv);

if (!plan) {
  send({ type: 'none' });
  port.close();
} else {
  try {
    const sim = await SimCluster.start({ scenario: plan.scenario, warmUpMs: plan.warmUpMs, start: Date.now() - plan.warmUpMs });
    let standIns = [...sim.standIns];
    // The same kubeconfig the explorer builds for an in-process demo (cluster-target.ts: startDemo).
    send({ type: 'ready', plan, kubeconfig: sim.kubeconfig('kdrill-demo', { tls: false }), standIns });
    // The stand-ins follow the ingress controller's pods and their nodes: sent again when they change.
    let queued = false;
    const check = () => {
      queued = false;
      const now = [...sim.standIns];
      if (JSON.stringify(now) === JSON.stringify(standIns)) return;
      standIns = now;
      send({ type: 'stand-ins', standIns });
    };
    for (const resource of ['pods', 'nodes']) {
      sim.store.subscribe(resource, () => {
        if (!queued) setImmediate(check);
        queued = true;
      });
    }
  } catch (e) {
    send({ type: 'error', name: (e as Error)?.name ?? 'Error', message: (e as Error)?.message ?? String(e) });
    port.close();
  }
}
