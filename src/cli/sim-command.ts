import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimCluster } from '../sim/cluster.js';
import { SIM_HELP } from './help.js';
import { numberFlag, parse } from './parse.js';
import { UsageError } from '../errors.js';
import { startPodChurn } from '../sim/scenario/pod-churn.js';
import { parseDuration } from './rollout-command.js';
import { detachSim, pidFileOf, stopSim, writePidFile } from './sim-detach.js';

/** `kdrill sim`: serves the simulated cluster until SIGINT/SIGTERM, then cleans up and exits 0; `--detach` in the background, `--stop` stops that. */
export async function simCommand(args: string[]): Promise<number> {
  const { values } = parse('sim', args, {
    port: { type: 'string' },
    scenario: { type: 'string' },
    snapshot: { type: 'string' },
    'kubeconfig-out': { type: 'string' },
    speed: { type: 'string' },
    scale: { type: 'string' },
    'pod-updates': { type: 'string' },
    'no-churn': { type: 'boolean' },
    'no-metrics': { type: 'boolean' },
    'metric-resolution': { type: 'string' },
    detach: { type: 'boolean' },
    stop: { type: 'boolean' },
    // Internal: the background server --detach starts (it records its pid beside the kubeconfig).
    'serve-detached': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(SIM_HELP);
    return 0;
  }
  if (values.stop) return stopSim(values['kubeconfig-out'] ?? process.env.KUBECONFIG);
  const port = numberFlag('sim', 'port', values.port, 0, 65535);
  const speed = numberFlag('sim', 'speed', values.speed, 0.01, 1000);
  const scale = numberFlag('sim', 'scale', values.scale, 0.001, 10);
  const podUpdates = numberFlag('sim', 'pod-updates', values['pod-updates'], 1, 100_000);
  if (scale !== undefined && values.scenario !== 'large') throw new UsageError('--scale applies to --scenario large only', "run 'kdrill sim --help' for usage");
  if (values.detach) return detachSim(args, values['kubeconfig-out']);
  if (values.snapshot && (values.scenario || speed !== undefined || podUpdates)) throw new UsageError('--snapshot serves a snapshot as it was: no --scenario, --speed or --pod-updates with it', "run 'kdrill sim --help' for usage");
  const resolution = values['metric-resolution'] === undefined ? undefined : parseDuration(values['metric-resolution']);
  if (resolution !== undefined && !(resolution >= 1000 && resolution <= 600_000)) throw new UsageError('--metric-resolution must be from 1s to 10m', "run 'kdrill sim --help' for usage");
  // A snapshot is served frozen and read-only, for kubectl (kubectl describe, get -o yaml) on what it holds.
  const snapshot = values.snapshot ? (await import('../sim/snapshot/read-snapshot.js')).readSnapshot(values.snapshot) : undefined;
  const sim = await SimCluster.start({ scenario: values.scenario, port, speed, scale, churn: values['no-churn'] ? false : undefined, metrics: !values['no-metrics'], metricsResolutionMs: resolution, snapshot });
  const stopUpdates = podUpdates ? startPodChurn(sim.store, podUpdates) : () => {};
  let tempDir: string | undefined;
  let file = values['kubeconfig-out'];
  if (!file) {
    tempDir = mkdtempSync(join(tmpdir(), 'kdrill-sim-'));
    file = join(tempDir, 'kubeconfig');
  }
  sim.writeKubeconfig(file, snapshot?.manifest.context || undefined);
  if (values['serve-detached']) writePidFile(file);
  // Only the path goes to stdout, so that `kdrill sim | head -1` works; the rest is for people.
  process.stdout.on('error', () => {});
  process.stdout.write(file + '\n');
  const what = snapshot ? `snapshot of ${snapshot.manifest.context} at ${snapshot.manifest.capturedAt}, frozen and read-only` : `scenario ${values.scenario ?? 'demo'}, DNS on udp ${sim.dns.address} (named in the kubeconfig for kdrill trace)`;
  process.stderr.write(`kdrill sim: serving ${sim.url} (${what}); Ctrl-C to stop\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
  });
  stopUpdates();
  await sim.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  else if (file) rmSync(file, { force: true });
  if (values['serve-detached']) rmSync(pidFileOf(file), { force: true });
  return 0;
}
