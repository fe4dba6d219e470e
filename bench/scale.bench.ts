// Scale: the generated large cluster (30,000 pods, 300 namespaces, 200 nodes, 3,000
// Deployments and Services, 2,000 Ingresses with 5,000 hosts, 50,000 events), with kdrill
// measured side by side with kubectl and with the bare list floor against the same server, and
// what each costs that server (requests, bytes, watches; bench/scale-cost.ts). Its pods carry
// managedFields as a real API server's do (KDRILL_BENCH_MANAGED_FIELDS=0: without).
// KDRILL_SCALE=0.1 runs it smaller; KDRILL_SCALE_RUNS sets the runs per figure (default 5);
// KDRILL_COST_WINDOW the idle window of the cost rows in seconds (default 30).
import { ClusterSession } from '../src/kube/cluster-session.js';
import { loadKubeConfig } from '../src/kube/kubeconfig.js';
import { traceRoute } from '../src/model/route/trace-route.js';
import { renderExplorer } from './explorer-driver.js';
import { cursorMoves, filterKeys, namespaceSwitches, sortPresses } from './key-runs.js';
import { paneOpens } from './pane-open.js';
import { median, percentile, report, rssSampler, startBenchServer } from './harness.js';
import { costText, kdrillCost, kubectlCost, watchesText } from './scale-cost.js';
import { floor, kdrillColdStart, kdrillMemory, manualWalk, timed } from './scale-external.js';

const SCALE = Number(process.env.KDRILL_SCALE ?? 1);
const RUNS = Number(process.env.KDRILL_SCALE_RUNS ?? 5);
// KDRILL_SCALE_PARTS=ui skips the out-of-process figures (for working on the explorer).
const EXTERNAL = process.env.KDRILL_SCALE_PARTS !== 'ui';
const RUNS_OUT = EXTERNAL ? RUNS : 0;
// API server cost: idle over a window of this many seconds (scaled to a minute), churn over CHURN_S.
const WINDOW_S = Number(process.env.KDRILL_COST_WINDOW ?? 30);
const CHURN_S = 15;
const MEMORY_CHURN_S = 60;
const [COLUMNS, ROWS] = [200, 50];
const ms = (v: number) => Math.round(v * 10) / 10;
const pct = (v: number[]) => `${ms(percentile(v, 50))} / ${ms(percentile(v, 95))} / ${ms(percentile(v, 99))}`;
// Shift-letters of the pods view's columns (IP and NODE are wide-only; NAMESPACE and the %-columns have no key).
const FIRST_SORT_KEYS = ['A', 'S', 'R', 'T', 'C', 'M', 'N'];
const runs = <T>(n: number, f: () => T) => Array.from({ length: n }, f);
async function runsAsync(n: number, f: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}

