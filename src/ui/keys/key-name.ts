import type { Key } from 'ink';

/** Names a keypress as the binding table spells keys: `j`, `G`, `enter`, `escape`, `ctrl+c`, `pagedown`. */
export function keyName(input: string, key: Key): string {
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.backspace || key.delete) return 'backspace';
  return input;
}

/** One keypress: its name in the binding table, and the text it types. */
export interface KeyToken {
  name: string;
  input: string;
  ctrl: boolean;
  /** An Escape read together with this key (what Alt-key sends): a prompt may take the two as Alt-key. */
  alt?: string;
}

const ESCAPE: KeyToken = { name: 'escape', input: '', ctrl: false };

/**
 * Splits what the terminal delivered into keypresses. Keys sent faster than they are read
 * (a paste, tmux send-keys, a slow SSH link) arrive as one chunk such as ":deploy all\r";
 * each of them must count, in order.
 */
export function keyTokens(input: string, key: Key): KeyToken[] {
  // kdrill binds no Alt keys: ESC then a key read together (what Alt sends) is the two keys, the
  // key named as it would be alone (ESC Enter is Escape, then Enter; Ink marks such a key meta).
  if (key.meta && !key.escape) return [{ ...ESCAPE, ...(input.length === 1 && !key.ctrl ? { alt: input } : {}) }, ...keyTokens(input, { ...key, meta: false })];
  // ESC then a control key (Ctrl-C, Tab) read together: Ink drops the ESC and names nothing (`\x03`, not
  // ctrl+c; `\t` without tab). The key alone is named (Enter is return, Tab tab, Ctrl-C ctrl); a lone
  // `\n` (Ctrl-J) is not told apart from ESC `\n`, and stays unbound.
  if (input.length === 1 && input < ' ' && input !== '\n' && keyName(input, key) === input) return [ESCAPE, charToken(input)];
  const single = keyName(input, key);
  if (input.length <= 1 || input.includes('\u001b') || single !== input) return [{ name: single, input, ctrl: key.ctrl }];
  return [...input].map(charToken);
}

/** One character of a chunk as the key that types it. */
function charToken(ch: string): KeyToken {
  const code = ch.charCodeAt(0);
  if (ch === '\r' || ch === '\n') return { name: 'enter', input: '', ctrl: false };
  if (ch === '\t') return { name: 'tab', input: '', ctrl: false };
  if (code === 0x7f || code === 0x08) return { name: 'backspace', input: '', ctrl: false };
  if (code < 0x20) return { name: `ctrl+${String.fromCharCode(code + 96)}`, input: '', ctrl: true };
  return { name: ch, input: ch, ctrl: false };
}
