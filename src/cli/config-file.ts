// Finds, reads and validates kdrill's config file (~/.config/kdrill/config.yaml or $KDRILL_CONFIG).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { load } from 'js-yaml';
import { CliError } from '../errors.js';
import { NO_CONFIG, validateConfig, type Ignored, type KdrillConfig } from '../model/config/kdrill-config.js';
import { MAIN_HELP, ROLLOUT_HELP, SIM_HELP, TRACE_HELP } from './help.js';
import { setFlagDefaults } from './parse.js';

/** The config in use, where it came from, and what of it was ignored. */
export interface LoadedConfig {
  config: KdrillConfig;
  /** The file read, or looked for. */
  path: string;
  /** Whether there was a file there. */
  found: boolean;
  /** Why this path: $KDRILL_CONFIG, $XDG_CONFIG_HOME, or the default place. */
  from: string;
  ignored: Ignored[];
}

/** The XDG config directory: $XDG_CONFIG_HOME when absolute (as the spec says), else ~/.config. */
export function xdgConfigHome(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  return xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config');
}

/** Where kdrill's config is looked for, and why there. */
export function configPath(env: NodeJS.ProcessEnv = process.env): { path: string; from: string; required: boolean } {
  if (env.KDRILL_CONFIG) return { path: env.KDRILL_CONFIG, from: '$KDRILL_CONFIG', required: true };
  const dir = xdgConfigHome(env);
  return { path: join(dir, 'kdrill', 'config.yaml'), from: env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? '$XDG_CONFIG_HOME' : 'the default place', required: false };
}

/** Flag names some command of this build takes (read from the commands' help). */
export function knownFlags(): Set<string> {
  return new Set([MAIN_HELP, TRACE_HELP, ROLLOUT_HELP, SIM_HELP].flatMap((h) => [...h.matchAll(/ --([a-z][a-z-]*)/g)].map((m) => m[1])));
}

let current: LoadedConfig | undefined;

/** The config read at start (`useConfig`), or none. */
export function loadedConfig(): LoadedConfig {
  return current ?? { config: NO_CONFIG, path: '', found: false, from: 'not read', ignored: [] };
}

/** Reads the config and makes its flag defaults the defaults of every command's flags. */
export function useConfig(env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  current = readConfig(env);
  setFlagDefaults(current.config.defaults);
  return current;
}

/** Reads the config; a problem is a one-line CliError naming the file (exit status 2). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const { path, from, required } = configPath(env);
  const hint = "run 'kdrill --check-config' to see what kdrill reads";
  if (!existsSync(path)) {
    if (required) throw new CliError(`config ${path} (from $KDRILL_CONFIG) does not exist`, 2, 'unset KDRILL_CONFIG or point it at a file');
    return { config: NO_CONFIG, path, found: false, from, ignored: [] };
  }
  let doc: unknown;
  try {
    doc = load(readFileSync(path, 'utf8'));
  } catch (e) {
    const err = e as Error & { mark?: { line: number }; reason?: string };
    const why = err.reason ? `${err.reason}${err.mark ? ` (line ${err.mark.line + 1})` : ''}` : err.message.split('\n')[0];
    throw new CliError(`config ${path}: not YAML: ${why}`, 2, hint);
  }
  const result = validateConfig(doc, knownFlags());
  if (result.error !== undefined) throw new CliError(`config ${path}: ${result.error}`, 2, hint);
  return { config: result.config, path, found: true, from, ignored: result.ignored };
}
