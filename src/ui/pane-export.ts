import { existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** A file name from what a pane shows: `deployment-shop-web.yaml`, with anything odd replaced. */
export function paneFileName(parts: readonly (string | undefined)[], extension: string): string {
  const base = parts.filter(Boolean).join('-').toLowerCase().replace(/[^a-z0-9._-]+/g, '_') || 'kdrill';
  return `${base}.${extension}`;
}

/** Writes the pane's text into `dir` without overwriting: an existing name gets `-1`, `-2`... and the message says so. */
export function savePane(dir: string, fileName: string, text: string): string {
  const dot = fileName.lastIndexOf('.');
  let path = join(dir, fileName);
  for (let i = 1; existsSync(path); i++) path = join(dir, `${fileName.slice(0, dot)}-${i}${fileName.slice(dot)}`);
  writeFileSync(path, text, { flag: 'wx' });
  const shown = (p: string) => (dir === process.cwd() ? `./${basename(p)}` : p);
  return path === join(dir, fileName) ? `saved to ${shown(path)}` : `saved to ${shown(path)} (${fileName} exists: kept)`;
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
