// Finds and reads a user's k9s files where k9s looks for them (internal/config/files.go, plugin.go):
// $K9S_CONFIG_DIR, else the XDG config directory's k9s/ (~/.config/k9s; on macOS ~/Library/Application
// Support/k9s; on Windows %LOCALAPPDATA%\k9s), the context's files under clusters/CLUSTER/CONTEXT/,
// and plugin snippets in the k9s/plugins directories of the XDG config, data and data dirs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { load } from 'js-yaml';
import type { KdrillConfig } from '../model/config/kdrill-config.js';
import { k9sSetup, NO_K9S, type K9sFile, type K9sSetup } from '../model/k9s/k9s-setup.js';

/** Where k9s's files are, and why there. */
export interface K9sDirs {
  config: string;
  /** Where clusters/CLUSTER/CONTEXT/ holds a context's own files. */
  data: string;
  pluginDirs: string[];
  from: string;
}

const abs = (v: string | undefined) => (v && isAbsolute(v) ? v : undefined);

function xdgHomes(env: NodeJS.ProcessEnv, platform: NodeJS.Platform) {
  const home = env.HOME || homedir();
  // adrg/xdg's defaults, which k9s uses.
  if (platform === 'darwin') return { config: abs(env.XDG_CONFIG_HOME) ?? join(home, 'Library', 'Application Support'), data: abs(env.XDG_DATA_HOME) ?? join(home, 'Library', 'Application Support'), dataDirs: ['/Library/Application Support'] };
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA || join(home, 'AppData', 'Local');
    return { config: abs(env.XDG_CONFIG_HOME) ?? local, data: abs(env.XDG_DATA_HOME) ?? local, dataDirs: [env.APPDATA || join(home, 'AppData', 'Roaming'), env.PROGRAMDATA || 'C:\\ProgramData'] };
  }
  return { config: abs(env.XDG_CONFIG_HOME) ?? join(home, '.config'), data: abs(env.XDG_DATA_HOME) ?? join(home, '.local', 'share'), dataDirs: (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter((d) => isAbsolute(d)) };
}

/** The directories k9s reads, as k9s chooses them (kdrill's config may name another: k9s.configDir). */
export function k9sDirs(config: KdrillConfig, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): K9sDirs {
  const xdg = xdgHomes(env, platform);
  const pluginDirs = [...xdg.dataDirs, xdg.data, xdg.config].map((d) => join(d, 'k9s', 'plugins'));
  if (config.k9s.configDir) return { config: config.k9s.configDir, data: config.k9s.configDir, pluginDirs, from: "kdrill's config (k9s.configDir)" };
  if (env.K9S_CONFIG_DIR) return { config: env.K9S_CONFIG_DIR, data: env.K9S_CONFIG_DIR, pluginDirs, from: '$K9S_CONFIG_DIR' };
  return { config: join(xdg.config, 'k9s'), data: join(xdg.data, 'k9s'), pluginDirs, from: abs(env.XDG_CONFIG_HOME) ? '$XDG_CONFIG_HOME' : 'the XDG default' };
}

// k9s's SanitizeFileName: ':' and '/' become '-'.
const safe = (name: string) => name.replace(/[:/]+/g, '-');

function read(source: string, type: K9sFile['type']): K9sFile | undefined {
  if (!existsSync(source)) return undefined;
  try {
    return { source, type, doc: load(readFileSync(source, 'utf8')) };
  } catch (e) {
    const err = e as Error & { reason?: string; mark?: { line: number } };
    return { source, type, error: `not YAML: ${err.reason ?? err.message.split('\n')[0]}${err.mark ? ` (line ${err.mark.line + 1})` : ''}` };
  }
}

function yamlFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return yamlFiles(path);
        return /\.ya?ml$/.test(name) ? [path] : [];
      });
  } catch {
    return [];
  }
}

/** Every k9s file that applies to a context, in k9s's order (global, the context's, plugin directories). */
export function k9sFiles(dirs: K9sDirs, cluster?: string, context?: string): K9sFile[] {
  const ctxDir = cluster && context ? join(dirs.data, 'clusters', safe(cluster), safe(context)) : undefined;
  const files: (K9sFile | undefined)[] = [];
  for (const type of ['aliases', 'hotkeys', 'plugins'] as const) {
    files.push(read(join(dirs.config, `${type}.yaml`), type));
    if (ctxDir) files.push(read(join(ctxDir, `${type}.yaml`), type));
  }
  for (const dir of dirs.pluginDirs) for (const f of yamlFiles(dir)) files.push(read(f, 'plugin'));
  return files.filter((f): f is K9sFile => !!f);
}

/** The k9s setup for a context (none when kdrill's config says k9s: false). */
export function readK9s(config: KdrillConfig, cluster?: string, context?: string, env: NodeJS.ProcessEnv = process.env): K9sSetup {
  if (!config.k9s.read) return NO_K9S;
  return k9sSetup(k9sFiles(k9sDirs(config, env), cluster, context));
}
