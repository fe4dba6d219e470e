// Watch cache: sync 10,000 pods from the simulator, then apply 1,000 pod updates a second for 10 s.
import { loadKubeConfig } from '../src/kube/kubeconfig.js';
import { discover } from '../src/kube/discover.js';
import { KubeTransport } from '../src/kube/transport.js';
import { WatchCache } from '../src/kube/watch-cache.js';
import { median, report, rssSampler, startBenchServer } from './harness.js';

const PODS = 10_000;
const RATE = 1_000;
const SECONDS = 10;

const server = await startBenchServer(PODS, 100);
const rss = rssSampler();
try {
  const transport = new KubeTransport(loadKubeConfig({ kubeconfig: server.kubeconfig }));
  const pods = (await discover(transport)).find('pods')!;
  const syncs: number[] = [];
  let cache!: WatchCache;
  for (let run = 0; run < 5; run++) {
    if (cache) await cache.stop();
    const t0 = performance.now();
    cache = new WatchCache(transport, pods).start();
    await cache.whenSynced();
    syncs.push(performance.now() - t0);
    if (cache.size !== PODS) throw new Error(`synced ${cache.size} pods, expected ${PODS}`);
  }
  (globalThis as { gc?: () => void }).gc?.();
  const steadyMb = Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10;
  const heapMb = Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
  const baseEvents = cache.stats.events;
  const baseNotes = cache.stats.notifications;
  const t0 = performance.now();
  server.send(`churn ${RATE} ${SECONDS}`);
  await server.waitFor('churned');
  // Let the last events arrive.
  while (cache.stats.events - baseEvents < RATE * SECONDS && performance.now() - t0 < (SECONDS + 10) * 1000) await new Promise((r) => setTimeout(r, 20));
  const elapsed = (performance.now() - t0) / 1000;
  const events = cache.stats.events - baseEvents;
  const notes = cache.stats.notifications - baseNotes;
  await cache.stop();
  transport.destroy();
  report('watch-cache', [
    ['pods', PODS],
    ['sync time, median of 5 (ms)', Math.round(median(syncs))],
    ['sync time, runs (ms)', syncs.map((s) => Math.round(s)).join(', ')],
    ['updates sent', `${RATE}/s for ${SECONDS} s`],
    ['events applied', events],
    ['events applied per second', Math.round(events / elapsed)],
    ['UI notifications per second', Math.round((notes / elapsed) * 10) / 10],
    ['RSS after sync, after GC (MB)', steadyMb],
    ['heap used after sync (MB)', heapMb],
    ['peak RSS of the client over the run (MB)', rss.peakMb()],
  ]);
} finally {
  rss.stop();
  await server.stop();
}
