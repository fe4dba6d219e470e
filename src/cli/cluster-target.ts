import type { KubeConfig } from '@kubernetes/client-node';
import { checkConnection } from '../kube/connect.js';
import { clusterInfo, kubeconfigFiles, loadKubeConfig } from '../kube/kubeconfig.js';
import { fetchStandIns, kubeconfigStandInsUrl } from '../net/kubeconfig-stand-ins.js';
import { kubeconfigDnsServer } from '../net/kubeconfig-dns.js';
import { KubeTransport } from '../kube/transport.js';
import type { SimCluster } from '../sim/cluster.js';
import { ClusterSession } from '../kube/cluster-session.js';
import { LogFile, logCacheStates, logFileOf } from './log-file.js';
import type { SnapshotInfo } from '../kube/cluster-session.js';
import { checkTargetFlags, EXPLORER_WARM_UP_MS, type TargetFlags } from './target-options.js';
import { claimDemo, type DemoCluster, type PrestartedDemo } from './demo-worker-client.js';
import { demoPlanOf } from './demo-plan.js';

export { checkTargetFlags, EXPLORER_WARM_UP_MS, TARGET_OPTIONS, type TargetFlags } from './target-options.js';
export { logFileOf } from './log-file.js';

/** Loads the kubeconfig (not for the demo) and checks the API server answers; failures are one-line CliErrors. */
export async function connectKubeconfig(flags: TargetFlags): Promise<KubeConfig | undefined> {
  if (flags.demo || flags.snapshot) return undefined;
  const kc = loadKubeConfig({ kubeconfig: flags.kubeconfig, context: flags.context });
  const probe = new KubeTransport(kc);
  try {
    await checkConnection(probe, clusterInfo(kc).user);
  } finally {
    probe.destroy();
  }
  return kc;
}

/**
 * How the explorer opens a session for a context (the first, and each `:ctx` switch): each
 * session copies its context out of `kc` when it opens, and `kc` itself is never switched. `readonly`
 * may depend on the context (the config's per-context settings).
 */
export function sessionOpener(kc: KubeConfig, readonly: boolean | ((context: string) => boolean), sim?: Pick<SimCluster, 'standIns'>, kubeconfigPaths: readonly string[] = []): (context?: string) => Promise<ClusterSession> {
  return async (context) => {
    const name = context ?? kc.getCurrentContext();
    const session = await ClusterSession.open(kc, {}, typeof readonly === 'function' ? readonly(name) : readonly, context);
    // The demo's addresses are fake: its probes go only to loopback, to the simulator's stand-ins (so do those of a `kdrill sim`).
    if (sim) session.probeNetwork = { get standIns() { return sim.standIns; }, loopbackOnly: true };
    const url = sim ? undefined : kubeconfigStandInsUrl(kubeconfigPaths, name);
    if (url) session.probeNetwork = { standIns: await fetchStandIns(url), loopbackOnly: true };
    return session;
  };
}

/** Simulated time the demo runs through before a one-shot command: its pods pulled, started and ready, its crash loops showing. */
export const DEMO_WARM_UP_MS = 120_000;

/** Starts the demo cluster when asked and gives the kubeconfig to use with it. */
export async function startDemo(flags: TargetFlags, warmUpMs?: number): Promise<{ sim: SimCluster; kc: KubeConfig }> {
  // Started in the past and run forward, so its clock agrees with the wall clock after the warm-up.
  // Loaded only for --demo: a command against a real cluster does not load the simulator.
  const { SimCluster } = await import('../sim/cluster.js');
  const sim = await SimCluster.start({ scenario: flags.scenario ?? 'demo', warmUpMs, start: warmUpMs ? Date.now() - warmUpMs : undefined });
  try {
    // --context picks one of the demo's own contexts (kdrill-viewer: a user who may read only namespace shop).
    // Plain HTTP: the demo's server is in this process, on loopback, and a TLS handshake per connection costs start-up CPU.
    return { sim, kc: loadKubeConfig({ inline: sim.kubeconfig('kdrill-demo', { tls: false }), context: flags.context }) };
  } catch (e) {
    await sim.stop();
    throw e;
  }
}