const server = await startBenchServer('large', SCALE);
const PODS = server.summary.pods;
const host = server.summary.healthyHost!;
const kc = ['--kubeconfig', server.kubeconfig];
console.error(`large cluster: ${PODS} pods; tracing ${host}`);
try {
  // 6. The floor: the simulator serving the pods list to a bare client that only parses it,
  // over HTTPS as kdrill and kubectl (ratios use it), and over plain HTTP.
  const floors = runs(RUNS_OUT, () => floor(server, 'https'));
  const floorsPlain = runs(RUNS_OUT, () => floor(server, 'http'));
  // 1. Cold start to the first frame with every pod, beside kubectl on the same server.
  const kdrillCold = await runsAsync(RUNS_OUT, () => kdrillColdStart(server, PODS));
  const kubectlTable = runs(EXTERNAL ? 3 : 0, () => timed('kubectl', [...kc, 'get', 'pods', '-A']));
  const kubectlUnchunked = runs(EXTERNAL ? 3 : 0, () => timed('kubectl', [...kc, 'get', 'pods', '-A', '--chunk-size=0']));
  const kubectlJson = runs(EXTERNAL ? 3 : 0, () => timed('kubectl', [...kc, 'get', 'pods', '-A', '-o', 'json']));
  console.error('cold start', kdrillCold.map(Math.round), 'kubectl', kubectlTable.map(Math.round), 'floor', floors.map(Math.round));
  // 2. A route trace, cold, beside the manual walk of the seed document.
  const traceCold = runs(RUNS_OUT, () => timed(process.execPath, ['bin/kdrill.js', 'trace', host, ...kc]));
  const walk = runs(EXTERNAL ? 3 : 0, () => manualWalk(server, host).reduce((sum, args) => sum + timed('kubectl', args), 0));
  // 5. Memory of the real process watching everything: in sync, settled, and after 15 s of 1,000 updates/s.
  // Memory under churn as issue 19 measures it: after 60 s of 1,000 pod updates a second.
  const memory = EXTERNAL ? await kdrillMemory(server, 10_000, 1000, MEMORY_CHURN_S) : undefined;
  // 7. What each costs the API server for the same screen, each alone against it.
  const kdrillServed = EXTERNAL ? await kdrillCost(server, PODS, WINDOW_S, CHURN_S, 1000) : undefined;
  const kubectlServed = EXTERNAL ? await kubectlCost(server, WINDOW_S, CHURN_S, 1000) : undefined;

  // 3–5. In process: the explorer at 30,000 rows, idle and under churn, and its memory.
  const rss = rssSampler();
  const t0 = performance.now();
  const session = await ClusterSession.open(loadKubeConfig({ kubeconfig: server.kubeconfig }));
  session.watchRelations(undefined, { afterScreen: true });
  const ui = renderExplorer(session, COLUMNS, ROWS);
  await ui.frame(new RegExp(`pods\\s+\\(${PODS}\\)`));
  const warmFirstFrame = performance.now() - t0;
  await session.relationsReady(120_000);
  const allLoaded = performance.now() - t0;
  const warmTrace = runs(200, () => {
    const s = performance.now();
    traceRoute(session.indexes, { host }, Date.now());
    return performance.now() - s;
  });
  const cursor = await cursorMoves(ui);
  const filter = await filterKeys(ui);
  // A view switch away and back, then the first sort by each sortable column of the fresh pods view (one press each).
  const viewSwitch: number[] = [];
  const firstSorts: number[] = [];
  const switchAndSort = async (switches: number[], firsts: number[]) => {
    await ui.type(':deploy');
    switches.push(await ui.press('\r', /deployments\s+\(\d+\)/));
    await ui.type(':po');
    switches.push(await ui.press('\r', new RegExp(`pods\\s+\\(${PODS}\\)`)));
    // AGE, STATUS, READY, RESTARTS, CPU, MEM (busiest first), then NAME (the default: reversed).
    for (const key of FIRST_SORT_KEYS) firsts.push(await ui.press(key));
  };
  await switchAndSort(viewSwitch, firstSorts);
  console.error('view switch', viewSwitch.map(Math.round), 'first sorts', FIRST_SORT_KEYS.join(''), firstSorts.map(Math.round));
  const sorts = await sortPresses(ui);
  const nsSwitch = await namespaceSwitches(ui, PODS);
  // YAML and describe of pods whose whole object is not cached (slim caches): a GET, then the first lines.
  const panes = await paneOpens(ui, 10);
  (globalThis as { gc?: () => void }).gc?.();
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
  // Under load: 1,000 pod updates a second for 15 s while keys are pressed.
  server.send(`churn 1000 15`);
  const churnCursor: number[] = [];
  const framesBefore = ui.stdout.frames;
  const c0 = performance.now();
  let churning = true;
  void server.waitFor('churned').then(() => (churning = false));
  const churnSwitch: number[] = [];
  const churnFirstSorts: number[] = [];
  await switchAndSort(churnSwitch, churnFirstSorts);
  console.error('under churn: view switch', churnSwitch.map(Math.round), 'first sorts', churnFirstSorts.map(Math.round));
  while (churning) churnCursor.push(await ui.press(churnCursor.length % 50 < 40 ? 'j' : 'k'));
  const fps = (ui.stdout.frames - framesBefore) / ((performance.now() - c0) / 1000);
  ui.unmount();
  await session.stop();
  rss.stop();
  const ratio = (a: number, b: number) => `${Math.round((a / b) * 100) / 100}x`;
  report(`scale${SCALE === 1 ? '' : `-${SCALE}`}`, [
    ['cluster', `${PODS} pods, 300 ns, 3,000 deploys/services, 2,000 ingresses (5,000 hosts), 50,000 events`.replace('300 ns', `${Math.round(300 * SCALE)} ns`) + (process.env.KDRILL_BENCH_MANAGED_FIELDS === '0' ? '' : '; pods with managedFields')],
    [`floor: bare node process listing the pods (pages of 500) over HTTPS and parsing, median of ${RUNS} (ms)`, Math.round(median(floors))],
    [`floor over plain HTTP, median of ${RUNS} (ms)`, Math.round(median(floorsPlain))],
    [`kdrill -A cold start to first frame with all pods, tmux, median of ${RUNS} (ms)`, Math.round(median(kdrillCold))],
    ['kubectl get pods -A, median of 3 (ms)', Math.round(median(kubectlTable))],
    ['kubectl get pods -A --chunk-size=0, median of 3 (ms)', Math.round(median(kubectlUnchunked))],
    ['kubectl get pods -A -o json, median of 3 (ms)', Math.round(median(kubectlJson))],
    ['kdrill cold start / floor (HTTPS, the same transport as kdrill)', ratio(median(kdrillCold), median(floors))],
    ['kdrill cold start / kubectl get pods -A', ratio(median(kdrillCold), median(kubectlTable))],
    [`kdrill trace HOST, cold (process start to exit), median of ${RUNS} (ms)`, Math.round(median(traceCold))],
    ['manual kubectl walk (get ing -A, get ing, get svc, get pods -l), median of 3 (ms)', Math.round(median(walk))],
    ['kdrill trace cold / manual walk', ratio(median(traceCold), median(walk))],
    ['trace, warm, p50 / p95 / p99 (ms)', `${ms(percentile(warmTrace, 50))} / ${ms(percentile(warmTrace, 95))} / ${ms(percentile(warmTrace, 99))}`],
    ['API server cost at start: kdrill -A, launch to the first frame with all pods', kdrillServed ? costText(kdrillServed.start) : '-'],
    ['API server cost at start: kdrill -A, launch to in sync, watches held still 3 s', kdrillServed ? costText(kdrillServed.settled!) : '-'],
    ['API server cost at start: kubectl get pods -A (one run)', kubectlServed ? costText(kubectlServed.start) : '-'],
    [`API server cost idle, per minute (${WINDOW_S} s window): kdrill -A, in sync`, kdrillServed ? costText(kdrillServed.idle, 60 / WINDOW_S) : '-'],
    [`API server cost idle, per minute (${WINDOW_S} s window): kubectl get pods -A --watch`, kubectlServed ? costText(kubectlServed.idle, 60 / WINDOW_S) : '-'],
    [`API server cost under 1,000 pod updates/s, per minute (${CHURN_S} s window): kdrill -A`, kdrillServed ? costText(kdrillServed.churn, 60 / CHURN_S) : '-'],
    [`API server cost under 1,000 pod updates/s, per minute (${CHURN_S} s window): kubectl --watch`, kubectlServed ? costText(kubectlServed.churn, 60 / CHURN_S) : '-'],
    ['watches kdrill -A holds once settled (resource@namespace)', kdrillServed ? watchesText(kdrillServed.settled!) : '-'],
    ['in process: first frame with all pods (ms)', Math.round(warmFirstFrame)],
    ['in process: every relation cache loaded (ms)', Math.round(allLoaded)],
    [`cursor move at ${PODS} rows, p50 / p95 / p99 (ms)`, pct(cursor)],
    ['filter keystroke, p50 / p95 / p99 (ms)', pct(filter)],
    ['sort (by age, name, status; again: reverse), p50 / p95 / p99 (ms)', pct(sorts)],
    ['YAML of a pod not cached whole (GET), key to its first lines, p50 / p95 / max of 10 (ms)', pct(panes.yaml)],
    ['describe of a pod not cached whole (GET), key to its first lines, p50 / p95 / max of 10 (ms)', pct(panes.describe)],
    ['namespace switch (:ns X Enter, then 0), to the frame with its pods, p50 / p95 / p99 (ms)', pct(nsSwitch)],
    [`first sort by each column (${FIRST_SORT_KEYS.join(' ')}, one press each after :deploy, :po), p50 / p95 / max (ms)`, pct(firstSorts)],
    ['view switch (:deploy Enter, then :po Enter), p50 / p95 / max (ms)', pct(viewSwitch)],
    ['under 1,000 pod updates/s: cursor move p50 / p95 / p99 (ms)', pct(churnCursor)],
    ['under 1,000 pod updates/s: first sort by each column, p50 / p95 / max (ms)', pct(churnFirstSorts)],
    ['under 1,000 pod updates/s: view switch (:deploy, :po), p50 / p95 / max (ms)', pct(churnSwitch)],
    ['under 1,000 pod updates/s: frames per second', Math.round(fps * 10) / 10],
    [`kdrill process RSS: in sync / 10 s later / after ${MEMORY_CHURN_S} s of 1,000 updates/s (MB)`, memory ? `${memory.synced.rss} / ${memory.steady.rss} / ${memory.churned.rss}` : '-'],
    ['kdrill process RSS idle, the 30 s after: median (lowest-highest) (MB)', memory ? `${memory.idle.median} (${memory.idle.low}-${memory.idle.high})` : '-'],
    [`kdrill process RSS under 1,000 updates/s, the last ${MEMORY_CHURN_S / 2} s of ${MEMORY_CHURN_S}: median (lowest-highest) (MB)`, memory ? `${memory.churning.median} (${memory.churning.low}-${memory.churning.high})` : '-'],
    ['kdrill process peak RSS (MB)', memory ? memory.churned.peak : '-'],
    ['in process: JS heap with everything loaded, after GC (MB)', heapMb],
    ['in process: peak RSS of the benchmark process (MB)', rss.peakMb()],
  ]);
} finally {
  await server.stop();
}
