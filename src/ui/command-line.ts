import type { Discovery } from '../kube/discovery.js';
import { listable, resourceId } from '../kube/discovery.js';
import { parseRouteTarget } from '../model/route/route-target.js';

/** What a `:` command line asks for. */
export type CommandLine =
  | { type: 'resource'; resource: string; namespaced: boolean; namespace?: string; title: string }
  | { type: 'namespace'; namespace?: string }
  | { type: 'context' }
  | { type: 'routes'; namespace?: string }
  | { type: 'forwards' }
  | { type: 'trace'; host: string; path?: string }
  | { type: 'quit' }
  | { type: 'rollout' }
  | { type: 'error'; message: string };

const BUILTINS = ['ns', 'namespace', 'ctx', 'context', 'q', 'quit', 'routes', 'hosts', 'trace', 'pf', 'portforwards', 'rollout'];

/** Parses `:po`, `:deploy kube-system`, `:ns`, `:ns shop`, `:ctx`, `:routes`, `:trace HOST[/PATH]`, `:q`; unknown kinds are errors. */
export function parseCommandLine(text: string, discovery: Discovery): CommandLine {
  const [word = '', arg, extra] = text.trim().split(/\s+/);
  if (!word) return { type: 'error', message: 'type a resource (po, deploy, svc...), ns or ctx' };
  if (extra !== undefined) return { type: 'error', message: `too many words: ${text.trim()}` };
  const w = word.toLowerCase();
  if (w === 'q' || w === 'quit' || w === 'q!') return { type: 'quit' };
  if (w === 'ctx' || w === 'context' || w === 'contexts') return { type: 'context' };
  if (w === 'ns' || w === 'namespace') return { type: 'namespace', namespace: arg };
  if (w === 'routes' || w === 'hosts') return { type: 'routes', namespace: arg };
  if (w === 'pf' || w === 'portforwards' || w === 'portforward') return { type: 'forwards' };
  // The rollout behind the row under the cursor, from any view (a pod's o shows its node, as in k9s).
  if (w === 'rollout' && arg === undefined) return { type: 'rollout' };
  if (w === 'trace') {
    const target = arg ? parseRouteTarget(arg) : undefined;
    return target ? { type: 'trace', ...target } : { type: 'error', message: arg ? `"${arg}" is not a host (trace HOST[/PATH])` : 'trace needs a host: trace HOST[/PATH]' };
  }
  const r = discovery.find(w);
  if (!r) return { type: 'error', message: `unknown resource "${word}"${discovery.unavailable.size ? ` (not served now: ${[...discovery.unavailable.keys()].join(', ')})` : ''}` };
  if (!listable(r)) return { type: 'error', message: `${r.resource} cannot be listed and watched (the server allows ${r.verbs.join(', ') || 'nothing'})` };
  const id = r.resource === 'ingresses' ? 'ingresses' : resourceId(r);
  return { type: 'resource', resource: id, namespaced: r.namespaced, namespace: arg, title: r.resource };
}

/** Completes the first word of a command line to the longest prefix shared by the names that match it (`aliases`: the user's k9s ones too). */
export function completeCommandLine(text: string, discovery: Discovery, aliases: readonly string[] = []): string {
  if (/\s/.test(text.trim())) return text;
  const prefix = text.trim().toLowerCase();
  const names = new Set<string>([...BUILTINS, ...aliases]);
  for (const r of discovery.resources) {
    if (!listable(r)) continue;
    names.add(r.resource);
    for (const s of r.shortNames) names.add(s);
  }
  const hits = [...names].filter((n) => n.startsWith(prefix)).sort();
  if (!hits.length) return text;
  if (hits.length === 1) return hits[0] + ' ';
  let common = hits[0];
  for (const h of hits) while (!h.startsWith(common)) common = common.slice(0, -1);
  return common.length > prefix.length ? common : text;
}