/** The explorer's demo: the cluster bin/kdrill.js started in a worker thread when it is the one asked for, else one started here. */
export async function startExplorerDemo(flags: TargetFlags, prestarted?: PrestartedDemo): Promise<{ sim: DemoCluster; kc: KubeConfig }> {
  const claimed = prestarted && (await claimDemo(prestarted, demoPlanOf(flags)));
  if (!claimed) return startDemo(flags, EXPLORER_WARM_UP_MS);
  try {
    return { sim: claimed.cluster, kc: loadKubeConfig({ inline: claimed.kubeconfig, context: flags.context }) };
  } catch (e) {
    await claimed.cluster.stop();
    throw e;
  }
}

/**
 * Serves a snapshot on a frozen, read-only simulated cluster and gives a kubeconfig for it whose
 * one context bears the snapshot's context name (so the header and messages name the cluster it was).
 */
export async function startSnapshot(path: string): Promise<{ sim: SimCluster; kc: KubeConfig; info: SnapshotInfo }> {
  const [{ SimCluster }, { readSnapshot }] = await Promise.all([import('../sim/cluster.js'), import('../sim/snapshot/read-snapshot.js')]);
  const data = readSnapshot(path);
  const sim = await SimCluster.start({ snapshot: data });
  const info: SnapshotInfo = { context: data.manifest.context, capturedAt: data.manifest.capturedAt, at: Date.parse(data.manifest.capturedAt) };
  const name = data.manifest.context || 'snapshot';
  const config = sim.kubeconfig(name) as { contexts?: { name: string; context: Record<string, unknown> }[] };
  // A snapshot of one namespace opens there: kinds listed across all namespaces fall back to it.
  const only = Array.isArray(data.manifest.namespaces) && data.manifest.namespaces.length === 1 ? data.manifest.namespaces[0] : undefined;
  const ctx = config.contexts?.find((c) => c.name === name);
  if (only && ctx) ctx.context.namespace = only;
  return { sim, kc: loadKubeConfig({ inline: config as Record<string, unknown> }), info };
}

/** A read-only session of a one-shot command (trace, rollout status), with its log; `close` stops the session and any demo. */
export interface CommandTarget {
  session: ClusterSession;
  kc: KubeConfig;
  log: LogFile;
  demo: boolean;
  /** The demo's simulated cluster (its loopback stand-ins), when `--demo`. */
  sim?: SimCluster;
  /** The DNS server the cluster's own hosts resolve with: the demo's resolver, or one a kubeconfig names (`kdrill sim`'s). */
  dnsServer?: string;
  /** Where a simulator (`kdrill sim`) lists the stand-ins of its fake addresses, as its kubeconfig names it. */
  standInsUrl?: string;
  close(): Promise<void>;
}

/**
 * Connects a one-shot command: checks the flags, connects to the kubeconfig's cluster (or starts
 * the demo, run forward by `warmUpMs`), and opens a session that refuses anything but GET unless
 * the command writes or probes (`readonly` false: `rollout undo`, probes and their access reviews).
 */
export async function openCommandTarget(flags: TargetFlags & { 'log-file'?: string; 'log-level'?: string }, warmUpMs: number, readonly = true): Promise<CommandTarget> {
  checkTargetFlags(flags);
  const log = logFileOf(flags);
  const kcFromFile = await connectKubeconfig(flags);
  const snap = flags.snapshot ? await startSnapshot(flags.snapshot) : undefined;
  const demo = snap ?? (flags.demo ? await startDemo(flags, warmUpMs) : undefined);
  const kc = kcFromFile ?? demo!.kc;
  log.forget(kc);
  let session: ClusterSession;
  try {
    // A snapshot is read-only whatever the command: its session refuses anything but GET.
    session = await ClusterSession.open(kc, {}, readonly || !!snap);
    session.snapshot = snap?.info;
  } catch (e) {
    await demo?.sim.stop();
    throw e;
  }
  const unlog = logCacheStates(session.caches, log);
  return {
    session,
    kc,
    log,
    demo: !!flags.demo,
    sim: snap ? undefined : demo?.sim,
    dnsServer: snap ? undefined : demo ? demo.sim.dns.address : kubeconfigDnsServer(kubeconfigFiles({ kubeconfig: flags.kubeconfig }), flags.context),
    standInsUrl: demo ? undefined : kubeconfigStandInsUrl(kubeconfigFiles({ kubeconfig: flags.kubeconfig }), flags.context),
    close: async () => {
      unlog();
      await session.stop();
      await demo?.sim.stop();
    },
  };
}
