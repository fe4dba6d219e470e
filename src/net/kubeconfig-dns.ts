import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';

/** The name of the kubeconfig cluster extension that names a DNS server for the cluster's hosts (written by `kdrill sim`). */
export const DNS_EXTENSION = 'kdrill.dev/dns-server';

/**
 * The DNS server a kubeconfig names for its current (or the given) context's cluster, in a
 * cluster `extensions` entry `kdrill.dev/dns-server` with `{ server: IP:PORT }`; undefined when
 * none does or a file cannot be read (client-node drops extensions, so the files are read here).
 */
export function kubeconfigDnsServer(files: readonly string[], context?: string): string | undefined {
  const docs = files.flatMap((f) => {
    try {
      const d = yaml.load(readFileSync(f, 'utf8'));
      return d && typeof d === 'object' ? [d as Record<string, any>] : [];
    } catch {
      return [];
    }
  });
  const current = context ?? docs.map((d) => d['current-context']).find((c) => typeof c === 'string' && c);
  const ctx = docs.flatMap((d) => (Array.isArray(d.contexts) ? d.contexts : [])).find((c: any) => c?.name === current);
  const cluster = docs.flatMap((d) => (Array.isArray(d.clusters) ? d.clusters : [])).find((c: any) => c?.name === ctx?.context?.cluster);
  const ext = (Array.isArray(cluster?.cluster?.extensions) ? cluster.cluster.extensions : []).find((e: any) => e?.name === DNS_EXTENSION);
  const server = ext?.extension?.server;
  return typeof server === 'string' ? server : undefined;
}
