// A long session on the demo cluster, with its periodic rollouts churning (and the soak's own, see
// sim-process.ts): the route view of nginx.example.com open with the merged logs of its pods
// followed, keys pressed now and then.
// The cluster runs in another process on the manual clock (sim-process.ts): simulated time moves a
// step at a time, so a loaded machine makes the soak slower, never different. Used by the test
// (two simulated hours) and by `npm run soak` (longer).
import { fork } from 'node:child_process';
import { Socket } from 'node:net';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { render } from 'ink';
import { FakeStdin, FakeStdout } from '../helpers/fake-terminal.js';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { logStats } from '../../src/kube/log-stream.js';
import { Root } from '../../src/ui/root.js';
import { waitFor } from '../helpers/wait.js';
import { heapSlopeMbPerHour } from './soak-figures.js';
import type { SimAnswer, SimRequest } from './sim-process.js';

/** Simulated time per step: a person's key press comes with each. */
const STEP_MS = 2_000;
/** The simulator's event lifetime: caches that follow events fill up for this long, then stay level. */
export const EVENT_LIFETIME_MINUTES = 60;
// The simulator expires events every five minutes: from here on the event count is at its level.
const WINDOW_FROM_MINUTES = EVENT_LIFETIME_MINUTES + 5;
/** The log pane's ring buffer (the explorer's default --log-buffer): it grows until it holds this many lines. */
export const LOG_CAPACITY_LINES = 10_000;
/**
 * Samples the growth is measured over, at least (an hour of them); the run goes on (to twice its
 * length at most) until it has them. Five were too few: one sample off its line decided the slope.
 */
const WINDOW_SAMPLES = 12;

/** One measurement, after the program has seen every change so far and after a full garbage collection. */
export interface SoakSample {
  minute: number;
  heapMb: number;
  /** Active handles (sockets, timers, the child process). */
  handles: number;
  sockets: number;
  /** Responses still open: the watches and log follows, and whatever else was in flight when measured. */
  openRequests: number;
  /** Objects in kdrill's caches, and events in the simulator (what the caches follow). */
  cachedObjects: number;
  simEvents: number;
  /** Log lines received so far: the log pane's buffer is full from LOG_CAPACITY_LINES on. */
  logLines: number;
}

/** What a soak measured. */
export interface SoakResult {
  simulatedMinutes: number;
  wallSeconds: number;
  frames: number;
  samples: SoakSample[];
  /** The heap's growth once bounded caches are full: the Theil-Sen slope of the samples from `windowFromMinute` on. */
  windowFromMinute: number;
  heapMbPerHour: number;
}

