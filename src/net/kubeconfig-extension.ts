import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';

/**
 * The `extension` object a kubeconfig's current (or the given) context's cluster carries under
 * `name` in its `extensions` list; undefined when none does or no file can be read. client-node
 * drops extensions when it loads a kubeconfig, so the files are read here.
 */
export function kubeconfigExtension(files: readonly string[], name: string, context?: string): Record<string, unknown> | undefined {
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
  const ext = (Array.isArray(cluster?.cluster?.extensions) ? cluster.cluster.extensions : []).find((e: any) => e?.name === name);
  return ext?.extension && typeof ext.extension === 'object' ? ext.extension : undefined;
}
