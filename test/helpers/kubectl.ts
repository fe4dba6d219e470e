import { dirname, join } from 'node:path';

/**
 * kubectl's flags for a test cluster: its kubeconfig, and a discovery cache of its own beside it
 * (removed with it). kubectl's default cache (~/.kube/cache) is keyed by host:port and trusted for
 * hours: a simulator that gets a port an earlier one had (another test file's, with other kinds:
 * CRDs, metrics.k8s.io) would be described to kubectl by the earlier one's discovery.
 */
export function kubectlFlags(kubeconfig: string): string[] {
  return ['--kubeconfig', kubeconfig, '--cache-dir', join(dirname(kubeconfig), 'kubectl-cache')];
}
