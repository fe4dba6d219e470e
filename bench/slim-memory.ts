// Heap the watch caches hold, whole objects against slim ones (issue 19), measured in this process
// with --expose-gc in a child process per run, while the simulated cluster runs in another (its objects are not counted).
//   node --import tsx bench/slim-memory.ts [demo | large SCALE | large-mf SCALE]...   (default: demo large 0.1)
// `large-mf`: the large scenario with the managedFields a real API server writes on its pods.
// A measurement, not a test: the figures vary with the machine's load only a little (heap, not time).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterSession } from '../src/kube/cluster-session.js';
import { compactStrings } from '../src/kube/compact.js';
import { slimObject } from '../src/model/slim/slim-fields.js';
import type { KubeObject } from '../src/model/types.js';

if (process.argv[2] === 'serve') {
  // The child: a simulated cluster that stays as it is (no controllers, no churn).
  const { SimCluster } = await import('../src/sim/cluster.js');
  const managedFields = process.argv[3] === 'large-mf';
  const scenario = managedFields ? 'large' : process.argv[3];
  const sim = await SimCluster.start({ scenario, scale: scenario === 'large' ? Number(process.argv[4]) : undefined, managedFields, controllers: scenario !== 'large', churn: false, clock: 'manual' });
  const file = join(mkdtempSync(join(tmpdir(), 'kdrill-slim-')), 'kubeconfig');
  sim.writeKubeconfig(file, undefined, { tls: false });
  process.stdout.write(`${file} ${sim.store.count('pods')}\n`);
  createInterface({ input: process.stdin }).on('line', () => void sim.stop().then(() => process.exit(0)));
} else if (process.argv[2] === 'recorded') {
  // Pods as a real API server writes them (managedFields, last-applied, full specs): the recorded
  // corpus's pods, repeated with their own names and uids, parsed a list page at a time and their
  // strings shared as the watch cache does, then held.
  const gc = (globalThis as { gc?: () => void }).gc!;
  const corpus = process.env.KDRILL_CORPUS ?? '/work/shared/apiserver-1.36';
  const pods: string[] = [];
  for (const dir of readdirSync(`${corpus}/objects`)) {
    for (const f of readdirSync(`${corpus}/objects/${dir}`)) {
      const o = f.endsWith('.json') ? (JSON.parse(readFileSync(`${corpus}/objects/${dir}/${f}`, 'utf8')) as KubeObject) : undefined;
      if (o?.kind === 'Pod' && o.metadata?.uid && f.split('.').length === 2) pods.push(JSON.stringify(o));
    }
  }
  const slim = process.argv[3] === 'slim';
  const count = Number(process.argv[4]);
  const clone = (i: number) => {
    const text = pods[i % pods.length];
    const o = JSON.parse(text) as KubeObject;
    return text.replaceAll(String(o.metadata!.uid), `${String(o.metadata!.uid).slice(0, 24)}${String(i).padStart(12, '0')}`).replaceAll(`"name":"${o.metadata!.name}"`, `"name":"${o.metadata!.name}-${i}"`);
  };
  gc();
  const before = process.memoryUsage().heapUsed;
  const held: KubeObject[] = [];
  for (let page = 0; page < count; page += 500) {
    const body = `{"items":[${Array.from({ length: Math.min(500, count - page) }, (_, j) => clone(page + j)).join(',')}]}`;
    const items = (JSON.parse(body) as { items: KubeObject[] }).items.map((o) => (slim ? slimObject('pods', o) : o));
    const table = new Map<string, string>();
    for (const o of items) compactStrings(o, table);
    held.push(...items);
  }
  for (let i = 0; i < 3; i++) gc();
  process.stdout.write(`${held.length} ${process.memoryUsage().heapUsed - before}\n`);
  process.exit(0);
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
  for (let i = 0; i < args.length; i++) runs.push(args[i].startsWith('large') ? [args[i], args[++i] ?? '0.1'] : [args[i], undefined]);
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
  for (const mode of ['whole', 'slim', 'whole', 'slim']) {
    const m = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', self, 'recorded', mode, '3000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [objects, used] = await firstLine(m);
    rows.push(`| recorded pods, repeated | ${objects} | ${objects} | ${mode} | ${(Number(used) / 1048576).toFixed(1)} MB |`);
  }
  process.stdout.write(['| scenario | pods | cached objects | objects | heap held by the session |', '|---|---|---|---|---|', ...rows].join('\n') + '\n');
}
