// Streaming lists (watch-list, sendInitialEvents) against paged lists: a WatchCache's first sync of
// 10,000 and 30,000 pods from the simulator in its own process (`large`: the large scenario's 30,000
// pods with the managedFields a real server writes). Per run: time to synced, the client's
// CPU, its peak heap, and the server's cost (wire bytes, CPU of its process). Modes alternate, runs
// are few (a shared machine): CPU and bytes say more than wall time.
import { readFileSync } from 'node:fs';
import { loadKubeConfig } from '../src/kube/kubeconfig.js';
import { discover } from '../src/kube/discover.js';
import type { ApiResource } from '../src/kube/discovery.js';
import { KubeTransport } from '../src/kube/transport.js';
import { WatchCache } from '../src/kube/watch-cache.js';
import type { ServedCost } from '../src/sim/http/cost-counter.js';
import { median, report, startBenchServer, type BenchServer } from './harness.js';

const SIZES = (process.env.KDRILL_BENCH_WATCH_LIST_SIZES ?? '10000,30000,large').split(',').map((s) => (s === 'large' ? s : Number(s)));
const RUNS = Number(process.env.KDRILL_BENCH_RUNS ?? 3);
const MODES = ['pages', 'watch-list'] as const;
type Mode = (typeof MODES)[number];

interface Run {
  ms: number;
  clientCpuMs: number;
  serverCpuMs: number;
  bytes: number;
  requests: number;
  peakHeapMb: number;
}

/** CPU time (user + system) of another process so far, in ms (Linux /proc, 100 ticks a second). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function cost(server: BenchServer): Promise<ServedCost> {
  const answer = server.waitFor('cost ');
  server.send('cost');
  return JSON.parse((await answer).slice('cost '.length));
}

async function syncOnce(server: BenchServer, pods: ApiResource, mode: Mode, expected: number): Promise<Run> {
  (globalThis as { gc?: () => void }).gc?.();
  const transport = new KubeTransport(loadKubeConfig({ kubeconfig: server.kubeconfig }));
  const before = await cost(server);
  const serverCpu0 = processCpuMs(server.pid);
  let peak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 10);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const cache = new WatchCache(transport, pods, undefined, { slim: true, watchList: mode === 'watch-list' }).start();
  await cache.whenSynced();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const after = await cost(server);
  const serverCpuMs = processCpuMs(server.pid) - serverCpu0;
  if (cache.size !== expected) throw new Error(`${mode}: synced ${cache.size} pods, expected ${expected}`);
  if (mode === 'watch-list' && cache.stats.streamedLists !== 1 - cache.stats.fallbacks) throw new Error('watch-list: fell back');
  await cache.stop();
  transport.destroy();
  const requests = Object.values(after.requests).reduce((a, b) => a + b, 0) - Object.values(before.requests).reduce((a, b) => a + b, 0);
  return { ms, clientCpuMs: (cpu.user + cpu.system) / 1000, serverCpuMs, bytes: after.bytes - before.bytes, requests, peakHeapMb: peak / 1024 / 1024 };
}

const rows: [string, string | number][] = [];
const fmt = (runs: Run[], key: keyof Run, digits = 0) => {
  const m = median(runs.map((r) => r[key]));
  return `${m.toFixed(digits)}  (${runs.map((r) => r[key].toFixed(digits)).join(', ')})`;
};
for (const size of SIZES) {
  const server = await startBenchServer(size, size === 'large' ? 1 : 100);
  const count = server.summary.pods;
  try {
    const probe = new KubeTransport(loadKubeConfig({ kubeconfig: server.kubeconfig }));
    const pods = (await discover(probe)).find('pods')!;
    probe.destroy();
    // A first sync of each, not counted: JIT and the server's first serialisations.
    for (const mode of MODES) await syncOnce(server, pods, mode, count);
    const runs: Record<Mode, Run[]> = { pages: [], 'watch-list': [] };
    for (let i = 0; i < RUNS; i++) for (const mode of i % 2 ? [...MODES].reverse() : MODES) runs[mode].push(await syncOnce(server, pods, mode, count));
    for (const mode of MODES) {
      const r = runs[mode];
      const label = `${count.toLocaleString('en-US')} pods${size === 'large' ? ' (large, managedFields)' : ''}, ${mode}`;
      rows.push([`${label}: time to synced, ms (median (runs))`, fmt(r, 'ms')]);
      rows.push([`${label}: client CPU, ms`, fmt(r, 'clientCpuMs')]);
      rows.push([`${label}: client peak heap, MB`, fmt(r, 'peakHeapMb', 1)]);
      rows.push([`${label}: server CPU, ms`, fmt(r, 'serverCpuMs')]);
      rows.push([`${label}: server bytes, MB`, (median(r.map((x) => x.bytes)) / 1024 / 1024).toFixed(2)]);
      rows.push([`${label}: requests`, median(r.map((x) => x.requests))]);
    }
  } finally {
    await server.stop();
  }
}
report('watch-list', rows);
