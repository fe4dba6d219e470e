// A simulated cluster in its own process for benchmarks, so that the figures measure kdrill
// and not the server. Arguments: `PODS NAMESPACES` (pods only), or `large [SCALE]` (the
// generated large scenario; its pods carry the managedFields a real API server writes, unless
// KDRILL_BENCH_MANAGED_FIELDS=0). Prints its kubeconfig path, then a JSON line describing what it
// holds. Commands on stdin: "churn RATE SECONDS" (prints "churned N"), "logs IMAGE N",
// "cost" (prints "cost JSON": requests by verb, wire bytes, open watches; see ServedCost), "stop".
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SimCluster } from '../src/sim/cluster.js';
import { startPodChurn } from '../src/sim/scenario/pod-churn.js';
import { fillPods } from './fixtures.js';

const large = process.argv[2] === 'large';
const sim = await SimCluster.start({ scenario: large ? 'large' : 'none', scale: large ? Number(process.argv[3] ?? 1) : undefined, managedFields: process.env.KDRILL_BENCH_MANAGED_FIELDS !== '0', controllers: false, churn: false, historyLimit: 200_000 });
if (!large) fillPods(sim, Number(process.argv[2] ?? 10_000), Number(process.argv[3] ?? 100));
const file = join(mkdtempSync(join(tmpdir(), 'kdrill-bench-')), 'kubeconfig');
// HTTPS for both kdrill and kubectl: kubectl sends no bearer token over plain HTTP, and the
// simulator authorizes requests (RBAC) since the second wave, so both are measured over TLS.
sim.writeKubeconfig(file);
process.stdout.write(`${file}\n`);
process.stdout.write(`summary ${JSON.stringify({ url: sim.url, tlsUrl: sim.tlsUrl, pods: sim.store.count('pods'), healthyHost: sim.large?.healthyHost, brokenHost: sim.large?.brokenHost })}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, a, b] = line.split(' ');
  if (cmd === 'stop') return void sim.stop().then(() => process.exit(0));
  // "logs IMAGE N": containers of that image write N lines a second.
  if (cmd === 'logs') {
    sim.images.set(a, { logs: 'app', logsPerSecond: Number(b) });
    return void process.stdout.write(`logs set\n`);
  }
  if (cmd === 'cost') return void process.stdout.write(`cost ${JSON.stringify(sim.http.cost.snapshot())}\n`);
  if (cmd === 'churn') startPodChurn(sim.store, Number(a), Number(b), (n) => process.stdout.write(`churned ${n}\n`));
});