const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
const activeHandles = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
// gc is exposed here even when node was not started with --expose-gc (the test runner does not).
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Runs the session for `simulatedMinutes` (at least past the event lifetime), measuring every `sampleMinutes`. */
export async function soak(simulatedMinutes: number, sampleMinutes = 5): Promise<SoakResult> {
  // Set by production-mode.ts, which an entry point imports before anything loads React (this file's JSX does).
  if (process.env.NODE_ENV !== 'production') throw new Error('import ./production-mode.js first: the soak measures React\'s production build, as shipped');
  if (simulatedMinutes < WINDOW_FROM_MINUTES + 2 * sampleMinutes) throw new Error(`a soak runs past the event lifetime: at least ${WINDOW_FROM_MINUTES + 2 * sampleMinutes} minutes`);
  const wallStart = Date.now();
  const sim = fork(new URL('./sim-process.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const answers: SimAnswer[] = [];
  const waiting: { resolve: (a: SimAnswer) => void; reject: (e: Error) => void }[] = [];
  let gone: Error | undefined;
  sim.on('message', (a: SimAnswer) => (waiting.length ? waiting.shift()!.resolve(a) : answers.push(a)));
  const exited = new Promise<void>((res) => sim.once('exit', () => res()));
  // One listener for the exit, not one per question: the soak asks thousands.
  void exited.then(() => {
    gone = new Error('the simulator process exited');
    for (const w of waiting.splice(0)) w.reject(gone);
  });
  const answer = () =>
    new Promise<SimAnswer>((resolve, reject) => {
      if (answers.length) return resolve(answers.shift()!);
      if (gone) return reject(gone);
      waiting.push({ resolve, reject });
    });
  const advance = async (ms: number) => {
    sim.send({ advance: ms } satisfies SimRequest);
    return (await answer()) as { resourceVersion: number; events: number };
  };
  const { kubeconfig } = (await answer()) as { kubeconfig: string };
  const session = await ClusterSession.open(loadKubeConfig({ kubeconfig }));
  session.watchRelations();
  // An in-memory terminal that keeps only the last frame (a test renderer keeping every frame would be the leak).
  const stdout = new FakeStdout(120, 40);
  const stdin = new FakeStdin();
  const instance = render(<Root first={session} open={async () => session} contexts={['kdrill-sim']} version="soak" namespace={undefined} allNamespaces={true} readonly={false} color={false} trace={{ host: 'nginx.example.com' }} onSession={() => {}} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const frame = () => stdout.last;
  let simMs = 0;
  /** Moves simulated time a step at a time until the screen shows `pattern`. */
  const stepUntil = (what: string, pattern: RegExp) =>
    waitFor(what, async () => {
      if (pattern.test(frame())) return true;
      await advance(STEP_MS);
      simMs += STEP_MS;
      return false;
    }, 30_000);
  /** Waits until every cache has seen the store's resourceVersion `rv` (a bookmark brings it), then collects and measures. */
  const sample = async (rv: number, simEvents: number): Promise<SoakSample> => {
    await waitFor('the caches to catch up with the simulator', () => session.caches.caches().every((c) => Number(c.resourceVersion) >= rv), 30_000);
    gc();
    const handles = activeHandles();
    return {
      minute: Math.round(simMs / 6_000) / 10,
      heapMb: mb(process.memoryUsage().heapUsed),
      handles: handles.length,
      sockets: handles.filter((h) => h instanceof Socket).length,
      openRequests: session.transport.stats.open,
      cachedObjects: session.caches.caches().reduce((n, c) => n + c.size, 0),
      simEvents,
      logLines: logStats.lines,
    };
  };
  try {
    await stepUntil('the route with its service', /service nginx-deploy:http/);
    // The Service line: its merged pod logs in the pane.
    stdin.type('/service nginx-deploy\r');
    await stepUntil('the service line', /^> .*service nginx-deploy/m);
    stdin.type('l');
    await stepUntil('the merged logs', /\[logs\] .*deployment|\[logs\] .*service nginx-deploy: \d+ pods/);
    const samples: SoakSample[] = [];
    let nextSample = sampleMinutes * 60_000;
    // Bounded buffers fill at the cluster's pace: measured only once the event lifetime has passed
    // and the log pane is full, for WINDOW_SAMPLES samples, so that filling is never taken for a leak.
    const windowStart = () => samples.find((s) => s.minute >= WINDOW_FROM_MINUTES && s.logLines >= LOG_CAPACITY_LINES)?.minute;
    const measured = () => {
      const from = windowStart();
      return from !== undefined && samples.filter((s) => s.minute >= from).length >= WINDOW_SAMPLES;
    };
    for (let i = 0; simMs < simulatedMinutes * 60_000 || (!measured() && simMs < 2 * simulatedMinutes * 60_000); i++) {
      const at = await advance(STEP_MS);
      simMs += STEP_MS;
      // A person moving around the route and back, a key a step; the key is handled before the next step.
      stdin.type(i % 8 < 4 ? 'j' : 'k');
      await new Promise((res) => setImmediate(res));
      if (simMs >= nextSample) {
        samples.push(await sample(at.resourceVersion, at.events));
        nextSample += sampleMinutes * 60_000;
      }
    }
    const from = windowStart() ?? Infinity;
    const window = samples.filter((s) => s.minute >= from);
    return {
      simulatedMinutes: Math.round(simMs / 6_000) / 10,
      wallSeconds: Math.round((Date.now() - wallStart) / 1000),
      frames: stdout.frames,
      samples,
      windowFromMinute: from,
      heapMbPerHour: heapSlopeMbPerHour(window),
    };
  } finally {
    instance.unmount();
    await session.stop();
    sim.disconnect();
    await exited;
  }
}
