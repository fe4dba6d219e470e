// One Ink variant of bench/ink-variants.bench.ts, in its own process (the parent chooses the Ink
// with KDRILL_INK_DIR and incrementalRendering with KDRILL_INK_INCREMENTAL). Drives the explorer
// at every pod of the parent's server and sends back, over IPC, per kind of key: wall-clock
// latencies, CPU and bytes written per keypress, and whether a real terminal (tmux) replaying
// the bytes shows the frame Ink meant.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ClusterSession } from '../src/kube/cluster-session.js';
import { loadKubeConfig } from '../src/kube/kubeconfig.js';
import { renderExplorer, type Explorer } from './explorer-driver.js';
import { median } from './harness.js';

/** What one kind of key cost: latencies (ms); CPU, Ink's output stage (ms) and bytes per press, a value per block. */
export interface KeyFigures {
  latency: number[];
  cpuPerPress: number[];
  inkPerPress: number[];
  bytesPerPress: number[];
}

/** What a variant's process reports. */
export interface VariantResult {
  keys: Record<string, KeyFigures>;
  churn: KeyFigures & { fps: number; bytesPerSecond: number; cpuPerSecond: number };
  idleCpuPerSecond: number;
  /** Empty when the screens matched; otherwise what differed. */
  screenCheck: string[];
}

const [COLUMNS, ROWS] = [200, 50];
const PODS = Number(process.env.KDRILL_INK_PODS);
const CHURN_S = Number(process.env.KDRILL_INK_CHURN_S ?? 10);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// Until no frame for `ms` (or 5 s at most: a clock column may tick).
const quiet = (ui: Explorer, ms = 300) =>
  new Promise<void>((resolve) => {
    let t = setTimeout(done, ms);
    const cap = setTimeout(done, 5000);
    const bump = () => {
      clearTimeout(t);
      t = setTimeout(done, ms);
    };
    function done() {
      clearTimeout(t);
      clearTimeout(cap);
      ui.stdout.off('frame', bump);
      resolve();
    }
    ui.stdout.on('frame', bump);
  });

/** Presses `keys` a block at a time; each block gives CPU and bytes per press. */
async function block(ui: Explorer, figures: KeyFigures, keys: string[]): Promise<void> {
  const [c0, b0, i0] = [cpuMs(), ui.stdout.bytes, inkMs];
  for (const k of keys) figures.latency.push(await ui.press(k));
  figures.cpuPerPress.push((cpuMs() - c0) / keys.length);
  figures.inkPerPress.push((inkMs - i0) / keys.length);
  figures.bytesPerPress.push((ui.stdout.bytes - b0) / keys.length);
}
const figures = (): KeyFigures => ({ latency: [], cpuPerPress: [], inkPerPress: [], bytesPerPress: [] });
// Ink's output stage (its render of the laid-out tree to text; layout is not in it), summed.
let inkMs = 0;
const plain = (s: string) => s.replace(/\u001b\[[\d;]*m/g, '').split('\n').map((l) => l.trimEnd());

/** Ink's own idea of the frame (its last output), for the stdout it renders to. */
async function intendedFrame(stdout: object): Promise<string> {
  const inkDir = process.env.KDRILL_INK_DIR ?? join(createRequire(import.meta.url).resolve('ink'), '..', '..');
  const { default: instances } = await import(pathToFileURL(join(inkDir, 'build', 'instances.js')).href);
  return (instances.get(stdout) as { lastOutput: string }).lastOutput;
}

/** Replays every byte written so far in tmux at the same size, and compares what it shows with Ink's frame. */
function tmuxScreen(chunks: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-ink-'));
  const file = join(dir, 'out');
  writeFileSync(file, chunks.join(''));
  const name = `kdrill-ink-${process.pid}`;
  execFileSync('tmux', ['-L', name, 'new-session', '-d', '-s', name, '-x', String(COLUMNS), '-y', String(ROWS), `stty -echo; cat ${file}; tmux wait-for -S ${name}; sleep 600`]);
  try {
    execFileSync('tmux', ['-L', name, 'wait-for', name], { timeout: 60_000 });
    // The pane may still be parsing the tail of what cat wrote: read it until it holds still.
    const capture = () => execFileSync('tmux', ['-L', name, 'capture-pane', '-p', '-t', name], { encoding: 'utf8' });
    let [before, now] = ['', capture()];
    while (before !== now) {
      execFileSync('sleep', ['0.3']);
      [before, now] = [now, capture()];
    }
    return now.split('\n').map((l) => l.trimEnd());
  } finally {
    execFileSync('tmux', ['-L', name, 'kill-session', '-t', name]);
    rmSync(dir, { recursive: true });
  }
}

/** Differences between two screens of lines, ignoring trailing blank lines. */
function differences(what: string, a: string[], b: string[]): string[] {
  const trim = (l: string[]) => {
    let n = l.length;
    while (n > 0 && l[n - 1] === '') n--;
    return l.slice(0, n);
  };
  const [x, y] = [trim(a), trim(b)];
  const out: string[] = [];
  const cut = (l = '') => JSON.stringify(l.length > 50 ? `${l.slice(0, 50)}…` : l);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) out.push(`${what} line ${i + 1}: ${cut(x[i])}, meant ${cut(y[i])}`);
  return out.slice(0, 2);
}

