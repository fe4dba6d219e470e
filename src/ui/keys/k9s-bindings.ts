// The user's k9s hotkeys and plugins as entries of kdrill's binding table, and where their keys clash with kdrill's.
import { expandAlias, type K9sSetup } from '../../model/k9s/k9s-setup.js';
import { appliesIn, BINDINGS, keyLabel, shortOf, type Binding, type ViewName } from './bindings.js';

/** The bindings to add (before and after kdrill's own), and one line per clash. */
export interface K9sBindings {
  first: Binding[];
  last: Binding[];
  clashes: string[];
}

/** kdrill's own binding of a key in any of these views (undefined: any view), in tables or everywhere. */
function kdrillBinding(key: string, views: readonly ViewName[] | undefined): Binding | undefined {
  return BINDINGS.find((b) => (b.scope === 'table' || b.scope === 'global') && b.keys.includes(key) && (!views || views.some((v) => appliesIn(b, v))));
}

const where = (b: Binding) => (b.views ? ` in ${b.views.join(', ')}` : b.notIn ? '' : ' everywhere');

/**
 * Turns hotkeys and plugins into bindings. A plugin applies in the tables its scopes name (`resolve`
 * turns a k9s scope such as `po` into kdrill's view name, `pods`); `all` is every view. Where a key is
 * also kdrill's, kdrill's wins unless the entry says `override: true` (as k9s); either way it is reported.
 */
export function k9sBindings(setup: K9sSetup, resolve: (scope: string) => ViewName | undefined): K9sBindings {
  const out: K9sBindings = { first: [], last: [], clashes: [] };
  const clash = (what: string, shortCut: string, key: string, override: boolean, views: readonly ViewName[] | undefined) => {
    const b = kdrillBinding(key, views);
    if (!b) return;
    out.clashes.push(`${what} (${shortCut}): ${keyLabel(key)} is kdrill's "${shortOf(b)}"${where(b)}; ${override ? 'the k9s entry takes it (override: true)' : "kdrill's key is kept there (override: true gives it to the k9s entry)"}`);
  };
  for (const h of setup.hotkeys) {
    const binding: Binding = { command: 'hotkey', keys: [h.key], description: `${h.description} (k9s hotkey: ${h.command})`, scope: h.override ? 'table' : 'global', user: h.name, short: h.description };
    (h.override ? out.first : out.last).push(binding);
    clash(`k9s hotkey ${h.name}`, h.shortCut, h.key, h.override, undefined);
  }
  for (const p of setup.plugins) {
    const views = p.scopes.includes('all') ? undefined : [...new Set(p.scopes.map((s) => resolve(s) ?? s))];
    const binding: Binding = { command: 'plugin', keys: [p.key], description: `${p.description} (k9s plugin ${p.name})`, scope: p.override ? 'table' : 'global', views, hint: true, short: p.description, user: p.name };
    (p.override ? out.first : out.last).push(binding);
    clash(`k9s plugin ${p.name}`, p.shortCut, p.key, p.override, views);
  }
  return out;
}

/** The footer's one line about clashes (shown once, when the explorer opens on a context). */
export function clashNotice(clashes: readonly string[]): string | undefined {
  if (!clashes.length) return undefined;
  return clashes.length === 1 ? clashes[0] : `${clashes[0]} (and ${clashes.length - 1} more: kdrill --check-config)`;
}

/** kdrill's view name for a k9s scope (`po`, `v1/pods`, an alias of the user's): a kind's plural, or `containers`. */
export function scopeView(scope: string, aliases: Record<string, string>, find: (name: string) => { resource: string } | undefined): ViewName | undefined {
  if (['containers', 'container', 'co'].includes(scope)) return 'containers';
  const word = expandAlias(scope, aliases).split(' ')[0];
  return find(word)?.resource;
}
