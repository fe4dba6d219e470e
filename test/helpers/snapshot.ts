import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterSession } from '../../src/kube/cluster-session.js';
import { captureSnapshot, type CaptureOptions } from '../../src/kube/snapshot/capture-snapshot.js';
import { kubeconfigSecrets } from '../../src/kube/snapshot/kubeconfig-secrets.js';
import { openSink } from '../../src/kube/snapshot/snapshot-sink.js';
import type { SnapshotManifest } from '../../src/model/snapshot/snapshot-manifest.js';
import type { SimCluster } from '../../src/sim/cluster.js';

/** A client-node KubeConfig for a simulated cluster's context (`kdrill-demo` by default). */
export function kubeconfigOf(sim: SimCluster, context = 'kdrill-demo'): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(JSON.stringify(sim.kubeconfig('kdrill-demo')));
  kc.setCurrentContext(context);
  return kc;
}

/** Captures a simulated cluster in-process (a read-only session; its Date header tells the capture time) into `out`. */
export async function captureSim(sim: SimCluster, out: string, opts: Partial<CaptureOptions> = {}, context?: string): Promise<SnapshotManifest> {
  const kc = kubeconfigOf(sim, context);
  const session = await ClusterSession.open(kc, {}, true);
  const sink = openSink(out, await kubeconfigSecrets(kc), sim.clock.now());
  try {
    return await captureSnapshot(session.transport, session.discovery, session.info, sink, { logLines: 20, redact: {}, home: session.info.namespace, ...opts });
  } finally {
    await sink.close();
    await session.stop();
  }
}

/** Every file under a directory, by its path inside it, as text. */
export function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}
