// Scale at 100,000 pods: the generated large cluster at --scale 3.33 (99,900 pods, 999
// namespaces, 666 nodes, 9,990 Deployments and Services, 6,660 Ingresses, 166,500 events), its
// own server. Fewer runs than the 30,000-pod table (KDRILL_SCALE_RUNS, default 3), to keep the
// whole `npm run bench -- scale` within about 15 minutes. KDRILL_SCALE multiplies the size
// (KDRILL_SCALE=0.1 runs it at 9,990 pods).
import { ClusterSession } from '../src/kube/cluster-session.js';
import { loadKubeConfig } from '../src/kube/kubeconfig.js';
import { renderExplorer } from './explorer-driver.js';
import { cursorMoves, filterKeys, namespaceSwitches, sortPresses } from './key-runs.js';
import { median, percentile, report, startBenchServer } from './harness.js';
import { floor, kdrillColdStart, kdrillMemory } from './scale-external.js';

const FACTOR = Number(process.env.KDRILL_SCALE ?? 1);
const SCALE = Math.round(3.33 * FACTOR * 1000) / 1000;
const RUNS = Number(process.env.KDRILL_SCALE_RUNS ?? 3);
const [COLUMNS, ROWS] = [200, 50];
const ms = (v: number) => Math.round(v * 10) / 10;
const pct = (v: number[]) => `${ms(percentile(v, 50))} / ${ms(percentile(v, 95))} / ${ms(percentile(v, 99))}`;
const ratio = (a: number, b: number) => `${Math.round((a / b) * 100) / 100}x`;
async function runs(n: number, f: () => number | Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}

const g0 = performance.now();
const server = await startBenchServer('large', SCALE);
const generated = performance.now() - g0;
const PODS = server.summary.pods;
console.error(`large cluster at --scale ${SCALE}: ${PODS} pods, generated and served in ${Math.round(generated)} ms`);
try {
  const floors = await runs(RUNS, () => floor(server, 'https'));
  const floorPlain = await runs(1, () => floor(server, 'http'));
  const cold = await runs(RUNS, () => kdrillColdStart(server, PODS));
  console.error('cold start', cold.map(Math.round), 'floor', floors.map(Math.round));
  // 20 s after in sync: the relation caches (166,500 events) take longer to load than at 30,000 pods.
  const memory = await kdrillMemory(server, 20_000, 0, 0);

  // In process: the explorer at every row, with every relation cache loaded, keys timed to their frame.
  const session = await ClusterSession.open(loadKubeConfig({ kubeconfig: server.kubeconfig }));
  session.watchRelations(undefined, { afterScreen: true });
  const ui = renderExplorer(session, COLUMNS, ROWS);
  await ui.frame(new RegExp(`pods\\s+\\(${PODS}\\)`), 300_000);
  await session.relationsReady(300_000);
  const cursor = await cursorMoves(ui);
  const filter = await filterKeys(ui);
  const sorts = await sortPresses(ui);
  const nsSwitch = await namespaceSwitches(ui, PODS);
  ui.unmount();
  await session.stop();
  report(`scale-100k${FACTOR === 1 ? '' : `-${FACTOR}`}`, [
    ['cluster', `--scale ${SCALE}: ${PODS} pods, ${Math.round(300 * SCALE)} ns, ${Math.round(200 * SCALE)} nodes, ${Math.round(50_000 * SCALE)} events${process.env.KDRILL_BENCH_MANAGED_FIELDS === '0' ? '' : '; pods with managedFields'}`],
    ['simulator: generate and serve, its own process (ms)', Math.round(generated)],
    [`floor: bare node process listing the pods (pages of 500) over HTTPS and parsing, median of ${RUNS} (ms)`, Math.round(median(floors))],
    ['floor over plain HTTP, one run (ms)', Math.round(floorPlain[0])],
    [`kdrill -A cold start to first frame with all pods, tmux 120x40, median of ${RUNS} (ms)`, Math.round(median(cold))],
    ['kdrill cold start / floor (HTTPS, the same transport as kdrill)', ratio(median(cold), median(floors))],
    [`cursor move at ${PODS} rows, p50 / p95 / p99 (ms)`, pct(cursor)],
    ['filter keystroke, p50 / p95 / p99 (ms)', pct(filter)],
    ['sort (by age, name, status; again: reverse), p50 / p95 / p99 (ms)', pct(sorts)],
    ['namespace switch (:ns X Enter, then 0), p50 / p95 / p99 (ms)', pct(nsSwitch)],
    ['kdrill process RSS: in sync / 20 s later (MB), one run', `${memory.synced.rss} / ${memory.steady.rss}`],
    ['kdrill process RSS idle, the 30 s after: median (lowest-highest) (MB)', `${memory.idle.median} (${memory.idle.low}-${memory.idle.high})`],
    ['kdrill process peak RSS (MB)', memory.steady.peak],
  ]);
} finally {
  await server.stop();
}
