// What kdrill takes from a user's k9s files (aliases.yaml, hotkeys.yaml, plugins.yaml), and what it leaves and why.
import { kdrillKey } from './k9s-keys.js';

/** A k9s plugin as kdrill runs it. */
export interface K9sPlugin {
  name: string;
  shortCut: string;
  /** The key in kdrill's binding table (`D`, `ctrl+l`). */
  key: string;
  description: string;
  /** Resource names, short names or `all`, as k9s matches a view. */
  scopes: string[];
  command: string;
  args: string[];
  confirm: boolean;
  background: boolean;
  /** Takes the key from kdrill's own binding in its views (k9s `override`). */
  override: boolean;
  source: string;
}

/** A k9s hotkey: a key that runs a command line (`:deploy kube-system`). */
export interface K9sHotkey {
  name: string;
  shortCut: string;
  key: string;
  description: string;
  command: string;
  override: boolean;
  source: string;
}

/** A part of a k9s file kdrill does not use, and why. */
export interface K9sNote {
  source: string;
  what: string;
  why: string;
}

/** Everything read from k9s's files. */
export interface K9sSetup {
  aliases: Record<string, string>;
  hotkeys: K9sHotkey[];
  plugins: K9sPlugin[];
  notes: K9sNote[];
  /** The files read, in order. */
  files: string[];
}

/** No k9s files. */
export const NO_K9S: K9sSetup = { aliases: {}, hotkeys: [], plugins: [], notes: [], files: [] };

/** One k9s file, parsed (or why it could not be). */
export type K9sFile = { source: string; type: 'aliases' | 'hotkeys' | 'plugins' | 'plugin'; doc?: unknown; error?: string };

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const PLUGIN_USED = new Set(['shortCut', 'description', 'scopes', 'command', 'args', 'confirm', 'background', 'override']);
const PLUGIN_IGNORED: Record<string, string> = {
  pipes: 'kdrill does not pipe one plugin into another',
  inputs: 'kdrill does not prompt for plugin inputs ($INPUT_...)',
  overwriteOutput: 'a background plugin\'s output is not shown',
  dangerous: 'under --readonly kdrill refuses every plugin not marked readOnlySafe in its own config',
};

function plugin(name: string, raw: unknown, source: string, notes: K9sNote[]): K9sPlugin | undefined {
  const skip = (why: string) => void notes.push({ source, what: `plugin ${name}`, why });
  if (!isMap(raw)) return skip('not a mapping');
  const { shortCut, command } = raw;
  if (typeof shortCut !== 'string' || !shortCut) return skip('no shortCut');
  if (typeof command !== 'string' || !command) return skip('no command');
  const key = kdrillKey(shortCut);
  if (!key) return skip(`kdrill cannot read the key ${shortCut} (it reads a-z, 0-9, Shift-A..Z, Shift-0..9, Ctrl-A..Z)`);
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);
  for (const k of Object.keys(raw)) {
    if (PLUGIN_USED.has(k)) continue;
    notes.push({ source, what: `plugin ${name}: ${k}`, why: PLUGIN_IGNORED[k] ?? 'not a k9s plugin setting kdrill knows' });
  }
  const inputs = Array.isArray(raw.inputs) && raw.inputs.length > 0;
  return {
    name,
    shortCut,
    key,
    description: typeof raw.description === 'string' ? raw.description : name,
    scopes: list(raw.scopes).map((s) => s.toLowerCase()),
    command,
    args: list(raw.args),
    // k9s: asks when confirm is true, or (unset) when the plugin has inputs.
    confirm: raw.confirm === undefined ? inputs : raw.confirm === true,
    background: raw.background === true,
    override: raw.override === true,
    source,
  };
}

