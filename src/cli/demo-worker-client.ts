import { receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { StandIn } from '../sim/app/stand-ins.js';
import { ScenarioError } from '../sim/scenario/scenario-file.js';
import { samePlan, type DemoPlan } from './demo-plan.js';
import type { DemoMessage } from './demo-worker.js';

/** A demo cluster started in a worker thread by bin/kdrill.js, and the port it reports on. */
export interface PrestartedDemo {
  worker: Worker;
  port: MessagePort;
}

/** The demo's cluster as the explorer holds it, in this thread or in a worker: its stand-ins, and a way to stop it. */
export interface DemoCluster {
  readonly standIns: Map<string, StandIn>;
  stop(): Promise<void>;
}

/** The demo cluster running in a worker thread. */
class WorkerCluster implements DemoCluster {
  standIns: Map<string, StandIn>;

  constructor(private readonly demo: PrestartedDemo, standIns: [string, StandIn][]) {
    this.standIns = new Map(standIns);
    demo.port.on('message', (m: DemoMessage) => {
      if (m.type === 'stand-ins') this.standIns = new Map(m.standIns);
    });
    // The explorer's terminal keeps the process alive, not the cluster.
    demo.port.unref();
  }

  async stop(): Promise<void> {
    this.demo.port.close();
    await this.demo.worker.terminate();
  }
}

/**
 * Takes over the cluster a worker started, when it is the one `plan` asks for; undefined when the
 * worker started none, another or failed (the caller then starts one in this thread). A scenario
 * that cannot be loaded is thrown as it would be here.
 */
export async function claimDemo(demo: PrestartedDemo, plan: DemoPlan): Promise<{ cluster: DemoCluster; kubeconfig: Record<string, unknown> } | undefined> {
  const first = await firstMessage(demo);
  if (first?.type === 'ready' && samePlan(first.plan, plan)) return { cluster: new WorkerCluster(demo, first.standIns), kubeconfig: first.kubeconfig };
  demo.port.close();
  await demo.worker.terminate();
  if (first?.type === 'error' && first.name === 'ScenarioError') throw new ScenarioError(first.message);
  return undefined;
}

/** Stops a worker the explorer does not use. */
export function dropDemo(demo: PrestartedDemo | undefined): void {
  demo?.port.close();
  void demo?.worker.terminate();
}

// The worker's first message, or undefined when it ended without one (it failed to load).
function firstMessage({ worker, port }: PrestartedDemo): Promise<DemoMessage | undefined> {
  const queued = receiveMessageOnPort(port);
  if (queued) return Promise.resolve(queued.message as DemoMessage);
  return new Promise((resolve) => {
    const done = (m: DemoMessage | undefined) => {
      port.off('message', done);
      worker.off('exit', exited);
      resolve(m);
    };
    // A message sent just before the worker ended is still on the port.
    const exited = () => done(receiveMessageOnPort(port)?.message as DemoMessage | undefined);
    port.on('message', done);
    worker.on('exit', exited);
    // A worker that ended before anyone listened: threadId is -1 from then on.
    if (worker.threadId === -1) exited();
  });
}
