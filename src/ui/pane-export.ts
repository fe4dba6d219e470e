import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A file name from what a pane shows: `deployment-shop-web.yaml`, with anything odd replaced. */
export function paneFileName(parts: readonly (string | undefined)[], extension: string): string {
  const base = parts.filter(Boolean).join('-').toLowerCase().replace(/[^a-z0-9._-]+/g, '_') || 'kdrill';
  return `${base}.${extension}`;
}

/** What Ctrl-S saves and c copies: the pane's text and a file name for it. */
export interface PaneExport {
  /** The pane's text, made when asked (a followed log is megabytes). */
  text: () => string;
  fileName: string;
  /** The pane shows a Secret: files get mode 0600; `decoded` (stringData) is there only while x is on. */
  secret?: { namespace: string; name: string; decoded?: string };
}

/** Files that may hold a Secret: readable by their owner only, from the moment they exist. */
export const SECRET_FILE_MODE = 0o600;

/** Where a save of `fileName` in `dir` goes without overwriting: the name, or with `-1`, `-2`... */
export function freePath(dir: string, fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  let path = join(dir, fileName);
  for (let i = 1; existsSync(path); i++) path = join(dir, `${fileName.slice(0, dot)}-${i}${fileName.slice(dot)}`);
  return path;
}

/** A path as the footer shows it: `./name` in the working directory. */
export function shownPath(path: string): string {
  return dirname(path) === process.cwd() ? `./${basename(path)}` : path;
}

/** Creates `path` with `text` (never over an existing file), with `mode` from the start: no chmod after. */
export function writeNewFile(path: string, text: string, mode?: number): void {
  writeFileSync(path, text, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
}

/** Writes the pane's text into `dir` without overwriting: an existing name gets `-1`, `-2`... and the message says so. */
export function savePane(dir: string, fileName: string, text: string, mode?: number): string {
  const path = freePath(dir, fileName);
  writeNewFile(path, text, mode);
  return path === join(dir, fileName) ? `saved to ${shownPath(path)}` : `saved to ${shownPath(path)} (${fileName} exists: kept)`;
}

/** Most terminals refuse clipboard writes larger than this (base64 bytes). */
export const OSC52_LIMIT = 100_000;

/**
 * The OSC 52 sequence that puts text on the clipboard of the terminal the user sits at, over
 * SSH; inside tmux it is wrapped so tmux passes it on (tmux needs `set -g allow-passthrough on`
 * or `set-clipboard on`).
 */
export function osc52(text: string, inTmux: boolean): string | undefined {
  const data = Buffer.from(text, 'utf8').toString('base64');
  if (data.length > OSC52_LIMIT) return undefined;
  const seq = `\x1b]52;c;${data}\x07`;
  return inTmux ? `\x1bPtmux;${seq.replace(/\x1b/g, '\x1b\x1b')}\x1b\\` : seq;
}
