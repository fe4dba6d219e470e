// A simulated cluster on a manual clock with metrics.k8s.io, and twenty pods in one namespace that
// request CPU and memory: the usage tests' cluster. Each advance of its clock is a new scrape.
import type { KubeObject } from '../../src/model/types.js';
import { startCluster, type TestCluster } from './sim.js';

/** The namespace of the usage cluster's pods (app-0 ... app-19). */
export const USAGE_NS = 'usage';

const pod = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: USAGE_NS },
  spec: { containers: [{ name: 'main', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
});

/** The cluster, its pods five simulated minutes old; metrics-server scrapes every `resolutionMs`. */
export async function usageCluster(resolutionMs: number): Promise<TestCluster> {
  const c = await startCluster({ clock: 'manual', start: Date.parse('2026-11-28T18:00:00Z'), metricsResolutionMs: resolutionMs, metrics: true });
  c.sim.api.create(c.sim.registry.get('namespaces')!, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: USAGE_NS } });
  for (let i = 0; i < 20; i++) c.sim.api.create(c.sim.registry.get('pods')!, USAGE_NS, pod(`app-${i}`));
  c.sim.advance(5 * 60_000);
  return c;
}
