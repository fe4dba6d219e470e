// What kdrill and kubectl cost the API server for the same screen (every pod, all namespaces):
// requests and bytes at start, per minute idle and under churn, and the watches kdrill holds.
// The simulator counts them (src/sim/http/cost-counter.ts); each client runs alone against it.
import { spawn, spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import type { ServedCost } from '../src/sim/http/cost-counter.js';
import { costBetween } from '../src/sim/http/cost-counter.js';
import type { BenchServer } from './harness.js';
import { allInSync } from './scale-external.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server's counters now. */
export async function servedCost(server: BenchServer): Promise<ServedCost> {
  const line = server.waitFor('cost ');
  server.send('cost');
  return JSON.parse((await line).slice('cost '.length));
}

/** Waits until no watch is open (a previous client's connections are gone). */
async function quiet(server: BenchServer): Promise<void> {
  const t0 = performance.now();
  while ((await servedCost(server)).openWatches.length) {
    if (performance.now() - t0 > 30_000) throw new Error('watches still open 30 s after the previous client ended');
    await sleep(200);
  }
}

/** Waits until the open watches have been the same for `stillMs`; gives the counters then. */
async function watchesHeld(server: BenchServer, stillMs: number, timeoutMs = 180_000): Promise<ServedCost> {
  const t0 = performance.now();
  let last = '';
  let since = performance.now();
  for (;;) {
    const now = await servedCost(server);
    const key = now.openWatches.join(' ');
    if (key !== last) [last, since] = [key, performance.now()];
    else if (key && performance.now() - since >= stillMs) return now;
    if (performance.now() - t0 > timeoutMs) throw new Error(`watches did not settle within ${timeoutMs} ms: ${key}`);
    await sleep(250);
  }
}

/** The cost of a window of `seconds`, optionally with `churn` pod updates a second during it. */
async function windowCost(server: BenchServer, seconds: number, churn = 0): Promise<ServedCost> {
  const from = await servedCost(server);
  if (churn) {
    const done = server.waitFor('churned');
    server.send(`churn ${churn} ${seconds}`);
    await done;
  } else await sleep(seconds * 1000);
  return costBetween(from, await servedCost(server));
}

/** What a client cost: at start, and per window idle and under churn. */
export interface ClientCost {
  /** kdrill: launch to the first frame with every pod; kubectl: `get pods -A` to exit. */
  start: ServedCost;
  /** kdrill only: launch until every cache is in sync and its watches hold still. */
  settled?: ServedCost;
  idle: ServedCost;
  churn: ServedCost;
}

/**
 * `kdrill -A` in tmux: the cost to its first frame with all `pods`, to settled, then over an idle
 * window and a window of `churn` pod updates a second. Open watches: `settled.openWatches`.
 */
export async function kdrillCost(server: BenchServer, pods: number, windowS: number, churnS: number, churn: number): Promise<ClientCost> {
  await quiet(server);
  const name = `kdrill-cost-${process.pid}`;
  const before = await servedCost(server);
  execFileSync('tmux', ['-L', name, 'new-session', '-d', '-s', name, '-x', '120', '-y', '40', `node bin/kdrill.js --kubeconfig ${server.kubeconfig} -A`]);
  try {
    const screen = () => execFileSync('tmux', ['-L', name, 'capture-pane', '-p', '-t', name], { encoding: 'utf8' });
    const t0 = performance.now();
    while (!new RegExp(`pods\\s+\\(${pods}\\)`).test(screen())) {
      if (performance.now() - t0 > 180_000) throw new Error(`kdrill showed no ${pods} pods within 180 s:\n${screen()}`);
      await sleep(5);
    }
    const start = costBetween(before, await servedCost(server));
    while (!allInSync(screen(), pods)) await sleep(100);
    const settled = costBetween(before, await watchesHeld(server, 3000));
    return { start, settled, idle: await windowCost(server, windowS), churn: await windowCost(server, churnS, churn) };
  } finally {
    execFileSync('tmux', ['-L', name, 'kill-session', '-t', name]);
  }
}

/** `kubectl get pods -A` once, then `kubectl get pods -A --watch` over the same windows as kdrill. */
export async function kubectlCost(server: BenchServer, windowS: number, churnS: number, churn: number): Promise<ClientCost> {
  await quiet(server);
  const kc = ['--kubeconfig', server.kubeconfig];
  const before = await servedCost(server);
  const r = spawnSync('kubectl', [...kc, 'get', 'pods', '-A'], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`kubectl get pods -A exited ${r.status}`);
  const start = costBetween(before, await servedCost(server));
  await quiet(server);
  const watcher = spawn('kubectl', [...kc, 'get', 'pods', '-A', '--watch'], { stdio: 'ignore' });
  try {
    // Its list is done once its watch is open.
    await watchesHeld(server, 1000);
    return { start, idle: await windowCost(server, windowS), churn: await windowCost(server, churnS, churn) };
  } finally {
    watcher.kill();
  }
}

const size = (bytes: number) => (bytes >= 1e6 ? `${Math.round(bytes / 1e5) / 10} MB` : `${Math.round(bytes / 100) / 10} KB`);

/** `62 requests (list 60, get 2), 25.3 MB; metrics.k8s.io 1 request, 3.2 MB of it`, scaled by `factor` (per minute). */
export function costText(c: ServedCost, factor = 1): string {
  const n = (v: number) => Math.round(v * factor * 10) / 10;
  const verbs = Object.entries(c.requests).sort(([, a], [, b]) => b - a);
  const total = verbs.reduce((sum, [, v]) => sum + v, 0);
  const metrics = c.metrics.requests ? `; metrics.k8s.io ${n(c.metrics.requests)} requests, ${size(c.metrics.bytes * factor)} of it` : '';
  return `${n(total)} requests (${verbs.map(([verb, v]) => `${verb} ${n(v)}`).join(', ') || 'none'}), ${size(c.bytes * factor)}${metrics}`;
}

/** Open watches grouped: `pods@all, services@all, ...` with a count. */
export function watchesText(c: ServedCost): string {
  return `${c.openWatches.length}: ${c.openWatches.join(', ')}`;
}
