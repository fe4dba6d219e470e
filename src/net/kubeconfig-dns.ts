import { kubeconfigExtension } from './kubeconfig-extension.js';

/** The name of the kubeconfig cluster extension that names a DNS server for the cluster's hosts (written by `kdrill sim`). */
export const DNS_EXTENSION = 'kdrill.dev/dns-server';

/**
 * The DNS server a kubeconfig names for its current (or the given) context's cluster, in a
 * cluster `extensions` entry `kdrill.dev/dns-server` with `{ server: IP:PORT }`; undefined when
 * none does or a file cannot be read.
 */
export function kubeconfigDnsServer(files: readonly string[], context?: string): string | undefined {
  const server = kubeconfigExtension(files, DNS_EXTENSION, context)?.server;
  return typeof server === 'string' ? server : undefined;
}
