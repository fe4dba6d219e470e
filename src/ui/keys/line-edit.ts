import type { KeyToken } from './key-name.js';

/** A line being typed and where its cursor is (0..text.length). */
export interface EditedLine {
  text: string;
  cursor: number;
}

const isText = (t: KeyToken) => !!t.input && !t.ctrl && !/[\u0000-\u001f]/.test(t.input);

/** Where the word before `at` starts (readline's backward-word: skip spaces, then the word). */
function wordStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] === ' ') i--;
  while (i > 0 && text[i - 1] !== ' ') i--;
  return i;
}

/** Where the word after `at` ends (readline's forward-word: skip spaces, then the word). */
function wordEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && text[i] === ' ') i++;
  while (i < text.length && text[i] !== ' ') i++;
  return i;
}

/**
 * A key applied to a prompt's line as readline does: typing inserts at the cursor, Backspace
 * deletes before it, Ctrl-U deletes to the start, Ctrl-K to the end, Ctrl-W the word before,
 * Ctrl-A/Home and Ctrl-E/End go to the start and end, Left/Right move, Alt-B/Alt-F a word. Selected (filled-in)
 * text is replaced by typing and cleared by Backspace. undefined: the key does not edit.
 */
export function editLine(line: EditedLine & { selected?: boolean }, token: KeyToken): EditedLine | undefined {
  const { text, selected } = line;
  const at = Math.max(0, Math.min(text.length, line.cursor));
  if (isText(token)) {
    if (selected) return { text: token.input, cursor: token.input.length };
    return { text: text.slice(0, at) + token.input + text.slice(at), cursor: at + token.input.length };
  }
  switch (token.name) {
    case 'backspace':
      if (selected) return { text: '', cursor: 0 };
      return at === 0 ? { text, cursor: 0 } : { text: text.slice(0, at - 1) + text.slice(at), cursor: at - 1 };
    case 'ctrl+u':
      return { text: text.slice(at), cursor: 0 };
    case 'ctrl+k':
      return { text: text.slice(0, at), cursor: at };
    case 'ctrl+w': {
      const from = wordStart(text, at);
      return { text: text.slice(0, from) + text.slice(at), cursor: from };
    }
    case 'ctrl+a':
    case 'home':
      return { text, cursor: 0 };
    case 'ctrl+e':
    case 'end':
      return { text, cursor: text.length };
    case 'left':
    case 'ctrl+b':
      return { text, cursor: Math.max(0, at - 1) };
    case 'right':
    case 'ctrl+f':
      return { text, cursor: Math.min(text.length, at + 1) };
    case 'alt+b':
      return { text, cursor: wordStart(text, at) };
    case 'alt+f':
      return { text, cursor: wordEnd(text, at) };
  }
  return undefined;
}