/** Reads k9s's files in k9s's order (global first, then the context's, then plugin directories); later entries win. */
export function k9sSetup(files: readonly K9sFile[]): K9sSetup {
  const setup: K9sSetup = { aliases: {}, hotkeys: [], plugins: [], notes: [], files: [] };
  const plugins = new Map<string, K9sPlugin>();
  const hotkeys = new Map<string, K9sHotkey>();
  for (const f of files) {
    if (f.error) {
      setup.notes.push({ source: f.source, what: 'the file', why: f.error });
      continue;
    }
    setup.files.push(f.source);
    const doc = f.doc;
    if (doc === undefined || doc === null) continue;
    if (f.type === 'aliases') {
      const aliases = isMap(doc) ? doc.aliases : undefined;
      if (!isMap(aliases)) {
        setup.notes.push({ source: f.source, what: 'the file', why: 'no aliases: mapping' });
        continue;
      }
      for (const [alias, target] of Object.entries(aliases)) {
        if (typeof target === 'string' && target.trim()) setup.aliases[alias.toLowerCase()] = target.trim();
        else setup.notes.push({ source: f.source, what: `alias ${alias}`, why: 'its command is not a text' });
      }
    } else if (f.type === 'hotkeys') {
      const keys = isMap(doc) ? doc.hotKeys : undefined;
      if (!isMap(keys)) {
        setup.notes.push({ source: f.source, what: 'the file', why: 'no hotKeys: mapping' });
        continue;
      }
      for (const [name, raw] of Object.entries(keys)) {
        const skip = (why: string) => setup.notes.push({ source: f.source, what: `hotkey ${name}`, why });
        if (!isMap(raw) || typeof raw.shortCut !== 'string' || typeof raw.command !== 'string') {
          skip('needs shortCut and command');
          continue;
        }
        const key = kdrillKey(raw.shortCut);
        if (!key) {
          skip(`kdrill cannot read the key ${raw.shortCut} (it reads a-z, 0-9, Shift-A..Z, Shift-0..9, Ctrl-A..Z)`);
          continue;
        }
        if (raw.keepHistory !== undefined) setup.notes.push({ source: f.source, what: `hotkey ${name}: keepHistory`, why: 'a hotkey opens its view as : does (Escape goes back)' });
        hotkeys.set(name, { name, shortCut: raw.shortCut, key, description: typeof raw.description === 'string' ? raw.description : raw.command, command: raw.command, override: raw.override === true, source: f.source });
      }
    } else {
      // A plugins file (plugins: {...}), a single plugin (named after its file), or a map of plugins.
      const entries: [string, unknown][] =
        f.type === 'plugin' && isMap(doc) && ('shortCut' in doc || 'command' in doc)
          ? [[f.source.replace(/^.*\//, '').replace(/\.ya?ml$/, ''), doc]]
          : isMap(doc) && isMap(doc.plugins)
            ? Object.entries(doc.plugins)
            : isMap(doc) && f.type === 'plugin'
              ? Object.entries(doc)
              : [];
      if (!entries.length) setup.notes.push({ source: f.source, what: 'the file', why: 'no plugins: mapping' });
      for (const [name, raw] of entries) {
        const p = plugin(name, raw, f.source, setup.notes);
        if (p) plugins.set(name, p);
      }
    }
  }
  setup.plugins = [...plugins.values()].sort((a, b) => a.name.localeCompare(b.name));
  setup.hotkeys = [...hotkeys.values()].sort((a, b) => a.name.localeCompare(b.name));
  return setup;
}

/** A command line with its alias resolved as k9s does (aliases of aliases too); the words typed after it win over the alias's own. */
export function expandAlias(text: string, aliases: Record<string, string>): string {
  let [word = '', ...rest] = text.trim().split(/\s+/);
  const seen = new Set<string>();
  while (Object.hasOwn(aliases, word.toLowerCase()) && !seen.has(word.toLowerCase())) {
    seen.add(word.toLowerCase());
    const [target, ...own] = aliases[word.toLowerCase()].split(/\s+/);
    word = gvrWord(target);
    if (!rest.length) rest = own;
  }
  return [word, ...rest].join(' ');
}

/** k9s names kinds by group/version/resource (`v1/pods`, `apps/v1/deployments`); kdrill by name or resource.group. */
export function gvrWord(target: string): string {
  const parts = target.split('/');
  if (parts.length === 3) return `${parts[2]}.${parts[0]}`;
  if (parts.length === 2) return parts[1];
  return target;
}
