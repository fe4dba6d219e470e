// A simulated cluster in its own process for benchmarks, so that the figures measure kdrill
// and not the server. Prints its kubeconfig path; on "churn RATE SECONDS" from stdin it
// updates that many pods a second, then prints "churned N".
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SimCluster } from '../src/sim/cluster.js';
import { fillPods } from './fixtures.js';

const pods = Number(process.argv[2] ?? 10_000);
const namespaces = Number(process.argv[3] ?? 100);
const sim = await SimCluster.start({ scenario: 'none', controllers: false, churn: false, historyLimit: 200_000 });
fillPods(sim, pods, namespaces);
const file = join(mkdtempSync(join(tmpdir(), 'kdrill-bench-')), 'kubeconfig');
sim.writeKubeconfig(file);
process.stdout.write(`${file}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, rate, seconds] = line.split(' ');
  if (cmd === 'stop') return void sim.stop().then(() => process.exit(0));
  // "logs IMAGE N": containers of that image write N lines a second.
  if (cmd === 'logs') {
    sim.images.set(rate, { logs: 'app', logsPerSecond: Number(seconds) });
    return void process.stdout.write(`logs set\n`);
  }
  if (cmd !== 'churn') return;
  const all = sim.store.list('pods');
  let done = 0;
  const started = Date.now();
  const timer = setInterval(() => {
    // Catch up to where the schedule says we should be, so the rate holds even if ticks slip.
    const due = Math.min(Number(rate) * Number(seconds), Math.floor(((Date.now() - started) / 1000) * Number(rate)));
    while (done < due) {
      const p = all[done % all.length];
      const cur = sim.store.get('pods', p.metadata!.namespace, p.metadata!.name!)!;
      sim.store.update('pods', { ...cur, metadata: { ...cur.metadata, annotations: { ...cur.metadata!.annotations, 'bench/tick': String(done) } } });
      done++;
    }
    if (done >= Number(rate) * Number(seconds)) {
      clearInterval(timer);
      process.stdout.write(`churned ${done}\n`);
    }
  }, 10);
});
