import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { rolloutStatus } from '../../src/model/rollout/rollout-status.js';
import type { TestCluster } from './sim.js';
import { waitFor } from './wait.js';
import { kubectlFlags } from './kubectl.js';

/** A command running to its end: what it has printed so far, and its exit. */
export interface Run {
  stdout: string;
  stderr: string;
  status: number | null | undefined;
  exited: Promise<number | null>;
  kill(): void;
}

/** Starts a command without blocking this process (the in-process simulated cluster must keep serving). */
export function launch(command: string, args: string[]): Run {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const run: Run = {
    stdout: '',
    stderr: '',
    status: undefined,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve((run.status = code)))),
    kill: () => child.kill('SIGKILL'),
  };
  child.stdout.on('data', (d) => (run.stdout += d));
  child.stderr.on('data', (d) => (run.stderr += d));
  return run;
}

/** `kdrill rollout status` (the built bin/kdrill.js) on a test cluster. */
export const kdrillRollout = (c: TestCluster, workload: string, ns: string, ...flags: string[]): Run =>
  launch(process.execPath, ['bin/kdrill.js', 'rollout', 'status', workload, '-n', ns, '--kubeconfig', c.kubeconfigPath, ...flags]);

/** kubectl's own `rollout status` on a test cluster. */
export const kubectlRollout = (c: TestCluster, workload: string, ns: string): Run =>
  launch('kubectl', [...kubectlFlags(c.kubeconfigPath), 'rollout', 'status', workload, '-n', ns]);

/**
 * Runs kdrill with stdout and stderr on one file, so that the order of its lines across the
 * two streams is the order it wrote them (both are synchronous writes to a file).
 */
export async function kdrillInterleaved(c: TestCluster, workload: string, ns: string, until: (text: string) => boolean, ...flags: string[]): Promise<string> {
  const file = `${c.kubeconfigPath}.out-${Date.now()}`;
  const fd = openSync(file, 'w');
  const child = spawn(process.execPath, ['bin/kdrill.js', 'rollout', 'status', workload, '-n', ns, '--kubeconfig', c.kubeconfigPath, ...flags], { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    await waitFor('kdrill to write', () => until(readFileSync(file, 'utf8')), 20_000);
  } finally {
    child.kill('SIGINT');
    await exited;
  }
  return readFileSync(file, 'utf8');
}

/** The exit status of a run that should end by itself (killed, and failing the test, when it does not within `ms`). */
export async function ended(run: Run, ms = 20_000): Promise<number | null> {
  try {
    await waitFor('the run to end', () => run.status !== undefined, ms);
  } finally {
    if (run.status === undefined) run.kill();
  }
  return run.status as number | null;
}

/** Waits until every run has printed something (it has listed the workload) or ended. */
export function started(...runs: Run[]): Promise<true> {
  return waitFor('the first status lines', () => runs.every((r) => r.stdout || r.stderr || r.status !== undefined), 20_000);
}

/**
 * Moves simulated time a second at a time until kubectl's own verdict on the stored workload is
 * final (done or an error), then waits for the runs to end. Every watcher sees every change.
 */
export async function driveToEnd(c: TestCluster, resource: string, ns: string, name: string, kind: string, runs: Run[], maxSeconds = 300): Promise<void> {
  const final = () => {
    const s = rolloutStatus({ kind, ...c.sim.store.get(resource, ns, name)! });
    return s.done || !!s.error;
  };
  for (let i = 0; i < maxSeconds && !final(); i++) {
    c.sim.advance(1_000);
    // A turn of the event loop, so that the server writes the watch events of this second.
    await new Promise((resolve) => setImmediate(resolve));
  }
  try {
    await waitFor('every run to end', () => runs.every((r) => r.status !== undefined), 20_000);
  } finally {
    for (const r of runs) if (r.status === undefined) r.kill();
  }
}
