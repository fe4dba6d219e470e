// The out-of-process parts of the scale benchmark: kdrill started cold in a real terminal,
// kubectl, the manual kubectl walk of a route, and the bare list floor, all against one server.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { BenchServer } from './harness.js';

/** Wall time of a command run to completion, in ms; throws if it fails unexpectedly. */
export function timed(cmd: string, args: string[], okStatus: number[] = [0]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (!okStatus.includes(r.status ?? -1)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 300)}`);
  return ms;
}

/**
 * `kdrill -A` in tmux: ms from launch to the first frame that shows `pods (N)` with all N pods.
 * The screen is read every 5 ms, so figures carry up to 5 ms of polling.
 */
export async function kdrillColdStart(server: BenchServer, pods: number): Promise<number> {
  const name = `kdrill-scale-${process.pid}`;
  const t0 = performance.now();
  execFileSync('tmux', ['-L', name, 'new-session', '-d', '-s', name, '-x', '120', '-y', '40', `node bin/kdrill.js --kubeconfig ${server.kubeconfig} -A`]);
  try {
    for (;;) {
      const screen = execFileSync('tmux', ['-L', name, 'capture-pane', '-p', '-t', name], { encoding: 'utf8' });
      if (new RegExp(`pods\\s+\\(${pods}\\)`).test(screen)) return performance.now() - t0;
      if (performance.now() - t0 > 180_000) throw new Error(`kdrill showed no ${pods} pods within 180 s:\n${screen}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    execFileSync('tmux', ['-L', name, 'kill-session', '-t', name]);
  }
}

/** The seed document's manual walk, as commands: Ingresses everywhere, the Ingress, its Service, the pods its selector picks. */
export function manualWalk(server: BenchServer, host: string): string[][] {
  // Generated hosts read APP-INGRESS-N.NAMESPACE.example.com; the Ingress is APP-INGRESS.
  const [first, ns] = host.split('.');
  const ingress = first.split('-').slice(0, 3).join('-');
  const app = first.split('-').slice(0, 2).join('-');
  const kc = ['--kubeconfig', server.kubeconfig];
  return [
    [...kc, 'get', 'ingresses', '-A'],
    [...kc, 'get', 'ingress', ingress, '-n', ns, '-o', 'yaml'],
    [...kc, 'get', 'service', app, '-n', ns, '-o', 'yaml'],
    [...kc, 'get', 'pods', '-n', ns, `--selector=app=${app}`],
  ];
}

/** A bare Node process listing pods in pages of 500 and parsing them (bench/floor-client.mjs), over HTTPS as kdrill, or plain HTTP. */
export function floor(server: BenchServer, transport: 'https' | 'http' = 'https', path = '/api/v1/pods'): number {
  return timed(process.execPath, ['bench/floor-client.mjs', transport === 'https' ? server.summary.tlsUrl : server.summary.url, path]);
}

/** Resident memory of a process from /proc, in MB: now, and the peak so far. */
function memoryOf(pid: string): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/**
 * Whether a screen shows every pod and every cache in sync. "in sync" alone is not enough: before
 * the first screen asks for anything the status line reads "watching 0 kinds, in sync".
 */
export function allInSync(screen: string, pods: number): boolean {
  const kinds = /watching (\d+) kinds, in sync/.exec(screen);
  return !!kinds && Number(kinds[1]) >= 10 && new RegExp(`pods\\s+\\(${pods}\\)`).test(screen);
}

/**
 * The memory of a real `kdrill -A` (the shipped bundle, in tmux) watching the whole cluster:
 * once every cache is in sync and after `settleMs` more (background work done), then after
 * `churn` pod updates a second for `seconds` (none when `churn` is 0: `churned` is then `steady`).
 * Idle RSS rises and falls with the garbage of each metrics poll and the collections that follow,
 * so `idle` is a second's samples over `idleS` seconds after `steady`: median, lowest, highest;
 * `churning` the same over the second half of the churn.
 */
export async function kdrillMemory(server: BenchServer, settleMs: number, churn: number, seconds: number, idleS = 30) {
  const name = `kdrill-mem-${process.pid}`;
  execFileSync('tmux', ['-L', name, 'new-session', '-d', '-s', name, '-x', '120', '-y', '40', `node ${process.env.KDRILL_NODE_FLAGS ?? ''} bin/kdrill.js --kubeconfig ${server.kubeconfig} -A`]);
  try {
    const pid = execFileSync('tmux', ['-L', name, 'list-panes', '-t', name, '-F', '#{pane_pid}'], { encoding: 'utf8' }).trim();
    const t0 = performance.now();
    while (!allInSync(execFileSync('tmux', ['-L', name, 'capture-pane', '-p', '-t', name], { encoding: 'utf8' }), server.summary.pods)) {
      if (performance.now() - t0 > 300_000) throw new Error('kdrill did not get in sync within 300 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    const synced = memoryOf(pid);
    await new Promise((r) => setTimeout(r, settleMs));
    const steady = memoryOf(pid);
    const samples: number[] = [];
    for (let s = 0; s < idleS; s++) {
      await new Promise((r) => setTimeout(r, 1000));
      samples.push(memoryOf(pid).rss);
    }
    samples.sort((a, b) => a - b);
    const idle = { median: samples[Math.floor(samples.length / 2)] ?? steady.rss, low: samples[0] ?? steady.rss, high: samples.at(-1) ?? steady.rss };
    if (!churn) return { synced, steady, idle, churned: steady, churning: idle };
    server.send(`churn ${churn} ${seconds}`);
    // RSS under churn swings with each collection as idle RSS does: a sample a second over the second half.
    const during: number[] = [];
    const sampler = setInterval(() => during.push(memoryOf(pid).rss), 1000);
    await server.waitFor('churned');
    clearInterval(sampler);
    const late = during.slice(Math.floor(during.length / 2)).sort((a, b) => a - b);
    const churning = { median: late[Math.floor(late.length / 2)] ?? 0, low: late[0] ?? 0, high: late.at(-1) ?? 0 };
    return { synced, steady, idle, churned: memoryOf(pid), churning };
  } finally {
    execFileSync('tmux', ['-L', name, 'kill-session', '-t', name]);
  }
}
