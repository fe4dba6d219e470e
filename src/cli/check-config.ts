// `kdrill --check-config`: what kdrill reads, from where, and what it ignores and why.
import { sanitize } from '../model/sanitize.js';
import type { FlagValues } from '../model/config/kdrill-config.js';
import { readConfig, type LoadedConfig } from './config-file.js';

const show = (values: FlagValues) =>
  Object.entries(values)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
    .join(' ') || '(none)';

/** The report's lines about kdrill's own config file. */
export function kdrillConfigLines(loaded: LoadedConfig): string[] {
  const { config, path, found, from, ignored } = loaded;
  if (!found) return [sanitize(`kdrill config: none (looked for ${path}, ${from})`, true)];
  const lines = [`kdrill config: ${path} (${from})`, `  defaults: ${show(config.defaults)}`];
  for (const c of config.contexts) lines.push(`  contexts matching ${c.pattern}: ${show(c.values)}`);
  if (config.theme) {
    const over = Object.keys(config.theme).filter((k) => k !== 'base');
    lines.push(`  theme: ${config.theme.base}${over.length ? ` with ${over.join(', ')}` : ''}`);
  }
  if (config.readOnlySafePlugins.length) lines.push(`  plugins allowed under --readonly: ${config.readOnlySafePlugins.join(', ')}`);
  if (!config.k9s.read) lines.push('  k9s files: not read (k9s: false)');
  for (const i of ignored) lines.push(`  ignored ${i.key}: ${i.why}`);
  return lines.map((l) => sanitize(l, true));
}

/** Prints the report; exit status 0, or the config's one-line error (status 2) when it is not valid. */
export async function checkConfigCommand(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const loaded = readConfig(env);
  const lines = kdrillConfigLines(loaded);
  // k9s's context files are read for the kubeconfig's current context (none when there is no kubeconfig).
  let cluster: string | undefined;
  let context: string | undefined;
  try {
    const { loadKubeConfig } = await import('../kube/kubeconfig.js');
    const kc = loadKubeConfig({});
    context = kc.getCurrentContext() || undefined;
    cluster = context ? kc.getContextObject(context)?.cluster : undefined;
  } catch {
    // No kubeconfig: the global k9s files only.
  }
  const { k9sConfigLines } = await import('./k9s-report.js');
  lines.push(...k9sConfigLines(loaded.config, cluster, context, env));
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