const ask = (msg: string) =>
  new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send!(msg);
  });

const session = await ClusterSession.open(loadKubeConfig({ kubeconfig: process.env.KDRILL_INK_KUBECONFIG! }));
const ui = renderExplorer(session, COLUMNS, ROWS, (ms) => (inkMs += ms));
ui.stdout.recording = [];
await ui.frame(new RegExp(`pods\\s+\\(${PODS}\\)`));
// After the first frame the session still works (strings shared a page at a time, the first
// metrics): wait until a half second costs under 50 ms of CPU (2 minutes at most), so that the
// keys' CPU is theirs.
let idleCpuPerSecond = Infinity;
for (const t0 = performance.now(); idleCpuPerSecond > 100 && performance.now() - t0 < 120_000; ) {
  const c0 = cpuMs();
  await new Promise((r) => setTimeout(r, 500));
  idleCpuPerSecond = (cpuMs() - c0) * 2;
}
const keys: Record<string, KeyFigures> = { cursor: figures(), page: figures(), filter: figures(), sort: figures(), namespace: figures() };
for (let b = 0; b < 4; b++) await block(ui, keys.cursor, Array.from({ length: 50 }, (_, i) => (i % 50 < 40 ? 'j' : 'k')));
for (let b = 0; b < 2; b++) await block(ui, keys.page, [...Array(5).fill('\u001b[6~'), ...Array(5).fill('\u001b[5~')]);
await ui.press('/');
for (const word of ['app-12', 'Running', 'team-7', 'app-345']) await block(ui, keys.filter, [...word, ...Array(word.length).fill('\u007f')]);
await ui.press('\u001b');
for (let b = 0; b < 2; b++) await block(ui, keys.sort, ['A', 'A', 'N', 'N', 'S']);
// The parent's server holds 100 pods in each of its namespaces, team-0 and on.
for (const ns of [4, 105, 217].map((n) => `team-${n % Math.max(1, PODS / 100)}`)) {
  await ui.type(`:ns ${ns}`);
  const [c0, b0, i0] = [cpuMs(), ui.stdout.bytes, inkMs];
  keys.namespace.latency.push(await ui.press('\r', new RegExp(`(^|\\n)ns ${ns} [\\s\\S]*pods\\s+\\(100\\)`)));
  keys.namespace.latency.push(await ui.press('0', new RegExp(`pods\\s+\\(${PODS}\\)`)));
  keys.namespace.cpuPerPress.push((cpuMs() - c0) / 2);
  keys.namespace.inkPerPress.push((inkMs - i0) / 2);
  keys.namespace.bytesPerPress.push((ui.stdout.bytes - b0) / 2);
}
await quiet(ui);
// What a terminal shows: Ink's frame, the screen rebuilt from the writes, and tmux's replay of them.
const intended = await intendedFrame(ui.stdout);
const screenCheck = [...differences('model', ui.stdout.last.split('\n'), intended.split('\n')), ...differences('tmux', tmuxScreen(ui.stdout.recording), plain(intended))];
ui.stdout.recording = undefined;
// Under load: the parent's server updates 1,000 pods a second while the cursor moves.
const churn = { ...figures(), fps: 0, bytesPerSecond: 0, cpuPerSecond: 0 };
const churned = ask(`churn ${CHURN_S}`);
let churning = true;
void churned.then(() => (churning = false));
const [f0, b0, c0, t0] = [ui.stdout.frames, ui.stdout.bytes, cpuMs(), performance.now()];
while (churning) await block(ui, churn, Array.from({ length: 20 }, (_, i) => (i < 15 ? 'j' : 'k')));
const seconds = (performance.now() - t0) / 1000;
Object.assign(churn, { fps: (ui.stdout.frames - f0) / seconds, bytesPerSecond: (ui.stdout.bytes - b0) / seconds, cpuPerSecond: (cpuMs() - c0) / seconds });
await quiet(ui);
const after = await intendedFrame(ui.stdout);
screenCheck.push(...differences('model after churn', ui.stdout.last.split('\n'), after.split('\n')));
ui.unmount();
await session.stop();
const result: VariantResult = { keys, churn, idleCpuPerSecond, screenCheck };
console.error(`cursor cpu/press ${median(keys.cursor.cpuPerPress).toFixed(2)} ms, bytes/press ${Math.round(median(keys.cursor.bytesPerPress))}; screen check: ${screenCheck.length ? screenCheck.join('; ') : 'same'}`);
process.send!(result);
process.disconnect();
