// The k9s part of `kdrill --check-config`: the files read, what kdrill takes from them, clashes, and what it ignores.
import type { KdrillConfig } from '../model/config/kdrill-config.js';
import { sanitize } from '../model/sanitize.js';
import { ResourceRegistry } from '../sim/resources.js';
import { k9sBindings, scopeView } from '../ui/keys/k9s-bindings.js';
import { k9sDirs, readK9s } from './k9s-files.js';

// Without a cluster, plugin scopes are resolved against the built-in kinds (the explorer uses the cluster's own).
function builtInFind(): (name: string) => { resource: string } | undefined {
  const byName = new Map<string, { resource: string }>();
  for (const r of new ResourceRegistry().all()) {
    for (const n of [r.resource, r.singular, r.kind.toLowerCase(), ...r.shortNames, r.group ? `${r.resource}.${r.group}` : r.resource]) if (!byName.has(n)) byName.set(n, r);
  }
  return (name) => byName.get(name.toLowerCase());
}

/** The report's lines about k9s's files (for the kubeconfig's current context when given). */
export function k9sConfigLines(config: KdrillConfig, cluster?: string, context?: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (!config.k9s.read) return ['k9s files: not read (k9s: false in kdrill\'s config)'];
  const dirs = k9sDirs(config, env);
  const setup = readK9s(config, cluster, context, env);
  const lines = [`k9s files: ${dirs.config} (${dirs.from})${context ? `, context ${context}` : ''}`];
  if (!setup.files.length && !setup.notes.length) lines.push('  none found (aliases.yaml, hotkeys.yaml, plugins.yaml)');
  for (const f of setup.files) lines.push(`  read ${f}`);
  for (const [alias, target] of Object.entries(setup.aliases)) lines.push(`  alias ${alias}: ${target}`);
  for (const h of setup.hotkeys) lines.push(`  hotkey ${h.name}: ${h.shortCut} runs :${h.command}${h.override ? ' (override)' : ''}`);
  for (const p of setup.plugins) {
    const how = [p.confirm ? 'asks first' : 'runs at once', p.background ? 'in the background' : 'in the terminal', config.readOnlySafePlugins.includes(p.name) ? 'allowed under --readonly' : 'refused under --readonly'];
    lines.push(`  plugin ${p.name}: ${p.shortCut} in ${p.scopes.join(', ') || '(no scopes: nowhere)'}: ${p.description} (${how.join(', ')})`);
  }
  const find = builtInFind();
  const { clashes } = k9sBindings(setup, (scope) => scopeView(scope, setup.aliases, find));
  for (const c of clashes) lines.push(`  clash: ${c}`);
  for (const n of setup.notes) lines.push(`  ignored ${n.what} (${n.source}): ${n.why}`);
  return lines.map((l) => sanitize(l, true));
}
