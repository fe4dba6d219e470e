// `kdrill --demo` start-up in a real terminal (tmux, 120x40), as a new user first meets it: from
// process start to its first frame, and to the first table showing the demo's pods. Median of 5
// (KDRILL_DEMO_RUNS). The demo starts its simulated cluster in the same process, so this is the
// whole of what a user waits for.
import { execFileSync } from 'node:child_process';
import { median, report } from './harness.js';

const RUNS = Number(process.env.KDRILL_DEMO_RUNS ?? 5);
const [COLUMNS, ROWS] = [120, 40];

/** ms from launching `kdrill --demo` in tmux to its first frame, and to the first frame with a pods table. */
async function demoStart(): Promise<[number, number]> {
  const name = `kdrill-demo-${process.pid}`;
  const t0 = performance.now();
  let first: number | undefined;
  execFileSync('tmux', ['-L', name, 'new-session', '-d', '-s', name, '-x', String(COLUMNS), '-y', String(ROWS), 'node bin/kdrill.js --demo']);
  try {
    for (;;) {
      const screen = execFileSync('tmux', ['-L', name, 'capture-pane', '-p', '-t', name], { encoding: 'utf8' });
      if (first === undefined && /kdrill/.test(screen)) first = performance.now() - t0;
      if (/pods {2}\([1-9]\d*\)/.test(screen)) return [first ?? performance.now() - t0, performance.now() - t0];
      if (performance.now() - t0 > 20_000) throw new Error(`kdrill --demo showed no pods within 20 s:\n${screen}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    execFileSync('tmux', ['-L', name, 'kill-session', '-t', name]);
  }
}

const starts: [number, number][] = [];
for (let i = 0; i < RUNS; i++) starts.push(await demoStart());
console.error('demo first frame / first table', starts.map((d) => d.map(Math.round).join('/')).join(', '));
report('demo', [
  [`kdrill --demo, tmux ${COLUMNS}x${ROWS}: process start to its first frame, median of ${RUNS} (ms)`, Math.round(median(starts.map((s) => s[0])))],
  [`kdrill --demo: process start to the first table showing pods, median of ${RUNS} (ms)`, Math.round(median(starts.map((s) => s[1])))],
  ['  runs (first table, ms)', starts.map((s) => Math.round(s[1])).join(', ')],
  ['target: first table with pods', '< 500 ms'],
]);
