// The explorer with 10,000 pods in one view: first frame, and keypress-to-frame latency for
// cursor moves and filter keystrokes. Ink renders into an in-memory terminal (200x50, or
// KDRILL_BENCH_SIZE=COLSxROWS), so the figures are kdrill's own work (model, React, Ink).
import { execFileSync } from 'node:child_process';
import { render } from 'ink';
import { createElement } from 'react';
import { ClusterSession } from '../src/kube/cluster-session.js';
import { loadKubeConfig } from '../src/kube/kubeconfig.js';
import { Root } from '../src/ui/root.js';
import { MAX_FPS } from '../src/ui/terminal.js';
import { FakeStdin, FakeStdout } from '../test/helpers/fake-terminal.js';
import { median, percentile, report, rssSampler, startBenchServer } from './harness.js';

const PODS = 10_000;

/** A terminal in memory: Ink writes frames here, the benchmark waits for them. */
const [COLUMNS, ROWS] = (process.env.KDRILL_BENCH_SIZE ?? '200x50').split('x').map(Number);


/** Start-up of `kdrill --demo` in a real terminal (tmux, 100x30): to its first frame, and to the first frame with pods. */
async function demoFirstFrame(): Promise<[number, number]> {
  const name = `kdrill-bench-${process.pid}`;
  const t0 = performance.now();
  let first: number | undefined;
  execFileSync('tmux', ['-L', name, 'new-session', '-d', '-s', name, '-x', '100', '-y', '30', 'node bin/kdrill.js --demo']);
  try {
    for (;;) {
      const screen = execFileSync('tmux', ['-L', name, 'capture-pane', '-p', '-t', name], { encoding: 'utf8' });
      if (first === undefined && /kdrill/.test(screen)) first = performance.now() - t0;
      if (/pods {2}\([1-9]\d*\)/.test(screen)) return [first ?? performance.now() - t0, performance.now() - t0];
      if (performance.now() - t0 > 20_000) throw new Error('kdrill --demo showed no pods within 20 s');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    execFileSync('tmux', ['-L', name, 'kill-session', '-t', name]);
  }
}

const demo: [number, number][] = [];
// The demo's start-up does not depend on the terminal size: measured in full at the default size only.
for (let i = 0; i < (COLUMNS === 200 ? 5 : 1); i++) demo.push(await demoFirstFrame());
console.error('demo first frames', demo.map((d) => d.map(Math.round).join('/')).join(', '));

const server = await startBenchServer(PODS, 100);
const rss = rssSampler();
try {
  const kc = loadKubeConfig({ kubeconfig: server.kubeconfig });
  const firstFrames: number[] = [];
  let session!: ClusterSession;
  let stdout!: FakeStdout;
  let stdin!: FakeStdin;
  let instance!: ReturnType<typeof render>;
  for (let run = 0; run < 3; run++) {
    if (instance) {
      instance.unmount();
      await session.stop();
    }
    const t0 = performance.now();
    session = await ClusterSession.open(kc);
    stdout = new FakeStdout(COLUMNS, ROWS);
    stdin = new FakeStdin();
    instance = render(createElement(Root, { first: session, open: async () => session, contexts: [], version: 'bench', namespace: undefined, allNamespaces: true, readonly: false, color: true, onSession: () => {} }), {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: Number(process.env.KDRILL_MAX_FPS ?? MAX_FPS),
    });
    await new Promise<void>((resolve) => {
      const check = () => (/pods {2}\(10000\)/.test(stdout.last) ? resolve() : stdout.once('frame', check));
      check();
    });
    firstFrames.push(performance.now() - t0);
    console.error('first frame with 10,000 pods', Math.round(performance.now() - t0));
  }

  async function press(key: string): Promise<number> {
    await new Promise((r) => setTimeout(r, 20));
    const t0 = performance.now();
    const frame = new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), 30_000);
      stdout.once('frame', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
    stdin.type(key);
    if (!(await frame)) throw new Error(`no frame after ${JSON.stringify(key)}; last frame:\n${stdout.last.slice(0, 2000)}`);
    return performance.now() - t0;
  }
  const moves: number[] = [];
  for (let i = 0; i < 200; i++) {
    moves.push(await press(i % 50 < 40 ? 'j' : 'k'));
    if (i < 3) console.error('move', Math.round(moves[i]));
  }
  const pages: number[] = [];
  // Ten pages down through rows not shown before, then ten back up.
  for (let i = 0; i < 20; i++) pages.push(await press(i < 10 ? '\u001b[6~' : '\u001b[5~'));
  await press('/');
  const filter: number[] = [];
  // Type a filter, erase it, type another: 100 keystrokes, new text every time.
  for (const word of ['app-12', 'Running', 'app-345', 'team-7', 'app-99', 'node-1', 'app-5', 'team-42', 'app-678', 'Running']) {
    for (const ch of word) filter.push(await press(ch));
    for (let i = 0; i < word.length; i++) filter.push(await press('\u007f'));
  }
  await press('\u001b');
  const sorts: number[] = [];
  // Shift-N sorts by name and again reverses it (O sorts pods by NODE): every press reorders all 10,000 rows.
  for (let i = 0; i < 10; i++) sorts.push(await press('N'));
  instance.unmount();
  await session.stop();
  const ms = (v: number) => Math.round(v * 10) / 10;
  report(`ui-${COLUMNS}x${ROWS}`, [
    ['pods in the view', PODS],
    ['terminal', `${COLUMNS}x${ROWS}`],
    [`first frame, kdrill --demo in tmux, median of ${demo.length} (ms)`, Math.round(median(demo.map((d) => d[0])))],
    [`first frame with pods, kdrill --demo in tmux, median of ${demo.length} (ms)`, Math.round(median(demo.map((d) => d[1])))],
    ['first frame with 10,000 pods (connect, discover, list, render), median of 3 (ms)', Math.round(median(firstFrames))],
    ['cursor move, keypress to frame, p50 / p95 (ms)', `${ms(percentile(moves, 50))} / ${ms(percentile(moves, 95))}`],
    ['page down/up, p50 / p95 (ms)', `${ms(percentile(pages, 50))} / ${ms(percentile(pages, 95))}`],
    ['filter keystroke over 10,000 rows, p50 / p95 (ms)', `${ms(percentile(filter, 50))} / ${ms(percentile(filter, 95))}`],
    ['re-sort (reverse) of 10,000 rows, p50 / p95 (ms)', `${ms(percentile(sorts, 50))} / ${ms(percentile(sorts, 95))}`],
    ['peak RSS (MB)', rss.peakMb()],
  ]);
} finally {
  rss.stop();
  await server.stop();
}
