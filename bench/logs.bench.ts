// A container writing 20,000 lines a second into a followed log pane for 10 s: lines taken in,
// frames drawn, keypress latency while it runs, peak memory. The simulated cluster runs in a
// second process; kdrill renders into an in-memory terminal (120x40), React in production mode.
import { createElement } from 'react';
import { render } from 'ink';
import { ClusterSession } from '../src/kube/cluster-session.js';
import { loadKubeConfig } from '../src/kube/kubeconfig.js';
import { logStats } from '../src/kube/log-stream.js';
import { Root } from '../src/ui/root.js';
import { MAX_FPS } from '../src/ui/terminal.js';
import { FakeStdin, FakeStdout } from '../test/helpers/fake-terminal.js';
import { percentile, report, rssSampler, startBenchServer } from './harness.js';

const RATE = 20_000;
const SECONDS = 10;
const server = await startBenchServer(20, 1);
server.send(`logs registry.example.com/team/app:1.0.0 ${RATE}`);
await server.waitFor('logs set');
const session = await ClusterSession.open(loadKubeConfig({ kubeconfig: server.kubeconfig }));
session.watchRelations();
const stdout = new FakeStdout(120, 40);
const stdin = new FakeStdin();
const instance = render(createElement(Root, { first: session, open: async () => session, contexts: [], version: 'bench', namespace: 'team-0', allNamespaces: false, readonly: false, color: true, onSession: () => {} }), {
  stdout: stdout as unknown as NodeJS.WriteStream,
  stdin: stdin as unknown as NodeJS.ReadStream,
  exitOnCtrlC: false,
  patchConsole: false,
  maxFps: MAX_FPS,
});
const until = (pattern: RegExp) => new Promise<void>((resolve) => {
  const check = () => (pattern.test(stdout.last) ? resolve() : stdout.once('frame', check));
  check();
});
await until(/pods {2}\(20\)/);
stdin.type('l');
await until(/\[logs\]/);
stdin.type('\t');

async function press(key: string): Promise<number> {
  const t0 = performance.now();
  const frame = new Promise<void>((resolve) => stdout.once('frame', () => resolve()));
  stdin.type(key);
  await frame;
  return performance.now() - t0;
}

const rss = rssSampler();
const lines0 = logStats.lines;
const frames0 = stdout.frames;
const started = performance.now();
const keys: number[] = [];
while (performance.now() - started < SECONDS * 1000) {
  await new Promise((r) => setTimeout(r, 100));
  // Scroll the pane up and back down (which also pauses and resumes following).
  keys.push(await press(keys.length % 2 ? 'G' : 'k'));
}
const elapsed = (performance.now() - started) / 1000;
const lines = logStats.lines - lines0;
const frames = stdout.frames - frames0;
rss.stop();
instance.unmount();
await session.stop();
await server.stop();
const ms = (v: number) => Math.round(v * 10) / 10;
report('logs', [
  ['log written by the container (lines/s)', RATE],
  ['lines taken in per second', Math.round(lines / elapsed)],
  ['frames per second', Math.round((frames / elapsed) * 10) / 10],
  ['keypress to frame while it runs, p50 / p95 (ms)', `${ms(percentile(keys, 50))} / ${ms(percentile(keys, 95))}`],
  ['peak RSS (MB)', rss.peakMb()],
]);
process.exit(0);
