import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { SimCluster, type SimOptions } from '../../src/sim/cluster.js';

/** The simulator's cluster-admin credentials, for tests that speak HTTP to it directly. */
export const ADMIN = { Authorization: 'Bearer kdrill-sim-token' };

/** A simulated cluster for a test, with a kubeconfig file and a client-node KubeConfig for it. */
export interface TestCluster {
  sim: SimCluster;
  kubeconfigPath: string;
  kc: KubeConfig;
  stop(): Promise<void>;
}

/** Starts a simulated cluster on a free port; call `stop()` when done. */
export async function startCluster(opts: SimOptions = {}): Promise<TestCluster> {
  // Without metrics.k8s.io unless a test asks: tables keep kubectl's columns (metrics tests pass `metrics: true`).
  const sim = await SimCluster.start({ scenario: 'none', churn: false, metrics: false, ...opts });
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-test-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfigPath);
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  return {
    sim,
    kubeconfigPath,
    kc,
    stop: async () => {
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
