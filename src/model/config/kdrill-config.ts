// kdrill's own configuration file, validated (pure: the file is read in src/cli/config-file.ts).
import { flagProblem, FLAG_KINDS, NOT_DEFAULTS } from './config-flags.js';
import { themeOf, type ThemeChoice } from './config-theme.js';

/** Flag values by flag name, as the command line would give them. */
export type FlagValues = Record<string, string | boolean | string[]>;

/** The settings of the contexts whose name matches a glob (`prod*`). */
export interface ContextSettings {
  pattern: string;
  values: FlagValues;
}

/** A validated kdrill config. */
export interface KdrillConfig {
  defaults: FlagValues;
  contexts: ContextSettings[];
  theme?: ThemeChoice;
  /** Names of k9s plugins allowed under --readonly. */
  readOnlySafePlugins: string[];
  /** Where k9s's files are read from, when not where k9s looks (`k9s.configDir`); false: not read. */
  k9s: { configDir?: string; read: boolean };
}

/** A key of the file that is not used, and why. */
export interface Ignored {
  key: string;
  why: string;
}

/** The result of validating a file: the config, or the first problem as one line. */
export type Validated = { config: KdrillConfig; ignored: Ignored[]; error?: undefined } | { error: string };

/** The empty config (no file). */
export const NO_CONFIG: KdrillConfig = { defaults: {}, contexts: [], readOnlySafePlugins: [], k9s: { read: true } };

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a parsed YAML document; `known` says which flag names some command of this build takes. */
export function validateConfig(doc: unknown, known: ReadonlySet<string>): Validated {
  if (doc === undefined || doc === null) return { config: NO_CONFIG, ignored: [] };
  if (!isMap(doc)) return { error: 'the file must be a mapping (defaults:, contexts:, theme:, plugins:, k9s:)' };
  const ignored: Ignored[] = [];
  const config: KdrillConfig = { defaults: {}, contexts: [], readOnlySafePlugins: [], k9s: { read: true } };
  const flags = (where: string, raw: unknown, into: FlagValues, perContext: boolean): string | undefined => {
    if (!isMap(raw)) return `${where} must be a mapping of flag names to values`;
    for (const [name, value] of Object.entries(raw)) {
      const key = `${where}.${name}`;
      if (perContext && name === 'context') return `${key}: a context's settings cannot name another context`;
      if (!Object.hasOwn(FLAG_KINDS, name)) {
        ignored.push({ key, why: NOT_DEFAULTS.has(name) ? 'chosen on the command line only' : `kdrill has no flag --${name}` });
        continue;
      }
      const problem = flagProblem(name, value);
      if (problem) return `${key} ${problem}`;
      if (!known.has(name)) {
        ignored.push({ key, why: `no command of this kdrill takes --${name} yet` });
        continue;
      }
      into[name] = Array.isArray(value) ? value.map(String) : typeof value === 'boolean' ? value : String(value);
    }
    return undefined;
  };
  for (const [top, raw] of Object.entries(doc)) {
    let error: string | undefined;
    if (top === 'defaults') error = flags('defaults', raw, config.defaults, false);
    else if (top === 'contexts') {
      if (!isMap(raw)) error = 'contexts must be a mapping of context name patterns (prod*) to settings';
      else
        for (const [pattern, settings] of Object.entries(raw)) {
          const values: FlagValues = {};
          error ??= flags(`contexts.${pattern}`, settings, values, true);
          config.contexts.push({ pattern, values });
        }
    } else if (top === 'theme') {
      const theme = themeOf(raw);
      if (typeof theme === 'string') error = `theme${theme}`;
      else config.theme = theme;
    } else if (top === 'plugins') {
      const safe = isMap(raw) ? raw.readOnlySafe : undefined;
      if (!isMap(raw) || (safe !== undefined && (!Array.isArray(safe) || !safe.every((s) => typeof s === 'string')))) error = 'plugins must be a mapping with readOnlySafe: a list of k9s plugin names';
      else {
        config.readOnlySafePlugins = (safe as string[] | undefined) ?? [];
        for (const k of Object.keys(raw)) if (k !== 'readOnlySafe') ignored.push({ key: `plugins.${k}`, why: 'kdrill reads only readOnlySafe here (plugins themselves are in k9s plugins.yaml)' });
      }
    } else if (top === 'k9s') {
      if (raw === false) config.k9s = { read: false };
      else if (isMap(raw) && (raw.configDir === undefined || typeof raw.configDir === 'string') && Object.keys(raw).every((k) => k === 'configDir')) config.k9s = { read: true, configDir: raw.configDir as string | undefined };
      else error = 'k9s must be false (do not read k9s files) or a mapping with configDir: DIR';
    } else ignored.push({ key: top, why: 'not a kdrill setting (defaults, contexts, theme, plugins, k9s)' });
    if (error) return { error };
  }
  return { config, ignored };
}

/** Whether a context name matches a pattern, `*` standing for any characters (as in a shell). */
export function contextMatches(pattern: string, context: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(context);
}

/** The settings for a context: every matching pattern's, later patterns winning. */
export function contextSettings(config: KdrillConfig, context: string | undefined): FlagValues {
  if (context === undefined) return {};
  return Object.assign({}, ...config.contexts.filter((c) => contextMatches(c.pattern, context)).map((c) => c.values));
}
