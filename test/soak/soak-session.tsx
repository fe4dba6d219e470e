// A long session on the demo cluster, with its periodic rollouts churning: the route view of
// nginx.example.com open with the merged logs of its pods followed, keys pressed now and then.
// Used by the 60-second test and by `npm run soak` (30 simulated minutes).
import { spawn } from 'node:child_process';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createInterface } from 'node:readline';
import { render } from 'ink';
import { FakeStdin, FakeStdout } from '../helpers/fake-terminal.js';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { Root } from '../../src/ui/root.js';
import { waitFor } from '../helpers/wait.js';

/** How often the simulated person presses a key during the soak. */
const PERSON_KEY_INTERVAL_MS = 250;

/** What a soak measured: memory and open handles after the warm-up and at the end. */
export interface SoakResult {
  seconds: number;
  simulatedMinutes: number;
  rssStartMb: number;
  rssEndMb: number;
  heapStartMb: number;
  heapEndMb: number;
  handlesStart: number;
  handlesEnd: number;
  frames: number;
}

const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
const handles = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
// A full collection before each sample, so garbage not yet collected does not read as growth
// (gc is exposed here even when node was not started with --expose-gc).
v8.setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const settleGc = () => collect();

/** Runs the session for `seconds` of wall time with the simulated cluster at `speed` (a separate process). */
export async function soak(seconds: number, speed: number): Promise<SoakResult> {
  const sim = spawn(process.execPath, ['bin/kdrill.js', 'sim', '--scenario', 'demo', '--speed', String(speed)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const kubeconfig = await new Promise<string>((resolve, reject) => {
    createInterface({ input: sim.stdout! }).once('line', resolve);
    sim.once('exit', (code) => reject(new Error(`kdrill sim exited with ${code}`)));
  });
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
  const r = { stdin: { write: (k: string) => stdin.type(k) } };
  const frame = () => stdout.last;
  try {
    await waitFor('the route with its service', () => /service nginx-deploy:http/.test(frame()), 30_000);
    // The Service line: its merged pod logs in the pane.
    r.stdin.write('/service nginx-deploy\r');
    await waitFor('the service line', () => /^> .*service nginx-deploy/m.test(frame()), 10_000);
    r.stdin.write('l');
    await waitFor('the merged logs', () => /\[logs\] .*deployment|\[logs\] .*service nginx-deploy: \d+ pods/.test(frame()), 20_000);
    const warm = Math.max(5, seconds / 10);
    const started = Date.now();
    let start: { rss: number; heap: number; handles: number } | undefined;
    for (let i = 0; Date.now() - started < seconds * 1000; i++) {
      // The workload's pace, not a wait for a condition: a person pressing a key every quarter second.
      await new Promise((res) => setTimeout(res, PERSON_KEY_INTERVAL_MS));
      // Now and then a person moves around the route and back.
      r.stdin.write(i % 8 < 4 ? 'j' : 'k');
      if (!start && Date.now() - started >= warm * 1000) {
        settleGc();
        start = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, handles: handles() };
      }
    }
    settleGc();
    const end = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, handles: handles() };
    return {
      seconds,
      simulatedMinutes: Math.round((seconds * speed) / 6) / 10,
      rssStartMb: mb(start!.rss),
      rssEndMb: mb(end.rss),
      heapStartMb: mb(start!.heap),
      heapEndMb: mb(end.heap),
      handlesStart: start!.handles,
      handlesEnd: end.handles,
      frames: stdout.frames,
    };
  } finally {
    instance.unmount();
    await session.stop();
    const exited = new Promise((res) => sim.once('exit', res));
    sim.kill('SIGTERM');
    await exited;
  }
}
