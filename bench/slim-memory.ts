// Heap the watch caches hold, whole objects against slim ones (issue 19), measured in this process
// with --expose-gc in a child process per run, while the simulated cluster runs in another (its objects are not counted).
//   node --import tsx bench/slim-memory.ts [demo | large SCALE]...   (default: demo large 0.1)
// A measurement, not a test: the figures vary with the machine's load only a little (heap, not time).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterSession } from '../src/kube/cluster-session.js';

if (process.argv[2] === 'serve') {
  // The child: a simulated cluster that stays as it is (no controllers, no churn).
  const { SimCluster } = await import('../src/sim/cluster.js');
  const scenario = process.argv[3];
  const sim = await SimCluster.start({ scenario, scale: scenario === 'large' ? Number(process.argv[4]) : undefined, controllers: scenario !== 'large', churn: false, clock: 'manual' });
  const file = join(mkdtempSync(join(tmpdir(), 'kdrill-slim-')), 'kubeconfig');
  sim.writeKubeconfig(file, undefined, { tls: false });
  process.stdout.write(`${file} ${sim.store.count('pods')}\n`);
  createInterface({ input: process.stdin }).on('line', () => void sim.stop().then(() => process.exit(0)));
} else if (process.argv[2] === 'measure') {
  // A child per measurement: a session's heap is counted in a process that held no other session.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const heap = async () => {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 50));
      gc();
    }
    return process.memoryUsage().heapUsed;
  };
  const kc = new KubeConfig();
  kc.loadFromFile(process.argv[3]);
  const before = await heap();
  const session = await ClusterSession.open(kc, { slim: process.argv[4] === 'slim' });
  // What the explorer watches on `:pods` in all namespaces: the screen's cache and every relation cache.
  session.caches.acquire(session.discovery.get('pods')!, undefined);
  await session.reviewed;
  session.addRelations(session.indexes.resources, [undefined]);
  session.caches.releaseBackground();
  await Promise.all(session.caches.caches().map((c) => c.whenSynced()));
  // The background string sharing runs a page at a time after the list: let it finish.
  await new Promise((r) => setTimeout(r, 1_000));
  const used = (await heap()) - before;
  const objects = session.caches.caches().reduce((n, c) => n + c.size, 0);
  process.stdout.write(`${objects} ${used}\n`);
  await session.stop();
  process.exit(0);
} else {
  const args = process.argv.slice(2);
  const runs: [string, string | undefined][] = [];
  for (let i = 0; i < args.length; i++) runs.push(args[i] === 'large' ? ['large', args[++i] ?? '0.1'] : [args[i], undefined]);
  if (!runs.length) runs.push(['demo', undefined], ['large', '0.1']);
  const self = fileURLToPath(import.meta.url);
  const firstLine = (child: ChildProcess) => new Promise<string[]>((resolve) => createInterface({ input: child.stdout! }).once('line', (l) => resolve(l.split(' '))));
  const rows: string[] = [];
  for (const [scenario, scale] of runs) {
    const sim: ChildProcess = spawn(process.execPath, ['--import', 'tsx', self, 'serve', scenario, scale ?? ''], { stdio: ['pipe', 'pipe', 'inherit'] });
    const [file, pods] = await firstLine(sim);
    // Each mode twice, alternating.
    for (const mode of ['whole', 'slim', 'whole', 'slim']) {
      const m = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', self, 'measure', file, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
      const [objects, used] = await firstLine(m);
      await new Promise((r) => m.once('exit', r));
      rows.push(`| ${scenario}${scale ? ` ×${scale}` : ''} | ${pods} | ${objects} | ${mode} | ${(Number(used) / 1048576).toFixed(1)} MB |`);
    }
    sim.stdin!.write('stop\n');
    await new Promise((r) => sim.once('exit', r));
  }
  process.stdout.write(['| scenario | pods | cached objects | objects | heap held by the session |', '|---|---|---|---|---|', ...rows].join('\n') + '\n');
}
