import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { EdgeConfig } from '../model/edge/edge-types.js';
import { edgeConfigOf } from '../model/edge/nginx-config.js';

// A copy of /etc/nginx is small: anything larger is not configuration (logs, certificates bundles, binaries).
const MAX_FILE_BYTES = 1 << 20;
const MAX_FILES = 5_000;

/** Every text file under `root` (recursively, symlinks followed, binary and large files skipped), keyed by path relative to it with `/`. */
export function readConfigTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string, depth: number) => {
    if (depth > 12 || files.size >= MAX_FILES) return;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      let st;
      try {
        st = statSync(path);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(path, depth + 1);
      else if (st.isFile() && st.size <= MAX_FILE_BYTES) {
        const text = readFileSync(path, 'utf8');
        if (!text.includes('\u0000')) files.set(relative(root, path).split(sep).join('/'), text);
      }
    }
  };
  walk(root, 0);
  return files;
}

/**
 * Reads `--edge-config PATH`: a directory (a copy of /etc/nginx, read recursively: its
 * nginx.conf, else every *.conf) or one file (read with its directory as the config root).
 * Throws when the path cannot be read.
 */
export function readEdgeConfig(path: string): EdgeConfig {
  const st = statSync(path);
  if (st.isDirectory()) return edgeConfigOf(path, readConfigTree(path));
  const root = dirname(path);
  return edgeConfigOf(path, readConfigTree(root), basename(path));
}
